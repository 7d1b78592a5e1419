import { TZDate } from '@date-fns/tz';
import type { CallbackPeriod } from './hq-settings';
import { DAY, HOUR } from './time';
import { TIME_ZONE } from './types';

/** The months a callback period spans: the periods start on 1 January and follow each other. */
const PERIOD_MONTHS: Record<CallbackPeriod, number> = { month: 1, quarter: 3, half_year: 6, year: 12 };

/** [start, end) of the callback period (Asia/Shanghai calendar) an instant falls in, as UTC instants. */
export function callbackPeriodRange(period: CallbackPeriod, instant: number): { start: number; end: number } {
  const local = new TZDate(instant, TIME_ZONE);
  const months = PERIOD_MONTHS[period];
  const first = Math.floor(local.getMonth() / months) * months;
  return {
    start: new TZDate(local.getFullYear(), first, 1, TIME_ZONE).getTime(),
    end: new TZDate(local.getFullYear(), first + months, 1, TIME_ZONE).getTime(),
  };
}

/** The start (00:00 Beijing time) of the day an instant falls in. Asia/Shanghai has no daylight saving time, so days are 24 hours. */
export function shanghaiDayStart(instant: number): number {
  return Math.floor((instant + 8 * HOUR) / DAY) * DAY - 8 * HOUR;
}

/** A well-mixed 32-bit hash of a customer's id (Knuth's multiplicative hash), so that neighbouring ids land on different days. */
const mix = (customerId: number) => Math.imul(customerId, 2654435761) >>> 0;

/**
 * The day a VIP's periodic callback is due: a day of the period picked by the customer's id, so
 * that the province's VIPs spread evenly over the period (a steady daily load) and a customer keeps
 * their day from one run to the next. A task made when its day has passed (a customer who became a
 * VIP mid-period, the first run of the job) spreads over the days left instead, today included.
 */
export function callbackDueAt(customerId: number, period: { start: number; end: number }, now: number): number {
  const days = Math.round((period.end - period.start) / DAY);
  const day = period.start + (mix(customerId) % days) * DAY;
  const today = Math.max(shanghaiDayStart(now), period.start);
  if (day >= today) return day;
  const left = Math.max(1, Math.round((period.end - today) / DAY));
  return today + (mix(customerId) % left) * DAY;
}

export type CallbackOutcome = 'reached' | 'not_reached' | 'declined';

export interface RetryRules {
  callbackRetryHours: number;
  callbackMaxAttempts: number;
}

/**
 * What an attempt does to a task: reached or declined ends it; not reached leaves it open for
 * another try after the retry hours, until the attempts run out (then it ends not reached).
 */
export function afterAttempt(outcome: CallbackOutcome, attemptsBefore: number, rules: RetryRules, now: number) {
  const attempts = attemptsBefore + 1;
  if (outcome === 'not_reached' && attempts < rules.callbackMaxAttempts) {
    return { status: 'open' as const, attempts, nextAttemptAt: now + rules.callbackRetryHours * HOUR, completedAt: null };
  }
  return { status: outcome, attempts, nextAttemptAt: null, completedAt: now };
}

/** When an open task is to be worked: its next attempt once one failed, else its due day. */
export const callbackWorkAt = (task: { dueAt: number; nextAttemptAt: number | null }) => task.nextAttemptAt ?? task.dueAt;

/** Overdue: its due day is over and nothing final has been recorded. */
export const isCallbackOverdue = (task: { dueAt: number }, now: number) => now >= task.dueAt + DAY;

/**
 * Whether an open task is in the hotline's queue now: it is due (its next attempt come), and a task
 * assigned to an account manager reaches the hotline staff only once it is overdue.
 */
export function inHotlineQueue(task: { dueAt: number; nextAttemptAt: number | null; assignedStaffId: number | null }, now: number): boolean {
  if (callbackWorkAt(task) > now) return false;
  return task.assignedStaffId === null || isCallbackOverdue(task, now);
}

/**
 * The latest a periodic callback counts as on time: the end of its due day plus the time every
 * retry allowed takes (retry hours x (attempts - 1)), and never after its period ends.
 */
export function onTimeDeadline(task: { dueAt: number; periodEnd: number }, rules: RetryRules): number {
  return Math.min(task.dueAt + DAY + (rules.callbackMaxAttempts - 1) * rules.callbackRetryHours * HOUR, task.periodEnd);
}

/**
 * A VIP is called on time when their periodic task got a final outcome (reached, declined, or not
 * reached after every attempt) by its deadline. Settled: final, or its deadline passed (only settled
 * tasks count in the share; a task still within its time counts neither way).
 */
export function callbackTimeliness(
  task: { dueAt: number; periodEnd: number; status: string; completedAt: number | null },
  rules: RetryRules,
  now: number,
): 'on_time' | 'late' | 'pending' {
  const deadline = onTimeDeadline(task, rules);
  if (task.status !== 'open' && task.completedAt !== null) return task.completedAt <= deadline ? 'on_time' : 'late';
  return now > deadline ? 'late' : 'pending';
}

/** The share called on time, in per cent rounded down to one decimal; null when nothing is settled. */
export function onTimeShare(onTime: number, settled: number): number | null {
  return settled === 0 ? null : Math.floor((onTime / settled) * 1000) / 10;
}
