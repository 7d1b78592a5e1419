import { z } from 'zod';
import { shanghaiYear } from '@/lib/domain/time';
import { MATRIX_SORTS } from '@/lib/domain/matrix-sort';
import { CLUB_CODES } from '@/lib/domain/types';

/** Year and sort of the compliance matrix from the URL; anything malformed falls back to its default. */
export const complianceParams = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .catch(() => shanghaiYear(Date.now()))
    .default(() => shanghaiYear(Date.now())),
  sort: z.enum(MATRIX_SORTS).catch('province').default('province'),
  club: z.enum(CLUB_CODES).optional().catch(undefined),
});
