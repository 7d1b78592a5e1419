import { z } from 'zod';
import { SEGMENTS, type Segment } from './types';

/**
 * HQ's settings: the numbers and rules the plan (../shared/seed, the 3G service plan) leaves open,
 * each with the default the app applies until an admin changes it and the place in the plan it
 * serves. Stored one row per key (table hq_settings); a key with no row, or a row that no longer
 * parses, reads as its default, so a new setting needs no migration of data.
 */

const perSegment = (min: number, max: number) => z.object(Object.fromEntries(SEGMENTS.map((s) => [s, z.int().min(min).max(max)])) as Record<Segment, z.ZodInt>).strict();

/** Who may book handset services and apply for trials: the plan makes priority trial and appointments VIP rights (四(二)3、6). */
export const SERVICE_ACCESS_RULES = ['handset_members_and_vips', 'handset_members', 'everyone'] as const;
export type ServiceAccessRule = (typeof SERVICE_ACCESS_RULES)[number];

export const CALLBACK_PERIODS = ['month', 'quarter', 'half_year', 'year'] as const;
export type CallbackPeriod = (typeof CALLBACK_PERIODS)[number];

/** Each setting: how a stored value is checked, its default, and the plan's section it comes from. */
export const HQ_SETTINGS = {
  /** 四(二)5: 10010 calls every VIP back periodically (定期回访); the plan names no period. */
  callbackPeriod: { schema: z.enum(CALLBACK_PERIODS), default: 'quarter' as CallbackPeriod, plan: '四(二)5' },
  /** 四(二)5: a VIP not reached is tried again after so many hours, so many times in all. */
  callbackRetryHours: { schema: z.int().min(1).max(24 * 14), default: 24, plan: '四(二)5' },
  callbackMaxAttempts: { schema: z.int().min(1).max(10), default: 3, plan: '四(二)5' },
  /** 四(二)4: complaints of 3G customers first (投诉优先处理), VIPs' sooner: hours to answer by segment. */
  complaintDeadlineHours: { schema: perSegment(1, 24 * 30), default: { postpaid_vip: 24, postpaid: 48, prepaid: 48 } as Record<Segment, number>, plan: '四(二)4' },
  /** 四(二)4, 首问服务制: days the customer has to confirm or reopen an answered complaint. */
  complaintConfirmDays: { schema: z.int().min(1).max(60), default: 7, plan: '四(二)4' },
  /** 四(二)3、6: priority trial and hall appointments are VIP rights whatever the club. */
  serviceAccess: { schema: z.enum(SERVICE_ACCESS_RULES), default: 'handset_members_and_vips' as ServiceAccessRule, plan: '四(二)3、6' },
  /** 附表1 积分回馈: prepaid customers get no points rewards; who earns points and who may pay in them. */
  segmentPoints: {
    schema: z.object(Object.fromEntries(SEGMENTS.map((s) => [s, z.object({ earn: z.boolean(), pay: z.boolean() }).strict()])) as Record<Segment, z.ZodObject<{ earn: z.ZodBoolean; pay: z.ZodBoolean }>>).strict(),
    default: { prepaid: { earn: false, pay: false }, postpaid: { earn: true, pay: true }, postpaid_vip: { earn: true, pay: true } } as Record<Segment, { earn: boolean; pay: boolean }>,
    plan: '附表1',
  },
  /**
   * 附表1 话费 / 账单: the billing cycle charges go on the bill in. A cycle starts on this day of the
   * month at 00:00 Beijing time; up to the 28th, so that every month has the day.
   */
  billingCycle: { schema: z.object({ startDay: z.int().min(1).max(28) }).strict(), default: { startDay: 1 } as { startDay: number }, plan: '附表1' },
} as const;

export type HqSettingKey = keyof typeof HQ_SETTINGS;
export type HqSettings = { [K in HqSettingKey]: z.infer<(typeof HQ_SETTINGS)[K]['schema']> };
export const HQ_SETTING_KEYS = Object.keys(HQ_SETTINGS) as HqSettingKey[];

/** The settings in force: each stored value that still parses, the default for the rest. */
export function resolveHqSettings(rows: readonly { key: string; value: unknown }[]): HqSettings {
  const out = Object.fromEntries(HQ_SETTING_KEYS.map((k) => [k, HQ_SETTINGS[k].default])) as Record<HqSettingKey, unknown>;
  for (const row of rows) {
    if (!(row.key in HQ_SETTINGS)) continue;
    const parsed = HQ_SETTINGS[row.key as HqSettingKey].schema.safeParse(row.value);
    if (parsed.success) out[row.key as HqSettingKey] = parsed.data;
  }
  return out as HqSettings;
}

/** A value for a key, checked; throws zod's error when it does not fit. */
export function parseHqSetting<K extends HqSettingKey>(key: K, value: unknown): HqSettings[K] {
  return HQ_SETTINGS[key].schema.parse(value) as HqSettings[K];
}
