import { z } from 'zod';
import { plainLine } from './fields';
import { STAFF_CHANNELS, staffChannel } from './members';

/** The systems a token stands for: every channel but the member's own web. */
export const TOKEN_CHANNELS = STAFF_CHANNELS;

export const createApiTokenInput = z.object({
  name: plainLine(z.string('token_name_required').trim().min(1, 'token_name_required').max(60, 'text_too_long')),
  channel: staffChannel,
  /** A six-digit province code, or HQ for every province. */
  scope: z
    .string('unknown_province')
    .trim()
    .regex(/^(\d{6}|HQ)$/i, 'unknown_province')
    .transform((s) => (s.toUpperCase() === 'HQ' ? null : s)),
});

export type CreateApiTokenInput = z.output<typeof createApiTokenInput>;
