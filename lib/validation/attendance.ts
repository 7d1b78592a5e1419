import { z } from 'zod';
import { id, plainText } from './fields';


/** Comments and callback opinions are free text, kept short enough to read in a list. */
export const MAX_OPINION_LENGTH = 500;

const opinionText = plainText(z.string().trim().max(MAX_OPINION_LENGTH, 'text_too_long')).optional().default('');

/** Closing is only done from the confirmation step, whose button sends confirm=yes. */
export const closeEventInput = z.object({
  eventId: id,
  confirm: z.literal('yes', { error: 'close_confirmation_required' }),
});

/** One row of a completed event's attendance, set to attended (true) or no-show (false). */
export const attendanceCorrectionInput = z.object({
  eventId: id,
  registrationId: id,
  attended: z.enum(['true', 'false'], { error: 'invalid_boolean' }).transform((v) => v === 'true'),
});

export const feedbackInput = z.object({
  eventId: id,
  registrationId: id,
  rating: z.coerce.number('rating_required').int('rating_required').min(1, 'rating_required').max(5, 'rating_required'),
  comment: opinionText,
});
