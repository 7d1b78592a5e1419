import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { createRandom } from '@/db/seed/random';
import { customers, events, registrations } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { resolvePeriod } from '@/lib/domain/stats-period';
import { DAY, HOUR, shanghaiInstant } from '@/lib/domain/time';
import { CHANNELS, EVENT_KINDS_BY_CLUB, SEGMENTS, type ClubCode, type RegistrationStatus } from '@/lib/domain/types';
import { statsFilters } from '@/lib/validation/stats';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { getStatistics } from './stats';

withTempDatabase();

/**
 * Unique and repeat participants over ranges of days, whole months and custom ranges with ragged
 * ends (participantsFromChain), against a count of the attended registrations done here: per
 * province, customers with at least one (two) attended events in range and scope, added up.
 */
const NOW = shanghaiInstant(2026, 12, 20, 12);
const PROVINCES = ['440000', '110000'];
const hq: Actor = { kind: 'staff', role: 'analyst', staffId: 3, provinceCode: null, clubCodes: null, name: '总部分析' };
const gd: Actor = { kind: 'staff', role: 'analyst', staffId: 4, provinceCode: '440000', clubCodes: null, name: '广东分析' };

interface Attendance {
  registrationId: number;
  eventId: number;
  customerId: number;
  province: string;
  club: ClubCode;
  kind: string;
  segment: string;
  channel: string;
  startsAt: number;
  status: RegistrationStatus;
}

let facts: Attendance[] = [];

/** 60 customers, 70 events from November 2025 to June 2026 at any day and hour, ~600 registrations, most attended. */
beforeAll(async () => {
  const random = createRandom(2207);
  const from = shanghaiInstant(2025, 11, 1);
  const to = shanghaiInstant(2026, 7, 1);
  await withTransaction(async (tx) => {
    const people = await tx
      .insert(customers)
      .values(Array.from({ length: 60 }, (_, i) => ({ mobile: `1390000${String(i).padStart(4, '0')}`, name: `会员${i}`, segment: random.pick(SEGMENTS), provinceCode: random.pick(PROVINCES) })))
      .returning({ id: customers.id, segment: customers.segment });
    for (let i = 0; i < 70; i++) {
      const club = random.pick(['music', 'film', 'gaming'] as const);
      const kind = random.pick(EVENT_KINDS_BY_CLUB[club]);
      // Some at a month's first and last hour, where a Beijing day and a UTC day differ.
      const startsAt = i % 10 === 0 ? shanghaiInstant(2026, 1 + (i % 6), 1) : i % 10 === 1 ? shanghaiInstant(2026, 2 + (i % 5), 1) - HOUR : random.between(from, to);
      const province = random.pick(PROVINCES);
      const [event] = await tx
        .insert(events)
        .values({ clubCode: club, provinceCode: province, kind, titleZh: `活动${i}`, venue: '会场', startsAt, endsAt: startsAt + 2 * HOUR, capacity: 100, regOpensAt: startsAt - 30 * DAY, regClosesAt: startsAt - DAY, eligibleSegments: [...SEGMENTS], status: 'completed', publishedAt: startsAt - 40 * DAY })
        .returning({ id: events.id });
      for (const person of people) {
        if (!random.chance(0.14)) continue;
        const status: RegistrationStatus = random.chance(0.8) ? 'attended' : random.pick(['no_show', 'confirmed'] as const);
        const channel = random.pick(CHANNELS);
        const [registration] = await tx
          .insert(registrations)
          .values({ eventId: event!.id, customerId: person.id, status, channel, ticketSecret: `p-${i}-${person.id}`, shortCode: String(person.id).padStart(6, '0') })
          .returning({ id: registrations.id });
        facts.push({ registrationId: registration!.id, eventId: event!.id, customerId: person.id, province, club, kind, segment: person.segment, channel, startsAt, status });
      }
    }
  });
});

type Scope = { club?: ClubCode; kind?: string; segment?: string; channel?: string };

function expected(from: string, to: string, scope: Scope, province?: string): [number, number] {
  const period = resolvePeriod({ kind: 'custom', from, to })!;
  const counts = new Map<string, number>();
  for (const a of facts) {
    if (a.status !== 'attended' || a.startsAt < period.start || a.startsAt >= period.end) continue;
    if ((province && a.province !== province) || (scope.club && a.club !== scope.club) || (scope.kind && a.kind !== scope.kind)) continue;
    if ((scope.segment && a.segment !== scope.segment) || (scope.channel && a.channel !== scope.channel)) continue;
    const key = `${a.province}/${a.customerId}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [counts.size, [...counts.values()].filter((n) => n >= 2).length];
}

async function participants(actor: Actor, from: string, to: string, scope: Scope): Promise<[number, number]> {
  const s = await getStatistics(actor, statsFilters.parse({ period: 'custom', from, to, ...scope }), NOW);
  return [s.uniqueParticipants, s.repeatParticipants];
}

// Whole months, ragged ends on both sides, within one month, two partial months, a day, and
// ranges whose ends fall on events' days (a month's first and last day).
const RANGES: [string, string][] = [
  ['2025-11-01', '2026-06-30'],
  ['2026-01-01', '2026-03-31'],
  ['2026-02-01', '2026-02-28'],
  ['2025-11-17', '2026-05-09'],
  ['2025-12-31', '2026-04-01'],
  ['2026-01-02', '2026-01-30'],
  ['2026-02-20', '2026-03-10'],
  ['2026-03-15', '2026-06-14'],
  ['2026-04-30', '2026-05-01'],
  ['2026-05-31', '2026-05-31'],
  ['2025-12-10', '2026-02-28'],
  ['2026-01-01', '2026-05-20'],
];
const SCOPES: Scope[] = [
  {},
  { club: 'music' },
  { club: 'film', kind: 'film_premiere' },
  { kind: 'gaming_tournament' },
  { segment: 'postpaid_vip' },
  { channel: 'hall' },
  // Two and three filters at once, and a kind of another club (nobody).
  { club: 'music', segment: 'prepaid' },
  { segment: 'postpaid', channel: 'web' },
  { kind: 'film_fan_exchange', segment: 'postpaid_vip', channel: 'hotline' },
  { club: 'gaming', channel: 'sms' },
  { club: 'music', kind: 'film_premiere' },
];

describe('unique and repeat participants from the participation chain', () => {
  it('equal a count of the attended registrations for whole months, ragged ends and single days, nationally and in a province', async () => {
    let repeaters = 0;
    for (const [from, to] of RANGES) {
      for (const scope of SCOPES) {
        const label = `${from}..${to} ${JSON.stringify(scope)}`;
        const national = expected(from, to, scope);
        expect(await participants(hq, from, to, scope), label).toEqual(national);
        expect(await participants(gd, from, to, scope), `${label} in Guangdong`).toEqual(expected(from, to, scope, '440000'));
        repeaters += national[1];
      }
    }
    // The data makes the question real: many come back, within a range and across its ends.
    expect(repeaters).toBeGreaterThan(100);
    expect(expected('2026-01-01', '2026-03-31', { club: 'music', segment: 'prepaid' })[1]).toBeGreaterThan(0);
    const years = await getStatistics(hq, statsFilters.parse({ year: '2026', period: 'quarter', quarter: '1' }), NOW);
    expect([years.uniqueParticipants, years.repeatParticipants]).toEqual(expected('2026-01-01', '2026-03-31', {}));
  });

  it('follow attendance undone and redone, a rescheduled event and a moved one, and stay equal to a recount', async () => {
    const attended = facts.filter((a) => a.status === 'attended');
    // Undo every fifth attendance, then redo half of those.
    const undone = attended.filter((_, i) => i % 5 === 0);
    await withTransaction((tx) => tx.update(registrations).set({ status: 'no_show' }).where(inArray(registrations.id, undone.map((a) => a.registrationId))));
    for (const a of undone) a.status = 'no_show';
    const redone = undone.filter((_, i) => i % 2 === 0);
    for (const a of redone) {
      await withTransaction((tx) => tx.update(registrations).set({ status: 'attended' }).where(eq(registrations.id, a.registrationId)));
      a.status = 'attended';
    }
    // An event moved to another month, and one moved to the other province.
    const [first, second] = [facts[0]!.eventId, facts.find((a) => a.eventId !== facts[0]!.eventId)!.eventId];
    const movedTo = shanghaiInstant(2026, 3, 12, 19);
    await withTransaction((tx) => tx.update(events).set({ startsAt: movedTo, endsAt: movedTo + 2 * HOUR, regClosesAt: movedTo - DAY }).where(eq(events.id, first)));
    const otherProvince = PROVINCES.find((p) => p !== facts.find((a) => a.eventId === second)!.province)!;
    await withTransaction((tx) => tx.update(events).set({ provinceCode: otherProvince }).where(eq(events.id, second)));
    facts = facts.map((a) => (a.eventId === first ? { ...a, startsAt: movedTo } : a.eventId === second ? { ...a, province: otherProvince } : a));

    for (const [from, to] of RANGES.slice(0, 8)) {
      for (const scope of [...SCOPES.slice(0, 3), SCOPES[7]!]) {
        const label = `${from}..${to} ${JSON.stringify(scope)}`;
        expect(await participants(hq, from, to, scope), label).toEqual(expected(from, to, scope));
        expect(await participants(gd, from, to, scope), `${label} in Guangdong`).toEqual(expected(from, to, scope, '440000'));
      }
    }
    expect(await getReader().select().from(registrations).where(eq(registrations.status, 'attended'))).toHaveLength(facts.filter((a) => a.status === 'attended').length);
    await expectDerivedNumbersConsistent();
  });
});
