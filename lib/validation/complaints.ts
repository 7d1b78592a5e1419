import { z } from 'zod';
import { COMPLAINT_MAX_LENGTH, COMPLAINT_MIN_LENGTH, COMPLAINT_QUEUE_TABS } from '@/lib/domain/complaint-rules';
import { COMPLAINT_KINDS, COMPLAINT_TOPICS } from '@/lib/domain/types';
import { id, plainText } from './fields';
import { staffChannel } from './members';

/** A member's complaint or suggestion (a complaint unless said): what it is about and what happened. */
export const complaintInput = z.object({
  kind: z.enum(COMPLAINT_KINDS, { error: 'kind_required' }).default('complaint'),
  topic: z.enum(COMPLAINT_TOPICS, { error: 'topic_required' }),
  body: plainText(z.string('complaint_required').trim().min(COMPLAINT_MIN_LENGTH, 'complaint_too_short').max(COMPLAINT_MAX_LENGTH, 'text_too_long')),
});

/** A complaint an operator takes down for a customer at a hall or on the hotline, and the channel; the page's key makes a double submit one complaint. */
export const staffComplaintInput = complaintInput.extend({ customerId: id, channel: staffChannel, idempotencyKey: z.string().optional() });

/** The owner's answer to a complaint (words required, checked with the kind on the server), or a suggestion's acknowledgement. */
export const complaintReplyInput = z.object({
  complaintId: id,
  reply: plainText(z.string().trim().max(COMPLAINT_MAX_LENGTH, 'text_too_long')).default(''),
});

/** A staff member takes a complaint; the customer confirms an answer. */
export const complaintIdInput = z.object({ complaintId: id });

const reason = plainText(z.string('reason_required').trim().min(2, 'reason_required').max(500, 'text_too_long'));

/** The owner hands a complaint to another operator of the province, saying why. */
export const complaintTransferInput = z.object({ complaintId: id, toStaffId: id, reason });

/** The customer reopens an answer, saying why. */
export const complaintReopenInput = z.object({ complaintId: id, reason });

/** The customer rates the handling, 1 to 5. */
export const complaintRatingInput = z.object({ complaintId: id, rating: z.coerce.number('rating_required').int('rating_required').min(1, 'rating_required').max(5, 'rating_required') });

export const complaintQueueSearch = z.object({
  province: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .catch(undefined),
  status: z.enum(COMPLAINT_QUEUE_TABS).catch('open').default('open'),
});
