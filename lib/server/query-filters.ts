import 'server-only';
import type { z } from 'zod';
import { filterErrors, type FilterRefusal } from '@/lib/validation/query-filters';
import { problem } from './http';
import { listProvinces } from './provinces';

export type Query = Record<string, string | string[] | undefined>;

export type FilterReading<T> = { filters: T; refusal: null } | { filters: null; refusal: FilterRefusal };

const given = (query: Query): Record<string, string> =>
  Object.fromEntries(Object.entries(query).flatMap(([key, value]) => (value === undefined ? [] : [[key, Array.isArray(value) ? value.join(', ') : value]])));

/**
 * A view's filters from its query, or why they are refused: malformed values by the schema, a
 * well-formed province code by the provinces there are (a province outside an analyst's scope is
 * a 403 later, from the use-case, as before).
 */
export async function readFilters<S extends z.ZodType<object>>(schema: S, query: Query): Promise<FilterReading<z.output<S>>> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) return { filters: null, refusal: { fields: filterErrors(parsed.error), values: given(query) } };
  const province = 'province' in parsed.data ? parsed.data.province : undefined;
  if (typeof province === 'string' && !(await listProvinces()).some((p) => p.code === province)) {
    return { filters: null, refusal: { fields: { province: 'filter_unknown' }, values: given(query) } };
  }
  return { filters: parsed.data, refusal: null };
}

/** What an export answers to a refused query: 400, the codes per field, and the refusal in words. */
export function filterProblem(refusal: FilterRefusal, detail: string): Response {
  return problem(400, 'invalid_filter', { detail, errors: refusal.fields });
}

/** What the form of a refused view keeps: each filter that is valid on its own. */
export function validFields<F extends Record<string, z.ZodType>>(fields: F, query: Query): { [K in keyof F]?: z.output<F[K]> } {
  const kept: { [K in keyof F]?: z.output<F[K]> } = {};
  for (const key of Object.keys(fields) as (keyof F)[]) {
    const parsed = fields[key]!.safeParse(query[key as string]);
    if (parsed.success) kept[key] = parsed.data as z.output<F[typeof key]>;
  }
  return kept;
}
