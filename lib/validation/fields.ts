import { z } from 'zod';
import { parseShanghaiLocal } from '@/lib/domain/time';

// Field schemas the forms share. Messages are error codes, translated by the `errors` namespace.

/** A row id from a form or a URL. */
export const id = z.coerce.number('invalid_id').int('invalid_id').positive('invalid_id').max(Number.MAX_SAFE_INTEGER, 'invalid_id');

/** Free text, trimmed; empty becomes null. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, 'text_too_long')
    .optional()
    .transform((v) => (v ? v : null));

/** A datetime-local value in Beijing time, to a UTC instant. */
export const localTime = (code = 'invalid_time') =>
  z.string(code).transform((value, ctx) => {
    const instant = parseShanghaiLocal(value);
    if (instant === null) {
      ctx.addIssue({ code: 'custom', message: code });
      return z.NEVER;
    }
    return instant;
  });
