'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { markAllRead, markShownRead } from '@/lib/server/inbox';

const throughMessage = z.object({ throughId: z.coerce.number().int().positive() });
/** The ids of the messages a page showed, comma-separated (one page at most). */
const shownMessages = z.object({
  ids: z
    .string()
    .regex(/^\d{1,15}(,\d{1,15}){0,99}$/)
    .transform((ids) => ids.split(',').map(Number)),
});

/** Marks the messages just shown as read without refreshing the page that shows them. */
export const markInboxSeen = formAction(AREA_ROLES.member, shownMessages, async ({ ids }, actor) => {
  await markShownRead(actor, ids);
});

export const markInboxRead = formAction(AREA_ROLES.member, throughMessage, async ({ throughId }, actor) => {
  await markAllRead(actor, throughId);
  revalidatePath('/messages');
});
