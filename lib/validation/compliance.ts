import { z } from 'zod';
import { MATRIX_SORTS } from '@/lib/domain/matrix-sort';
import { CLUB_CODES } from '@/lib/domain/types';
import { optionalFilter } from './query-filters';

/**
 * Year, sort and club of the compliance matrix from the URL; without a year, this year (Beijing
 * time). A malformed value is refused (lib/validation/query-filters.ts), not replaced: a matrix of
 * this year under a link to another would pass for the other.
 */
export const complianceParams = z.object({
  year: optionalFilter(z.coerce.number().int().min(2000).max(2100)),
  sort: z.preprocess((v) => (v === '' ? undefined : v), z.enum(MATRIX_SORTS).default('province')),
  club: optionalFilter(z.enum(CLUB_CODES)),
});
