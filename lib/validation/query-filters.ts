import { z } from 'zod';

/*
 * Filters read from a URL's query. A value that is not one of the filter's values is refused with
 * the field it is in, never replaced by a default: a page that silently showed this year for
 * month=13 would present the wrong figures as the ones asked for.
 */

/** An empty field of a GET form means "any": absent, not invalid. */
export const optionalFilter = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

/** A day of the calendar, "2026-02-28": not 2026-02-30. */
export const filterDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((value) => {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  });

/** A province code as GB/T 2260 writes it; whether the province exists is checked against the database. */
export const filterProvince = z.string().regex(/^\d{6}$/);

/** A refused query: a code per field, and the values as given, for the message that names them. */
export interface FilterRefusal {
  fields: Record<string, string>;
  values: Record<string, string>;
}

/** The refusal a query's issues make: one code per field, for the page and the problem document. */
export function filterErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'period');
    fields[field] ??= issue.code === 'custom' && issue.message.startsWith('filter_') ? issue.message : 'invalid_filter';
  }
  return fields;
}

/**
 * A from after its to, refused on the to with its own code. Zod runs an object's refinements even
 * when a field failed, so only two valid days are compared.
 */
export function refuseReversed(value: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  const { from, to } = value;
  if (from && to && filterDay.safeParse(from).success && filterDay.safeParse(to).success && from > to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'filter_reversed' });
  }
}
