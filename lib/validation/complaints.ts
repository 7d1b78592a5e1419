import { z } from 'zod';
import { COMPLAINT_MAX_LENGTH, COMPLAINT_MIN_LENGTH } from '@/lib/domain/complaint-rules';
import { COMPLAINT_TOPICS } from '@/lib/domain/types';
import { id, plainText } from './fields';
import { staffChannel } from './members';

/** A member's complaint: what it is about and what happened. */
export const complaintInput = z.object({
  topic: z.enum(COMPLAINT_TOPICS, { error: 'topic_required' }),
  body: plainText(z.string('complaint_required').trim().min(COMPLAINT_MIN_LENGTH, 'complaint_too_short').max(COMPLAINT_MAX_LENGTH, 'text_too_long')),
});

/** A complaint an operator takes down for a customer at a hall or on the hotline, and the channel; the page's key makes a double submit one complaint. */
export const staffComplaintInput = complaintInput.extend({ customerId: id, channel: staffChannel, idempotencyKey: z.string().optional() });

/** An operator's answer to a complaint, which resolves it. */
export const complaintReplyInput = z.object({
  complaintId: id,
  reply: plainText(z.string('reply_required').trim().min(1, 'reply_required').max(COMPLAINT_MAX_LENGTH, 'text_too_long')),
});

export const complaintQueueSearch = z.object({
  province: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .catch(undefined),
  status: z.enum(['open', 'resolved']).catch('open').default('open'),
});
