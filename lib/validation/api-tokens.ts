import { z } from 'zod';
import { CHANNELS } from '@/lib/domain/types';

export const TOKEN_CHANNELS = CHANNELS.filter((c) => c !== 'web') as Exclude<(typeof CHANNELS)[number], 'web'>[];

export const createApiTokenInput = z.object({
  name: z.string('token_name_required').trim().min(1, 'token_name_required').max(60, 'text_too_long'),
  channel: z.enum(TOKEN_CHANNELS as [string, ...string[]], { error: 'channel_required' }).transform((c) => c as (typeof TOKEN_CHANNELS)[number]),
  /** A six-digit province code, or HQ for every province. */
  scope: z
    .string('unknown_province')
    .trim()
    .regex(/^(\d{6}|HQ)$/i, 'unknown_province')
    .transform((s) => (s.toUpperCase() === 'HQ' ? null : s)),
});

export type CreateApiTokenInput = z.output<typeof createApiTokenInput>;
