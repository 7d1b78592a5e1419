import { z } from 'zod';
import { CALLBACK_PERIODS, SERVICE_ACCESS_RULES } from '@/lib/domain/hq-settings';
import { wholeNumber } from './fields';

const hours = wholeNumber('invalid_hours', 1, 24 * 30);

/** The settings form of /admin/settings: every field of the HQ settings that are numbers or choices. */
export const hqSettingsInput = z
  .object({
    callbackPeriod: z.enum(CALLBACK_PERIODS, 'invalid_input'),
    callbackRetryHours: wholeNumber('invalid_hours', 1, 24 * 14),
    callbackMaxAttempts: wholeNumber('invalid_attempts', 1, 10),
    complaintDeadlineHoursVip: hours,
    complaintDeadlineHoursPostpaid: hours,
    complaintDeadlineHoursPrepaid: hours,
    complaintConfirmDays: wholeNumber('invalid_days', 1, 60),
    serviceAccess: z.enum(SERVICE_ACCESS_RULES, 'invalid_input'),
    billingCycleStartDay: wholeNumber('invalid_day_of_month', 1, 28),
  })
  .transform(({ complaintDeadlineHoursVip, complaintDeadlineHoursPostpaid, complaintDeadlineHoursPrepaid, billingCycleStartDay, ...rest }) => ({
    ...rest,
    complaintDeadlineHours: { postpaid_vip: complaintDeadlineHoursVip, postpaid: complaintDeadlineHoursPostpaid, prepaid: complaintDeadlineHoursPrepaid },
    billingCycle: { startDay: billingCycleStartDay },
  }));
