'use server';

import { revalidatePath } from 'next/cache';
import { AREA_ROLES } from '@/lib/domain/access';
import { formAction } from '@/lib/server/action';
import { submitFeedback } from '@/lib/server/attendance';
import { feedbackInput } from '@/lib/validation/attendance';

/** The member's own feedback; submitFeedback checks the registration is theirs and was attended. */
export const submitMyFeedback = formAction(AREA_ROLES.member, feedbackInput, async ({ eventId, ...input }, actor) => {
  const saved = await submitFeedback(actor, input);
  revalidatePath(`/events/${eventId}`);
  return { status: 'ok', code: saved.edited ? 'feedback_updated' : 'feedback_saved' };
});
