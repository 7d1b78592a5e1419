import { z } from 'zod';
import { CLUB_CODES, SEGMENTS, type ClubCode, type Segment } from '@/lib/domain/types';

/** A column of ticked segments (`join_music[]`, `earn[]`, `pay[]`): none ticked sends nothing, which is an empty column. */
const segmentColumn = z.array(z.enum(SEGMENTS, { error: 'invalid_input' })).default([]);

/**
 * The segment policy matrix of /admin/settings: for each club the segments that may join, and the
 * segments that earn points and that may pay in them. Every club keeps at least one segment.
 */
export const segmentPolicyInput = z
  .object({
    ...(Object.fromEntries(CLUB_CODES.map((c) => [`join_${c}`, segmentColumn])) as Record<`join_${ClubCode}`, typeof segmentColumn>),
    earn: segmentColumn,
    pay: segmentColumn,
  })
  .superRefine((v, ctx) => {
    for (const c of CLUB_CODES) if (v[`join_${c}`].length === 0) ctx.addIssue({ code: 'custom', path: [`join_${c}`], message: 'segment_policy_club_empty' });
  })
  .transform((v) => ({
    allowedSegments: Object.fromEntries(CLUB_CODES.map((c) => [c, SEGMENTS.filter((s) => v[`join_${c}`].includes(s))])) as Record<ClubCode, Segment[]>,
    segmentPoints: Object.fromEntries(SEGMENTS.map((s) => [s, { earn: v.earn.includes(s), pay: v.pay.includes(s) }])) as Record<Segment, { earn: boolean; pay: boolean }>,
  }));
export type SegmentPolicyInput = z.output<typeof segmentPolicyInput>;
