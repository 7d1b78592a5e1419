import { z } from 'zod';
import { DAY, parseShanghaiLocal, toShanghaiLocal } from '@/lib/domain/time';
import { SEGMENTS } from '@/lib/domain/types';
import { id, localTime as localTimeField, optionalText, plainLine, plainText, wholeNumber } from './fields';

// The operators' forms and page filters of the handset club services. Messages are error codes.

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** The Beijing calendar day ("2027-03-06") an instant falls on. */
export function beijingDay(instant: number): string {
  return toShanghaiLocal(instant).slice(0, 10);
}

/** Midnight (Beijing) of a "YYYY-MM-DD" day as a UTC instant; null when malformed. */
export function dayStartOf(day: string): number | null {
  return DAY_PATTERN.test(day) ? parseShanghaiLocal(`${day}T00:00`) : null;
}

/** The day `days` after (or before) a valid "YYYY-MM-DD" day; Beijing has no daylight saving time. */
export function shiftDay(day: string, days: number): string {
  const start = dayStartOf(day);
  if (start === null) throw new RangeError(`not a day: ${day}`);
  return beijingDay(start + days * DAY);
}

/**
 * The province a staff member works on: their own, or for HQ the valid one chosen in the URL.
 * HQ without a choice gets null, and the page asks for one instead of picking it silently.
 */
export function serviceProvinceOf(actorProvince: string | null, chosen: string | undefined, known: readonly string[]): string | null {
  if (actorProvince) return actorProvince;
  return chosen && known.includes(chosen) ? chosen : null;
}

const province = z
  .string()
  .regex(/^\d{6}$/)
  .optional()
  .catch(undefined);

/** The page filters of the services area; malformed values fall back to their defaults. */
export const serviceScopeSearch = z.object({ province });

export const bookingQueueSearch = z.object({
  province,
  day: z
    .string()
    .refine((d) => dayStartOf(d) !== null)
    .optional()
    .catch(undefined),
  hall: z.coerce.number().int().positive().optional().catch(undefined),
});

/** A hall chosen in a form; none chosen is undefined (the server says whether one is needed). */
const hallChoice = z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number('hall_required').int('hall_required').positive('hall_required').optional());

const requiredText = (max: number, code = 'field_required') => plainLine(z.string(code).trim().min(1, code).max(max, 'text_too_long'));
const localTime = localTimeField();

export const MAX_NOTES_LENGTH = 1000;

/** Confirm, start, or complete a booking; completing it says what was repaired or cleaned. */
export const bookingStepInput = z
  .object({
    bookingId: id,
    to: z.enum(['confirmed', 'in_progress', 'done'], { error: 'invalid_input' }),
    notes: optionalText(MAX_NOTES_LENGTH, { multiline: true }),
  })
  .superRefine((input, ctx) => {
    if (input.to === 'done' && !input.notes) ctx.addIssue({ code: 'custom', path: ['notes'], message: 'field_required' });
  })
  .transform(({ notes, ...rest }) => ({ ...rest, notes: notes ?? undefined }));

export const bookingCancelInput = z.object({
  bookingId: id,
  reason: plainText(z.string('reason_required').trim().min(1, 'reason_required').max(500, 'text_too_long')),
});

/** Lending a loaner until the end of a Beijing day. */
export const lendLoanerInput = z
  .object({
    bookingId: id,
    loanerId: z.coerce.number('field_required').int('field_required').positive('field_required'),
    dueDate: z.string('invalid_time').refine((d) => dayStartOf(d) !== null, 'invalid_time'),
  })
  .transform(({ dueDate, ...rest }) => ({ ...rest, dueAt: dayStartOf(dueDate)! + DAY - 60_000 }));

/** A slot: a day, a start and an end time at a hall (or in an area, for on-site repair), and when booking opens. */
export const slotInput = z
  .object({
    serviceId: id,
    hallId: hallChoice,
    area: optionalText(200),
    areaEn: optionalText(200),
    date: z.string('invalid_time').regex(DAY_PATTERN, 'invalid_time'),
    startTime: z.string('invalid_time').regex(TIME_PATTERN, 'invalid_time'),
    endTime: z.string('invalid_time').regex(TIME_PATTERN, 'invalid_time'),
    opensAt: localTime,
    capacity: z.coerce.number('capacity_too_small').int('capacity_too_small').min(1, 'capacity_too_small').max(1000, 'capacity_too_large'),
  })
  .transform(({ date, startTime, endTime, ...rest }, ctx) => {
    const startsAt = parseShanghaiLocal(`${date}T${startTime}`);
    const endsAt = parseShanghaiLocal(`${date}T${endTime}`);
    if (startsAt === null || endsAt === null) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'invalid_time' });
      return z.NEVER;
    }
    return { ...rest, startsAt, endsAt };
  });

/** What a service offers: texts, who may use it, VIP priority, price, on or off. */
export const serviceSettingsInput = z.object({
  serviceId: id,
  descriptionZh: plainText(z.string().trim().max(2000, 'text_too_long')).default(''),
  descriptionEn: optionalText(2000, { multiline: true }),
  eligibleSegments: z.array(z.enum(SEGMENTS), { error: 'segments_required' }).min(1, 'segments_required'),
  vipPriorityHours: wholeNumber('invalid_input', 0, 720),
  pricePoints: wholeNumber('invalid_price', 0, 1_000_000),
  active: z
    .string()
    .optional()
    .transform((v) => v === 'on'),
});

export const trialProgrammeInput = z.object({
  serviceId: id,
  titleZh: requiredText(100, 'title_required'),
  titleEn: optionalText(100),
  units: z.coerce.number('capacity_too_small').int('capacity_too_small').min(1, 'capacity_too_small').max(10_000, 'capacity_too_large'),
  vipOpensAt: localTime,
  opensAt: localTime,
  closesAt: localTime,
  loanDays: z.coerce.number('invalid_input').int('invalid_input').min(1, 'invalid_input').max(365, 'invalid_input'),
});

export const trialStepInput = z.object({
  applicationId: id,
  step: z.enum(['select', 'decline', 'hand_over', 'return'], { error: 'invalid_input' }),
});

export const loanerInput = z.object({
  provinceCode: z
    .string()
    .regex(/^\d{6}$/, 'unknown_province')
    .optional(),
  hallId: z.coerce.number('hall_required').int('hall_required').positive('hall_required'),
  model: requiredText(100),
  imei: z
    .string('invalid_imei')
    .trim()
    .regex(/^\d{15}$/, 'invalid_imei'),
  condition: requiredText(200),
});

export const loanerReturnInput = z.object({
  loanId: id,
  condition: plainLine(z.string().trim().max(200, 'text_too_long')).default(''),
});

export const TRIAL_SERVICE_KINDS = ['handset_trial', 'service_trial'] as const;
/** Bookings a loaner may be lent to. */
export const REPAIR_SERVICE_KINDS = ['booked_repair', 'onsite_repair'] as const;

export const isKindOf = <K extends string>(kinds: readonly K[], kind: string): kind is K => (kinds as readonly string[]).includes(kind);
