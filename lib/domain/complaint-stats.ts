import { beijingMonthOf } from './stats-period';
import { HOUR } from './time';
import type { Channel, ComplaintTopic, Segment } from './types';

/** One complaint as the statistics count it. */
export interface ComplaintFact {
  province: string;
  topic: ComplaintTopic;
  channel: Channel;
  segment: Segment;
  createdAt: number;
  resolvedAt: number | null;
}

/** Complaints of one topic, province, channel or month. */
export interface ComplaintGroup {
  key: string;
  received: number;
  answered: number;
  open: number;
  /** Median hours from filing to the answer, of the answered ones; null when none is. */
  medianHours: number | null;
}

/** The middle value, or the mean of the two middle ones; null for none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const hoursToAnswer = (facts: ComplaintFact[]) => median(facts.flatMap((f) => (f.resolvedAt === null ? [] : [(f.resolvedAt - f.createdAt) / HOUR])));

function groupBy(facts: ComplaintFact[], keyOf: (f: ComplaintFact) => string): ComplaintGroup[] {
  const groups = new Map<string, ComplaintFact[]>();
  for (const f of facts) {
    const key = keyOf(f);
    const members = groups.get(key);
    if (members) members.push(f);
    else groups.set(key, [f]);
  }
  return [...groups].map(([key, members]) => {
    const answered = members.filter((f) => f.resolvedAt !== null).length;
    return { key, received: members.length, answered, open: members.length - answered, medianHours: hoursToAnswer(members) };
  });
}

const busiestFirst = (a: ComplaintGroup, b: ComplaintGroup) => b.received - a.received || a.key.localeCompare(b.key);

/**
 * What HQ and the provinces check of complaint handling (投诉处理; 3G VIPs first): how many came in,
 * how many were answered and how fast (VIPs against everyone else), and how long the oldest
 * unanswered one has waited, by topic, province, channel and month of filing (Beijing time).
 */
export function summarizeComplaints(facts: ComplaintFact[], now: number) {
  const open = facts.filter((f) => f.resolvedAt === null);
  const vip = facts.filter((f) => f.segment === 'postpaid_vip');
  const oldestOpen = open.reduce<number | null>((oldest, f) => (oldest === null || f.createdAt < oldest ? f.createdAt : oldest), null);
  return {
    received: facts.length,
    answered: facts.length - open.length,
    open: open.length,
    vipShare: facts.length > 0 ? vip.length / facts.length : null,
    medianHours: hoursToAnswer(facts),
    medianHoursVip: hoursToAnswer(vip),
    medianHoursOthers: hoursToAnswer(facts.filter((f) => f.segment !== 'postpaid_vip')),
    /** Hours the oldest open complaint has waited so far; null when none is open. */
    oldestOpenHours: oldestOpen === null ? null : (now - oldestOpen) / HOUR,
    byTopic: groupBy(facts, (f) => f.topic).sort(busiestFirst),
    byProvince: groupBy(facts, (f) => f.province).sort(busiestFirst),
    byChannel: groupBy(facts, (f) => f.channel).sort(busiestFirst),
    byMonth: groupBy(facts, (f) => beijingMonthOf(f.createdAt)).sort((a, b) => a.key.localeCompare(b.key)),
  };
}

export type ComplaintSummary = ReturnType<typeof summarizeComplaints>;
