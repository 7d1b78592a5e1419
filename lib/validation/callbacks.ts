import { z } from 'zod';
import { COMPLAINT_MAX_LENGTH, COMPLAINT_MIN_LENGTH } from '@/lib/domain/complaint-rules';
import { COMPLAINT_KINDS, COMPLAINT_TOPICS } from '@/lib/domain/types';
import { MAX_OPINION_LENGTH } from './attendance';
import { id, plainText } from './fields';

export const CALLBACK_OUTCOMES = ['reached', 'not_reached', 'declined'] as const;

/**
 * One attempt at a callback: its outcome, the customer's opinion in their words, and optionally a
 * complaint or suggestion they raised (followUp=complaint|suggestion, with its topic and their
 * words), filed in the same step.
 */
export const callbackOutcomeInput = z
  .object({
    callbackId: id,
    outcome: z.enum(CALLBACK_OUTCOMES, { error: 'outcome_required' }),
    opinion: plainText(z.string().trim().max(MAX_OPINION_LENGTH, 'text_too_long')).optional().default(''),
    followUp: z.enum(['none', ...COMPLAINT_KINDS], { error: 'invalid_input' }).optional().default('none'),
    complaintTopic: z.enum(COMPLAINT_TOPICS, { error: 'topic_required' }).optional(),
    complaintBody: plainText(z.string().trim().max(COMPLAINT_MAX_LENGTH, 'text_too_long')).optional().default(''),
  })
  .superRefine((v, ctx) => {
    if (v.followUp === 'none') return;
    if (!v.complaintTopic) ctx.addIssue({ code: 'custom', path: ['complaintTopic'], message: 'topic_required' });
    if (v.complaintBody.length < COMPLAINT_MIN_LENGTH) ctx.addIssue({ code: 'custom', path: ['complaintBody'], message: 'complaint_too_short' });
  })
  .transform(({ callbackId, outcome, opinion, followUp, complaintTopic, complaintBody }) => ({
    callbackId,
    outcome,
    opinion,
    complaint: followUp !== 'none' && complaintTopic ? { kind: followUp, topic: complaintTopic, body: complaintBody } : undefined,
  }));
