import { describe, expect, it } from 'vitest';
import { hqSettingsInput } from './hq-settings';

const form = {
  callbackPeriod: 'quarter',
  callbackRetryHours: '24',
  callbackMaxAttempts: '3',
  complaintDeadlineHoursVip: '24',
  complaintDeadlineHoursPostpaid: '48',
  complaintDeadlineHoursPrepaid: '48',
  complaintConfirmDays: '7',
  serviceAccess: 'handset_members_and_vips',
  billingCycleStartDay: '15',
};

describe('the HQ settings form', () => {
  it('turns the billing cycle’s start day into the setting', () => {
    expect(hqSettingsInput.parse(form).billingCycle).toEqual({ startDay: 15 });
  });

  it('refuses a start day that not every month has, or none', () => {
    for (const day of ['29', '0', '1.5', '']) {
      const result = hqSettingsInput.safeParse({ ...form, billingCycleStartDay: day });
      expect(result.error?.issues.map((i) => [i.path.join('.'), i.message]), day).toEqual([['billingCycleStartDay', 'invalid_day_of_month']]);
    }
  });
});
