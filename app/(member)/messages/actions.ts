'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { markAllRead } from '@/lib/server/inbox';

const throughMessage = z.object({ throughId: z.coerce.number().int().positive() });

/** Marks the messages just shown as read without refreshing the page that shows them. */
export const markInboxSeen = formAction(AREA_ROLES.member, throughMessage, async ({ throughId }, actor) => {
  await markAllRead(actor, throughId);
});

export const markInboxRead = formAction(AREA_ROLES.member, throughMessage, async ({ throughId }, actor) => {
  await markAllRead(actor, throughId);
  revalidatePath('/messages');
});
