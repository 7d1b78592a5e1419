import { z } from 'zod';
import { VISIT_PURPOSES } from '@/lib/domain/hall-visits';

const id = z.coerce.number().int().positive();
const purpose = z.enum(VISIT_PURPOSES, { error: 'invalid_input' });

/** Hall staff check a customer in: by mobile number with what they came for, or from one of today's bookings. */
export const hallCheckInInput = z.union([
  z.object({ hallId: id, bookingId: id }).strict(),
  z.object({ hallId: id, mobile: z.string().trim().min(1, 'invalid_mobile').max(20, 'invalid_mobile'), purpose }).strict(),
]);

/** Staff call the next customer (start) or finish their business. */
export const hallVisitStepInput = z.object({ visitId: id, step: z.enum(['start', 'finish'], { error: 'invalid_input' }) }).strict();

/** A member checks themself in with the code of the hall's QR. */
export const hallCodeCheckInInput = z.object({ code: z.string().trim().min(1).max(100), purpose }).strict();

export const hallQueueParams = z.object({ id });
