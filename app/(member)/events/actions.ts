'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { resetMyFeed } from '@/lib/server/personal-calendar';

/** A new secret URL for the member's personal calendar feed; the old one stops working. */
export const resetMyCalendarFeed = formAction(AREA_ROLES.member, z.object({}), async (_input, actor) => {
  await resetMyFeed(actor);
  revalidatePath('/events');
  return { status: 'ok', code: 'feed_reset' };
});
