import { describe, expect, it } from 'vitest';
import { HQ_SETTINGS, HQ_SETTING_KEYS, parseHqSetting, resolveHqSettings } from './hq-settings';

describe('HQ settings', () => {
  it('read as their defaults when nothing is stored', () => {
    const settings = resolveHqSettings([]);
    expect(settings.callbackPeriod).toBe('quarter');
    expect(settings.complaintDeadlineHours).toEqual({ postpaid_vip: 24, postpaid: 48, prepaid: 48 });
    expect(settings.complaintConfirmDays).toBe(7);
    expect(settings.serviceAccess).toBe('handset_members_and_vips');
    // 附表1: prepaid customers get no points rewards.
    expect(settings.segmentPoints.prepaid).toEqual({ earn: false, pay: false });
    // The billing cycle is the calendar month until HQ says otherwise.
    expect(settings.billingCycle).toEqual({ startDay: 1 });
  });

  it('take a stored value that parses, and fall back to the default for one that does not or an unknown key', () => {
    const settings = resolveHqSettings([
      { key: 'callbackPeriod', value: 'month' },
      { key: 'complaintConfirmDays', value: 'seven' },
      { key: 'complaintDeadlineHours', value: { postpaid_vip: 12, postpaid: 36 } },
      { key: 'retired', value: 1 },
    ]);
    expect(settings.callbackPeriod).toBe('month');
    expect(settings.complaintConfirmDays).toBe(7);
    expect(settings.complaintDeadlineHours).toEqual(HQ_SETTINGS.complaintDeadlineHours.default);
    expect(Object.keys(settings).sort()).toEqual([...HQ_SETTING_KEYS].sort());
  });

  it('refuse values outside their range', () => {
    expect(() => parseHqSetting('callbackMaxAttempts', 0)).toThrow();
    expect(() => parseHqSetting('callbackPeriod', 'week')).toThrow();
    expect(() => parseHqSetting('complaintDeadlineHours', { postpaid_vip: 24, postpaid: 48, prepaid: 48, extra: 1 })).toThrow();
    expect(parseHqSetting('complaintDeadlineHours', { postpaid_vip: 12, postpaid: 24, prepaid: 48 })).toEqual({ postpaid_vip: 12, postpaid: 24, prepaid: 48 });
    // A start day every month has: the 29th would skip February.
    expect(() => parseHqSetting('billingCycle', { startDay: 29 })).toThrow();
    expect(() => parseHqSetting('billingCycle', { startDay: 0 })).toThrow();
    expect(parseHqSetting('billingCycle', { startDay: 28 })).toEqual({ startDay: 28 });
  });

  it('each name the section of the plan it comes from', () => {
    for (const key of HQ_SETTING_KEYS) expect(HQ_SETTINGS[key].plan, key).toMatch(/^(四|五|六|附表)/);
  });
});
