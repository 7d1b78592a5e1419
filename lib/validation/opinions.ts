import { z } from 'zod';
import { OPINION_SOURCES } from '@/lib/domain/opinions';
import { CLUB_CODES, COMPLAINT_TOPICS } from '@/lib/domain/types';
import { filterDay, filterProvince, optionalFilter, refuseReversed } from './query-filters';

/** Each filter of the opinions view on its own: what the form keeps of a refused query. */
export const opinionFields = {
  province: optionalFilter(filterProvince),
  club: optionalFilter(z.enum(CLUB_CODES)),
  source: optionalFilter(z.enum(OPINION_SOURCES)),
  topic: optionalFilter(z.enum(COMPLAINT_TOPICS)),
  from: optionalFilter(filterDay),
  to: optionalFilter(filterDay),
  page: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(100_000).default(1)),
};

/**
 * The opinions view from the URL (bookmarkable, shared by the page and its exports); a malformed
 * value or a from after its to is refused (lib/validation/query-filters.ts).
 */
export const opinionFilters = z.object(opinionFields).superRefine(refuseReversed);

export type OpinionFilters = z.infer<typeof opinionFilters>;
