import { z } from 'zod';
import { OPINION_SOURCES } from '@/lib/domain/opinions';
import { CLUB_CODES, COMPLAINT_TOPICS } from '@/lib/domain/types';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The opinions view from the URL (bookmarkable, shared by the page and its exports); malformed values fall back to everything. */
export const opinionFilters = z.object({
  province: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  club: z.enum(CLUB_CODES).optional().catch(undefined),
  source: z.enum(OPINION_SOURCES).optional().catch(undefined),
  topic: z.enum(COMPLAINT_TOPICS).optional().catch(undefined),
  from: day.optional().catch(undefined),
  to: day.optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});

export type OpinionFilters = z.infer<typeof opinionFilters>;
