import { z } from 'zod';
import { parseYuan } from '@/lib/domain/money';
import { MAX_SERIES_COUNT } from '@/lib/domain/series';
import { parseShanghaiLocal } from '@/lib/domain/time';
import { EVENT_KINDS, PRICE_TYPES, SEGMENTS } from '@/lib/domain/types';
import { localTime, optionalText, plainLine, plainText, wholeNumber } from './fields';
import { clubCode } from './members';

const optionalLocalTime = (code: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const instant = parseShanghaiLocal(value);
      if (instant === null) {
        ctx.addIssue({ code: 'custom', message: code });
        return z.NEVER;
      }
      return instant;
    });

/** The texts, place and price of an event, shared by single events and series. */
const eventDetails = {
  provinceCode: z
    .string()
    .regex(/^\d{6}$/, 'unknown_province')
    .optional(),
  clubCode,
  kind: z.enum(EVENT_KINDS, { error: 'kind_not_in_club' }),
  titleZh: plainLine(z.string('title_required').trim().min(1, 'title_required').max(100, 'text_too_long')),
  titleEn: optionalText(100),
  descriptionZh: plainText(z.string().trim().max(2000, 'text_too_long')).default(''),
  descriptionEn: optionalText(2000, { multiline: true }),
  venue: plainLine(z.string('venue_required').trim().min(1, 'venue_required').max(100, 'text_too_long')),
  venueEn: optionalText(100),
  city: optionalText(30),
  capacity: z.coerce.number('capacity_too_small').int('capacity_too_small').min(1, 'capacity_too_small').max(100_000, 'capacity_too_large'),
  priceType: z.enum(PRICE_TYPES, { error: 'price_required' }),
  priceYuan: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return 0;
      const fen = parseYuan(value);
      if (fen === null) {
        ctx.addIssue({ code: 'custom', message: 'invalid_price' });
        return z.NEVER;
      }
      return fen;
    }),
  pricePoints: z.coerce.number('invalid_price').int('invalid_price').min(0, 'invalid_price').max(1_000_000, 'invalid_price').default(0),
  eligibleSegments: z.array(z.enum(SEGMENTS), { error: 'segments_required' }).min(1, 'segments_required'),
};

export const eventInput = z
  .object({
    ...eventDetails,
    startsAt: localTime('invalid_time'),
    endsAt: localTime('invalid_time'),
    regOpensAt: localTime('invalid_time'),
    regClosesAt: localTime('invalid_time'),
    vipOpensAt: optionalLocalTime('invalid_time'),
  })
  .transform(({ priceYuan, ...rest }) => ({ ...rest, priceFen: priceYuan }));

export type EventInput = z.output<typeof eventInput>;

/** A series: the event's details once, and a rule that places each occurrence and its windows. */
export const eventSeriesInput = z
  .object({
    ...eventDetails,
    frequency: z.enum(['weekly', 'monthly', 'quarterly'], { error: 'invalid_rule' }),
    weekday: z.coerce.number('invalid_rule').int().min(0, 'invalid_rule').max(6, 'invalid_rule'),
    ordinal: z.coerce
      .number('invalid_rule')
      .int()
      .refine((n) => [1, 2, 3, 4, -1].includes(n), 'invalid_rule')
      .transform((n) => n as 1 | 2 | 3 | 4 | -1),
    startDate: z.string('invalid_rule').regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_rule'),
    count: z.coerce.number('invalid_rule').int().min(1, 'invalid_rule').max(MAX_SERIES_COUNT, 'invalid_rule'),
    time: z.string('invalid_rule').regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_rule'),
    durationMinutes: z.coerce.number('invalid_rule').int().min(15, 'invalid_rule').max(24 * 60, 'invalid_rule'),
    regOpensDaysBefore: z.coerce.number('invalid_rule').int().min(1, 'invalid_rule').max(180, 'invalid_rule'),
    regClosesHoursBefore: wholeNumber('invalid_rule', 0, 24 * 30),
    vipDaysBefore: z.coerce.number('invalid_rule').int().min(0, 'invalid_rule').max(30, 'invalid_rule').default(0),
    publish: z
      .string()
      .optional()
      .transform((v) => v === 'on' || v === 'true'),
  })
  .transform(({ priceYuan, ...rest }) => ({ ...rest, priceFen: priceYuan }));

export type EventSeriesInput = z.output<typeof eventSeriesInput>;

export const eventId = z.object({ eventId: z.coerce.number().int().positive() });

/** Staff event list filters from the URL; malformed values fall back to their defaults. */
export const staffEventFilters = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  club: clubCode.optional().catch(undefined),
  status: z.enum(['draft', 'published', 'completed', 'cancelled']).optional().catch(undefined),
  province: z.string().regex(/^\d{6}$/).optional().catch(undefined),
});
