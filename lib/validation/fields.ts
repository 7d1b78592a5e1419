import { z } from 'zod';
import { isPlainLine, isPlainText } from '@/lib/domain/plain-text';
import { parseShanghaiLocal } from '@/lib/domain/time';

// Field schemas the forms share. Messages are error codes, translated by the `errors` namespace.

/** A row id from a form or a URL. */
export const id = z.coerce.number('invalid_id').int('invalid_id').positive('invalid_id').max(Number.MAX_SAFE_INTEGER, 'invalid_id');

/**
 * A whole number typed in a form, from `min` to `max`, refused with `code` otherwise. A blank field
 * is missing, not 0 (which z.coerce would make of it): clearing a setting must not set it to 0.
 */
export const wholeNumber = (code: string, min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.coerce.number(code).int(code).min(min, code).max(max, code));

/** The code of a refusal of control characters or bidi controls in free text (lib/domain/plain-text.ts). */
export const CONTROL_CHARACTERS = 'control_characters';

/**
 * The refinement every free-text field goes through: a one-line text (a title, a name, a venue)
 * refuses control characters, line breaks and bidi controls; a text of several lines (a
 * description, a complaint) refuses the same but line feeds.
 */
export const plainLine = (schema: z.ZodString) => schema.refine(isPlainLine, CONTROL_CHARACTERS);
export const plainText = (schema: z.ZodString) => schema.refine(isPlainText, CONTROL_CHARACTERS);

/** Free text, trimmed, one line or (`multiline`) several; empty becomes null. */
export const optionalText = (max: number, { multiline = false } = {}) =>
  (multiline ? plainText : plainLine)(z.string().trim().max(max, 'text_too_long'))
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
