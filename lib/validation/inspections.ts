import { z } from 'zod';
import { INSPECTION_ITEM_KEYS, INSPECTION_KINDS, INSPECTION_RATINGS, type InspectionItemKey, type InspectionRating } from '@/lib/domain/inspections';
import { id, localTime, optionalText, plainText } from './fields';

export const INSPECTION_TEXT_MAX = 500;

const province = z
  .string()
  .regex(/^\d{6}$/, 'unknown_province')
  .optional();

/**
 * An inspection as the form sends it: kind, the place visited (`hall:<id>` or `event:<id>`), when,
 * and for each scorecard item `rating_<key>` and `finding_<key>`. The items become one list; the
 * scorecard's own rules (a finding for each item not passed) are the domain's (checkScorecard).
 */
const scorecardShape = Object.fromEntries(
  INSPECTION_ITEM_KEYS.flatMap((key) => [
    [`rating_${key}`, z.enum(INSPECTION_RATINGS, { error: 'inspection_item_rating_required' })],
    [`finding_${key}`, optionalText(INSPECTION_TEXT_MAX, { multiline: true })],
  ]),
) as Record<string, z.ZodType<InspectionRating | string | null>>;

const inspectionFields = z.object({
    kind: z.enum(INSPECTION_KINDS, { error: 'inspection_kind_required' }),
    provinceCode: province,
    place: z.string('inspection_place_required').regex(/^(hall|event):\d{1,15}$/, 'inspection_place_required'),
    visitedAt: localTime(),
    note: optionalText(INSPECTION_TEXT_MAX, { multiline: true }),
});

export const inspectionInput = inspectionFields
  .extend(scorecardShape)
  .transform((value) => {
    const v = value as unknown as z.output<typeof inspectionFields>;
    const raw = value as Record<string, unknown>;
    const [placeKind, placeId] = v.place.split(':') as ['hall' | 'event', string];
    return {
      kind: v.kind,
      provinceCode: v.provinceCode,
      hallId: placeKind === 'hall' ? Number(placeId) : null,
      eventId: placeKind === 'event' ? Number(placeId) : null,
      visitedAt: v.visitedAt,
      note: v.note,
      items: INSPECTION_ITEM_KEYS.map((key): InspectionItemInput => ({ key, rating: raw[`rating_${key}`] as InspectionRating, finding: (raw[`finding_${key}`] as string | null) ?? null })),
    };
  });
export type InspectionInput = z.output<typeof inspectionInput>;
export type InspectionItemInput = { key: InspectionItemKey; rating: InspectionRating; finding: string | null };

/** The province's follow-up of one finding: what was done, and whether it is now fixed. */
export const followUpInput = z.object({
  itemId: id,
  followUp: plainText(z.string('follow_up_required').trim().min(1, 'follow_up_required').max(INSPECTION_TEXT_MAX, 'text_too_long')),
  fixed: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
});
export type FollowUpInput = z.output<typeof followUpInput>;

export const inspectionSearch = z.object({
  province: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .catch(undefined),
});
