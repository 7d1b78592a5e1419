import { beijingMonthOf } from './stats-period';
import { HOUR } from './time';
import type { Channel, ComplaintTopic, Segment } from './types';

/** One complaint as the statistics count it (suggestions are counted apart, by how many came in). */
export interface ComplaintFact {
  province: string;
  topic: ComplaintTopic;
  channel: Channel;
  segment: Segment;
  createdAt: number;
  /** The first answer, which the deadline is measured against; null while unanswered. */
  answeredAt: number | null;
  /** When the answer was due (HQ's hours for the segment). */
  deadlineAt: number | null;
  /** How often the customer reopened it. */
  reopenCount: number;
  /** The customer's rating of the handling, 1-5. */
  rating: number | null;
}

/** Complaints of one topic, province, channel or month. */
export interface ComplaintGroup {
  key: string;
  received: number;
  answered: number;
  open: number;
  /** Median hours from filing to the first answer, of the answered ones; null when none is. */
  medianHours: number | null;
  /** Of the complaints whose answer is known to be in time or late, the share in time; null for none. */
  inTimeRate: number | null;
  /** Complaints the customer reopened at least once. */
  reopened: number;
  /** The customers' average rating of the handling (1-5), and of how many; null for none. */
  satisfaction: number | null;
  ratings: number;
}

/** The middle value, or the mean of the two middle ones; null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const hoursToAnswer = (facts: ComplaintFact[]) => median(facts.flatMap((f) => (f.answeredAt === null ? [] : [(f.answeredAt - f.createdAt) / HOUR])));

/**
 * Answered in time: the first answer by the deadline. Counted of the complaints whose outcome is
 * known at `now`: answered, or unanswered past the deadline (late already); the others may still
 * make it.
 */
function inTimeRate(facts: ComplaintFact[], now: number): number | null {
  let due = 0;
  let inTime = 0;
  for (const f of facts) {
    if (f.deadlineAt === null) continue;
    if (f.answeredAt !== null) {
      due++;
      if (f.answeredAt <= f.deadlineAt) inTime++;
    } else if (f.deadlineAt < now) due++;
  }
  return due > 0 ? inTime / due : null;
}

function satisfaction(facts: ComplaintFact[]) {
  const ratings = facts.flatMap((f) => (f.rating === null ? [] : [f.rating]));
  return { satisfaction: ratings.length > 0 ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null, ratings: ratings.length };
}

function groupBy(facts: ComplaintFact[], keyOf: (f: ComplaintFact) => string, now: number): ComplaintGroup[] {
  const groups = new Map<string, ComplaintFact[]>();
  for (const f of facts) {
    const key = keyOf(f);
    const members = groups.get(key);
    if (members) members.push(f);
    else groups.set(key, [f]);
  }
  return [...groups].map(([key, members]) => {
    const answered = members.filter((f) => f.answeredAt !== null).length;
    return {
      key,
      received: members.length,
      answered,
      open: members.length - answered,
      medianHours: hoursToAnswer(members),
      inTimeRate: inTimeRate(members, now),
      reopened: members.filter((f) => f.reopenCount > 0).length,
      ...satisfaction(members),
    };
  });
}

const busiestFirst = (a: ComplaintGroup, b: ComplaintGroup) => b.received - a.received || a.key.localeCompare(b.key);

/**
 * What HQ and the provinces check of complaint handling (投诉处理; 3G VIPs first, 首问服务制): how
 * many came in, how many were answered, how fast and how many by their deadline (VIPs against
 * everyone else), how many the customers reopened and how satisfied they were, how long the oldest
 * unanswered one has waited, and how many suggestions came in beside them; by topic, province,
 * channel and month of filing (Beijing time).
 */
export function summarizeComplaints(facts: ComplaintFact[], now: number, suggestions = 0) {
  const open = facts.filter((f) => f.answeredAt === null);
  const vip = facts.filter((f) => f.segment === 'postpaid_vip');
  const others = facts.filter((f) => f.segment !== 'postpaid_vip');
  const oldestOpen = open.reduce<number | null>((oldest, f) => (oldest === null || f.createdAt < oldest ? f.createdAt : oldest), null);
  return {
    received: facts.length,
    answered: facts.length - open.length,
    open: open.length,
    vipShare: facts.length > 0 ? vip.length / facts.length : null,
    medianHours: hoursToAnswer(facts),
    medianHoursVip: hoursToAnswer(vip),
    medianHoursOthers: hoursToAnswer(others),
    inTimeRate: inTimeRate(facts, now),
    inTimeRateVip: inTimeRate(vip, now),
    inTimeRateOthers: inTimeRate(others, now),
    reopened: facts.filter((f) => f.reopenCount > 0).length,
    ...satisfaction(facts),
    satisfactionVip: satisfaction(vip).satisfaction,
    /** Hours the oldest open complaint has waited so far; null when none is open. */
    oldestOpenHours: oldestOpen === null ? null : (now - oldestOpen) / HOUR,
    suggestions,
    byTopic: groupBy(facts, (f) => f.topic, now).sort(busiestFirst),
    byProvince: groupBy(facts, (f) => f.province, now).sort(busiestFirst),
    byChannel: groupBy(facts, (f) => f.channel, now).sort(busiestFirst),
    byMonth: groupBy(facts, (f) => beijingMonthOf(f.createdAt), now).sort((a, b) => a.key.localeCompare(b.key)),
  };
}

export type ComplaintSummary = ReturnType<typeof summarizeComplaints>;
