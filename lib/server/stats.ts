import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { readAll, readStream } from '@/db/read-pool';
import { indexedBy } from '@/db/sql';
import {
  callbacks,
  complaints,
  customers,
  eventStats,
  events,
  feedback,
  halls,
  loanerLoans,
  loanerPhones,
  memberships,
  membershipStats,
  monthlyStats,
  participationCells,
  participationChain,
  registrations,
  serviceBookings,
  services,
  serviceSlots,
  trialApplications,
  trialProgrammes,
} from '@/db/schema';
import { isHq, seesIdentity, type Actor } from '@/lib/domain/access';
import { summarizeComplaints, type ComplaintFact } from '@/lib/domain/complaint-stats';
import { DomainError, forbidden } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { beijingMonthOf, monthBounds, resolvePeriod, splitByMonths, type PartMonth, type ResolvedPeriod } from '@/lib/domain/stats-period';
import { shanghaiYear } from '@/lib/domain/time';
import { EVENT_KINDS_BY_CLUB, type Channel, type ClubCode, type RegistrationStatus, type Segment } from '@/lib/domain/types';
import { periodOf, type StatsFilters } from '@/lib/validation/stats';

/** Analysts (their province, or every province at HQ) and admins read statistics. */
export function statsScope(actor: Actor, requested: string | undefined): string | undefined {
  if (actor.kind !== 'staff' || (actor.role !== 'analyst' && actor.role !== 'admin')) throw forbidden();
  if (isHq(actor)) return requested;
  if (requested && requested !== actor.provinceCode) throw forbidden();
  return actor.provinceCode ?? undefined;
}

const and = (parts: (SQL | undefined)[]) => sql.join(parts.filter((p): p is SQL => p !== undefined), sql` and `);

/** The events a view covers: by start in the period (Beijing time), never drafts, and the event-level filters. */
function eventConditions(period: ResolvedPeriod, f: StatsFilters, province: string | undefined): SQL {
  return and([
    sql`${events.startsAt} >= ${period.start}`,
    sql`${events.startsAt} < ${period.end}`,
    sql`${events.status} <> 'draft'`,
    f.club ? sql`${events.clubCode} = ${f.club}` : undefined,
    province ? sql`${events.provinceCode} = ${province}` : undefined,
    f.kind ? sql`${events.kind} = ${f.kind}` : undefined,
  ]);
}

/** The registration-level filters, on event_stats rows or on registrations. */
function segmentChannel(f: StatsFilters, segment: SQL, channel: SQL): SQL | undefined {
  const parts = [f.segment ? sql`${segment} = ${f.segment}` : undefined, f.channel ? sql`${channel} = ${f.channel}` : undefined].filter((p): p is SQL => p !== undefined);
  return parts.length > 0 ? sql.join(parts, sql` and `) : undefined;
}

/** One of a view's best-attended events, with its attendees whatever their segment and channel. */
interface TopEvent {
  eventId: number;
  titleZh: string;
  titleEn: string | null;
  club: ClubCode;
  province: string;
  startsAt: number;
  attendees: number;
}

/** Registration figures of one month, province and club (summed over the segment and channel filters). */
interface CellRow {
  month: string;
  club: ClubCode;
  province: string;
  registrations: number;
  attended: number;
  noShow: number;
  cancelled: number;
  waitlistJoins: number;
  pointsPaid: number;
  fenPaid: number;
}

interface Tally {
  registrations: number;
  attended: number;
  noShow: number;
}

const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);

function tally<K extends string>(rows: { key: K; registrations: number; attended: number; noShow: number }[]): { key: K; registrations: number; attendees: number; attendanceRate: number | null }[] {
  const by = new Map<K, Tally>();
  for (const r of rows) {
    const t = by.get(r.key) ?? { registrations: 0, attended: 0, noShow: 0 };
    t.registrations += r.registrations;
    t.attended += r.attended;
    t.noShow += r.noShow;
    by.set(r.key, t);
  }
  return [...by.entries()]
    .map(([key, t]) => ({ key, registrations: t.registrations, attendees: t.attended, attendanceRate: rate(t.attended, t.attended + t.noShow) }))
    .sort((a, b) => b.registrations - a.registrations || String(a.key).localeCompare(String(b.key)));
}

export type Statistics = Awaited<ReturnType<typeof getStatistics>>;
export type ServiceStatistics = Awaited<ReturnType<typeof getServiceStatistics>>;

/**
 * Which month of the period an instant falls in (Beijing time), as its index in period.months, -1
 * before none: a CASE over the months' ends, the same SQL on both engines, and far cheaper per row
 * than formatting dates. The indexes are literals so that PostgreSQL types the CASE as an integer.
 */
function monthIndexOf(instant: SQL, period: ResolvedPeriod): SQL {
  return sql`case ${sql.join(
    period.months.map((month, i) => sql`when ${instant} < ${monthBounds(month)[1]} then ${sql.raw(String(i))}`),
    sql` `,
  )} else -1 end`;
}

/**
 * Unique and repeat participants of a period in one participation scope, from the chain of each
 * customer's attendances (db/schema/stats.ts), in up to three queries whose figures add up. For
 * the range [a, b) with whole months [A, B) and the days [a, A) and [B, b) at its ends:
 * - a customer took part when one of their attendances x in range has its previous one before a,
 *   and came back when one has the previous in range and the one before that before a (their
 *   first and second in range: one each per customer);
 * - x in the whole months: participation_cells counts them with the previous before A and, for
 *   the second, the previous from A and the one before that before A. Month keys cannot see the
 *   days [a, A): an attendance y there moves the x after it (the next, or the one after) out of
 *   or into the counts, and y's row in the chain says so;
 * - x in the days at the ends: the chain's rows, with their neighbours' exact instants.
 * Years, quarters and months read only the cells (a few hundred rows); a custom range adds the
 * chain's rows of its ragged ends, each a range of the chain's index, less than a month's
 * attendances.
 */
function participantsFromChain(period: ResolvedPeriod, whole: string[], scope: string, province: string | undefined): SQL[] {
  const { start: a, end: b } = period;
  const firstMonth = whole[0];
  const lastMonth = whole.at(-1);
  // Without whole months, the days [a, b) are all "ends"; A = B = b empties the terms about them.
  const [A, B] = firstMonth && lastMonth ? [monthBounds(firstMonth)[0], monthBounds(lastMonth)[1]] : [b, b];
  const queries: SQL[] = [];
  if (firstMonth && lastMonth) {
    queries.push(sql`select coalesce(sum(attendances) filter (where prev_month < ${firstMonth}), 0) as unique_participants,
        coalesce(sum(attendances) filter (where prev_month >= ${firstMonth} and prev2_month < ${firstMonth}), 0) as repeat_participants
      from ${participationCells} where club_code = ${scope} and province_code = ${province ?? '*'} and month >= ${firstMonth} and month <= ${lastMonth}`);
  }
  const ends = (from: number, to: number, unique: SQL, repeat: SQL) =>
    sql`select ${unique} as unique_participants, ${repeat} as repeat_participants from ${participationChain}
      where club_code = ${scope} and starts_at >= ${from} and starts_at < ${to} ${province ? sql`and province_code = ${province}` : sql``}`;
  const firstInRange = sql`count(*) filter (where prev_at < ${a})`;
  const secondInRange = sql`count(*) filter (where prev_at >= ${a} and prev2_at < ${a})`;
  if (a < A) {
    // The head's attendances also say what they change in the whole months after them.
    const nextInWhole = sql`next_at >= ${A} and next_at < ${B}`;
    queries.push(
      ends(
        a,
        A,
        sql`${firstInRange} - count(*) filter (where ${nextInWhole})`,
        sql`${secondInRange} - count(*) filter (where next_at >= ${A} and next2_at < ${B}) + count(*) filter (where prev_at < ${a} and ${nextInWhole})`,
      ),
    );
  }
  if (B < b) queries.push(ends(B, b, firstInRange, secondInRange));
  return queries;
}

/**
 * The participation scope of a view's filters (db/schema/stats.ts): its club or kind, segment and
 * channel, '/'-joined, or '*'; null for a kind of another club than the one chosen, which no
 * event is.
 */
function participationScope(f: StatsFilters): string | null {
  if (f.kind && f.club && !EVENT_KINDS_BY_CLUB[f.club].includes(f.kind)) return null;
  const parts = [f.kind ? `kind:${f.kind}` : f.club, f.segment && `segment:${f.segment}`, f.channel && `channel:${f.channel}`].filter(Boolean);
  return parts.length > 0 ? parts.join('/') : '*';
}

const inList = (values: string[]) => sql.join(values.map((v) => sql`${v}`), sql`, `);

/**
 * Which rows of monthly_stats a view adds up (db/schema/stats.ts): each event's month, province,
 * club, kind, segment and channel ('cells'); their '*' totals of every segment and channel
 * ('totals'); or every club's figures per segment and channel ('allClubs').
 */
type Level = 'cells' | 'totals' | 'allClubs';

const LEVELS: Record<Level, SQL> = {
  cells: sql`m.segment <> '*' and m.club_code <> '*'`,
  totals: sql`m.segment = '*'`,
  allClubs: sql`m.club_code = '*'`,
};

/** The index that holds a level's rows (with a channel or segment filter, that one's), named for SQLite's planner, which otherwise reads whole months by the key. */
function levelIndex(level: Level, f: StatsFilters): SQL {
  if (level === 'totals') return indexedBy('monthly_stats_totals');
  if (level === 'allClubs') return indexedBy('monthly_stats_all_clubs');
  if (f.channel) return indexedBy('monthly_stats_channel');
  return f.segment ? indexedBy('monthly_stats_totals') : sql``;
}

/**
 * The registration figures of a period and filters in one query, two groupings: per month,
 * province and club ('months'; whole months from monthly_stats at `levels.months`) and per segment
 * and channel ('segments'; at `levels.segments`). The parts of months at a custom range's ends come
 * from event_stats of the events starting in them (each part lies in one month, named as a
 * literal), read once for both.
 */
function registrationFigures(whole: string[], parts: PartMonth[], f: StatsFilters, province: string | undefined, levels: { months: Level; segments: Level }): SQL {
  const filters = (p: string, c: string, k: string, s: string) =>
    [
      province ? sql`and ${sql.raw(p)} = ${province}` : sql``,
      f.club ? sql`and ${sql.raw(c)} = ${f.club}` : sql``,
      f.kind ? sql`and ${sql.raw(k)} = ${f.kind}` : sql``,
      f.segment ? sql`and ${sql.raw(s)}.segment = ${f.segment}` : sql``,
      f.channel ? sql`and ${sql.raw(s)}.channel = ${f.channel}` : sql``,
    ].reduce((a, b) => sql`${a} ${b}`);
  const columns = (s: string) => sql.raw(['registrations', 'attended', 'no_show', 'cancelled', 'waitlist_joins', 'points_paid', 'fen_paid'].map((c) => `${s}.${c}`).join(', '));
  const ends =
    parts.length > 0
      ? sql.join(
          parts.map(
            (part) => sql`select ${part.month} as month, e.province_code, e.club_code, s.segment, s.channel, ${columns('s')}
              from ${eventStats} s join ${events} e on e.id = s.event_id
              where e.starts_at >= ${part.from} and e.starts_at < ${part.to} ${filters('e.province_code', 'e.club_code', 'e.kind', 's')}`,
          ),
          sql` union all `,
        )
      : undefined;
  const rows = (level: Level) =>
    sql.join(
      [
        whole.length > 0
          ? sql`select m.month, m.province_code, m.club_code, m.segment, m.channel, ${columns('m')} from ${monthlyStats} m ${levelIndex(level, f)}
              where m.month in (${inList(whole)}) and ${LEVELS[level]} ${filters('m.province_code', 'm.club_code', 'm.kind', 'm')}`
          : undefined,
        ends ? sql`select * from ends` : undefined,
      ].filter((q): q is SQL => q !== undefined),
      // Every period has a month, whole or in part: never an empty union.
      sql` union all `,
    );
  return sql`${ends ? sql`with ends as materialized (${ends}) ` : sql``}
    select 'months' as grouping, month, province_code as province, club_code as club, null as segment, null as channel,
      sum(registrations) as registrations, sum(attended) as attended, sum(no_show) as "noShow", sum(cancelled) as cancelled,
      sum(waitlist_joins) as "waitlistJoins", sum(points_paid) as "pointsPaid", sum(fen_paid) as "fenPaid"
    from (${rows(levels.months)}) c group by month, province_code, club_code
    union all
    select 'segments', null, null, null, segment, channel, sum(registrations), sum(attended), sum(no_show), null, null, null, null
    from (${rows(levels.segments)}) c group by segment, channel`;
}

/**
 * Participation statistics for a period and filters, read from summary rows kept by triggers in the
 * transaction of each registration, attendance and membership change (db/schema/stats.ts), so that
 * a page adds up a few thousand rows, not registrations:
 * - registrations, attendance, cancellations, waiting lists and takings per month, province, club,
 *   segment and channel from monthly_stats at the level the filters need (the ends of a custom
 *   range from event_stats);
 * - events scheduled, held and cancelled and the top events from the events_statistics index, each
 *   event with its attendees whatever their segment and channel: an event is held, or among the
 *   best attended, for everyone;
 * - unique and repeat participants of any period and filters, from the participation chain's
 *   monthly cells and, for a custom range's ragged ends, its rows (participantsFromChain);
 * - members joined, left and active from membership_stats, the rest of a month from memberships;
 * - ratings and callbacks from their own tables, which are small.
 * All of it on the read worker (SQLite) or the read pool (PostgreSQL).
 */
export async function getStatistics(actor: Actor, f: StatsFilters, now = Date.now()) {
  const province = statsScope(actor, f.province);
  const period = resolvePeriod(periodOf(f, shanghaiYear(now)));
  if (!period) throw new DomainError('invalid_period');
  const { whole, parts } = splitByMonths(period);
  const E = eventConditions(period, f, province);
  const R = segmentChannel(f, sql`r.segment`, sql`r.channel`);
  // Months, provinces and clubs from the totals unless a segment or channel is chosen; the segment
  // and channel breakdown across all clubs unless a club or kind is chosen.
  const figures = registrationFigures(whole, parts, f, province, { months: f.segment || f.channel ? 'cells' : 'totals', segments: f.club || f.kind ? 'cells' : 'allClubs' });

  // Memberships carry their customer's segment (kept by triggers), so every filter reads the
  // summary: active at an instant = every join minus every leave (the '*' rows), less those in the
  // months after the instant's month and in the rest of that month (the memberships' indexes). An
  // instant now has nothing after it.
  const memberFilters = (m: string) =>
    [
      f.club ? sql`and ${sql.raw(m)}.club_code = ${f.club}` : sql``,
      province ? sql`and ${sql.raw(m)}.province_code = ${province}` : sql``,
      f.channel ? sql`and ${sql.raw(m)}.join_channel = ${f.channel}` : sql``,
      f.segment ? sql`and ${sql.raw(m)}.segment = ${f.segment}` : sql``,
    ].reduce((a, b) => sql`${a} ${b}`);
  // The rows of every segment and channel ('*') unless one is chosen.
  const M = sql`and s.segment ${f.segment || f.channel ? sql`<>` : sql`=`} '*' ${memberFilters('s')}`;
  const MM = memberFilters('m');
  const activeAt = Math.min(period.end, now);
  const activeMonth = beijingMonthOf(activeAt);
  const [, activeMonthEnd] = monthBounds(activeMonth);
  const active = sql`(select coalesce(sum(case when s.month = '*' then s.joins - s.leaves else s.leaves - s.joins end), 0) from ${membershipStats} s
      where (s.month = '*' or s.month > ${activeMonth}) ${M})
    - (select count(*) from ${memberships} m where m.joined_at >= ${activeAt} and m.joined_at < ${activeMonthEnd} ${MM})
    + (select count(*) from ${memberships} m where m.left_at >= ${activeAt} and m.left_at < ${activeMonthEnd} ${MM})`;
  const memberMoves = sql.join(
    [
      whole.length > 0 ? sql`select s.month, sum(s.joins) as joined, sum(s.leaves) as "left" from ${membershipStats} s where s.month in (${inList(whole)}) ${M} group by s.month` : undefined,
      ...parts.map(
        (part) => sql`select ${part.month} as month,
          (select count(*) from ${memberships} m where m.joined_at >= ${part.from} and m.joined_at < ${part.to} ${MM}) as joined,
          (select count(*) from ${memberships} m where m.left_at >= ${part.from} and m.left_at < ${part.to} ${MM}) as "left"`,
      ),
    ].filter((q): q is SQL => q !== undefined),
    sql` union all `,
  );

  // Unique and repeat participants from the participation chain in the scope of the filters.
  const scope = participationScope(f);
  const participantQueries = scope === null ? [] : participantsFromChain(period, whole, scope, province);

  const [eventMonths, topEvents, figureRows, activeRows, moveRows, ratings, reached, ...participantParts] = await readAll<
    [
      { bucket: number; scheduled: number; held: number; cancelled: number }[],
      TopEvent[],
      ((CellRow & { grouping: 'months' }) | { grouping: 'segments'; segment: Segment; channel: Channel; registrations: number; attended: number; noShow: number })[],
      { active: number }[],
      { month: string; joined: number; left: number }[],
      { eventId: number; titleZh: string; titleEn: string | null; average: number; count: number }[],
      { n: number }[],
      ...{ unique_participants: number; repeat_participants: number }[][],
    ]
  >(
    sql`select ${monthIndexOf(sql`${events.startsAt}`, period)} as bucket,
          count(*) filter (where ${events.status} in ('published', 'completed')) as scheduled,
          count(*) filter (where ${events.status} = 'completed' and ${events.attendees} > 0) as held,
          count(*) filter (where ${events.status} = 'cancelled') as cancelled
        from ${events} where ${E} group by 1`,
    // The ten found in the events_statistics index, then their rows for the titles.
    sql`select ${events.id} as "eventId", ${events.titleZh} as "titleZh", ${events.titleEn} as "titleEn", ${events.clubCode} as club, ${events.provinceCode} as province,
          ${events.startsAt} as "startsAt", ${events.attendees} as attendees
        from ${events} where ${events.id} in (select ${events.id} from ${events} where ${E} and ${events.attendees} > 0 order by ${events.attendees} desc, ${events.id} limit 10)
        order by ${events.attendees} desc, ${events.id}`,
    figures,
    sql`select ${active} as active`,
    memberMoves,
    sql`select f.event_id as "eventId", ${events.titleZh} as "titleZh", ${events.titleEn} as "titleEn", avg(f.rating) as average, count(*) as count
        from ${feedback} f join ${events} on ${events.id} = f.event_id ${R ? sql`join ${registrations} r on r.id = f.registration_id` : sql``}
        where ${E} ${R ? sql`and ${R}` : sql``} group by f.event_id, ${events.titleZh}, ${events.titleEn}`,
    f.segment && f.segment !== 'postpaid_vip'
      ? sql`select 0 as n`
      : sql`select count(*) as n from ${callbacks} cb join ${events} on ${events.id} = cb.event_id
            where cb.status = 'reached' and cb.completed_at >= ${period.start} and cb.completed_at < ${period.end}
            ${f.club ? sql`and ${events.clubCode} = ${f.club}` : sql``} ${province ? sql`and cb.province_code = ${province}` : sql``} ${f.kind ? sql`and ${events.kind} = ${f.kind}` : sql``}`,
    ...participantQueries,
  );
  const cellRows = figureRows.filter((r) => r.grouping === 'months');
  const segmentChannelRows = figureRows.filter((r) => r.grouping === 'segments');
  const participants = {
    unique: participantParts.reduce((n, [p]) => n + (p?.unique_participants ?? 0), 0),
    repeat: participantParts.reduce((n, [p]) => n + (p?.repeat_participants ?? 0), 0),
  };

  const sum = (pick: (r: CellRow) => number) => cellRows.reduce((s, r) => s + pick(r), 0);
  const countEvents = (pick: (r: (typeof eventMonths)[number]) => number) => eventMonths.reduce((n, r) => n + pick(r), 0);
  const attended = sum((r) => r.attended);
  const noShow = sum((r) => r.noShow);
  const unique = participants.unique;
  const ratingCount = ratings.reduce((s, r) => s + r.count, 0);
  const ratingTotal = ratings.reduce((s, r) => s + r.average * r.count, 0);
  const joinedByMonth = new Map(moveRows.map((r) => [r.month, r.joined]));

  return {
    period,
    province: province ?? null,
    members: {
      active: activeRows[0]?.active ?? 0,
      joined: moveRows.reduce((n, r) => n + r.joined, 0),
      left: moveRows.reduce((n, r) => n + r.left, 0),
    },
    events: {
      scheduled: countEvents((r) => r.scheduled),
      held: countEvents((r) => r.held),
      cancelled: countEvents((r) => r.cancelled),
    },
    registrations: sum((r) => r.registrations),
    attendees: attended,
    noShows: noShow,
    cancellations: sum((r) => r.cancelled),
    uniqueParticipants: unique,
    repeatParticipants: participants.repeat,
    repeatShare: rate(participants.repeat, unique),
    attendanceRate: rate(attended, attended + noShow),
    noShowRate: rate(noShow, attended + noShow),
    waitlistDemand: sum((r) => r.waitlistJoins),
    pointsRedeemed: sum((r) => r.pointsPaid),
    feesCollectedFen: sum((r) => r.fenPaid),
    averageRating: ratingCount > 0 ? ratingTotal / ratingCount : null,
    ratings: ratingCount,
    vipsReached: reached[0]?.n ?? 0,
    trend: period.months.map((month, i) => {
      const rows = cellRows.filter((r) => r.month === month);
      return {
        month,
        registrations: rows.reduce((s, r) => s + r.registrations, 0),
        attendees: rows.reduce((s, r) => s + r.attended, 0),
        eventsHeld: eventMonths.find((r) => r.bucket === i)?.held ?? 0,
        membersJoined: joinedByMonth.get(month) ?? 0,
      };
    }),
    byMonth: tally(cellRows.map((r) => ({ ...r, key: r.month }))).filter((r) => r.registrations > 0 || r.attendees > 0),
    byClub: tally(cellRows.map((r) => ({ ...r, key: r.club }))),
    byProvince: tally(cellRows.map((r) => ({ ...r, key: r.province }))),
    bySegment: tally(segmentChannelRows.map((r) => ({ ...r, key: r.segment }))),
    byChannel: tally(segmentChannelRows.map((r) => ({ ...r, key: r.channel }))),
    topByAttendance: topEvents,
    topByRating: [...ratings]
      .sort((a, b) => b.average - a.average || b.count - a.count || a.eventId - b.eventId)
      .slice(0, 10)
      .map((r) => ({ eventId: r.eventId, titleZh: r.titleZh, titleEn: r.titleEn, average: r.average, ratings: r.count })),
  };
}

export interface RegistrationExportRow {
  registrationId: number;
  eventId: number;
  eventTitle: string;
  eventStartsAt: number;
  club: ClubCode;
  province: string;
  customerId: number;
  name: string;
  mobile: string;
  segment: Segment | null;
  channel: Channel;
  status: RegistrationStatus;
  createdAt: number;
  checkedInAt: number | null;
  paidPoints: number;
  paidFen: number;
}

/**
 * Every registration of the view, streamed from the read worker in chunks (a national year is a
 * million rows): identities masked for whoever may not see them, analysts always.
 */
export async function* streamRegistrations(actor: Actor, f: StatsFilters, now = Date.now()): AsyncGenerator<RegistrationExportRow[]> {
  const province = statsScope(actor, f.province);
  const period = resolvePeriod(periodOf(f, shanghaiYear(now)));
  if (!period) throw new DomainError('invalid_period');
  const R = segmentChannel(f, sql`r.segment`, sql`r.channel`);
  const query = sql`select r.id as "registrationId", ${events.id} as "eventId", ${events.titleZh} as "eventTitle", ${events.startsAt} as "eventStartsAt",
      ${events.clubCode} as club, ${events.provinceCode} as province, c.id as "customerId", c.name as name, c.mobile as mobile,
      r.segment as segment, r.channel as channel, r.status as status, r.created_at as "createdAt", r.checked_in_at as "checkedInAt",
      r.paid_points as "paidPoints", r.paid_fen as "paidFen"
    from ${events} join ${registrations} r on r.event_id = ${events.id} join ${customers} c on c.id = r.customer_id
    where ${eventConditions(period, f, province)} ${R ? sql`and ${R}` : sql``}
    order by ${events.startsAt}, ${events.id}, r.id`;
  for await (const chunk of readStream<RegistrationExportRow>(query)) {
    yield chunk.map((row) => presentIdentity(row, seesIdentity(actor, { id: row.customerId, provinceCode: row.province })));
  }
}

/**
 * The handset club's services in a period: bookings by service, province and month (by slot time),
 * trial units handed over and returned (and late), and loaner utilisation (days lent over days
 * available), from the bookings, applications and loans themselves, on the read worker.
 */
export async function getServiceStatistics(actor: Actor, f: StatsFilters, now = Date.now()) {
  const province = statsScope(actor, f.province);
  const period = resolvePeriod(periodOf(f, shanghaiYear(now)));
  if (!period) throw new DomainError('invalid_period');
  const inProvince = (column: SQLiteColumn) => (province ? sql`and ${column} = ${province}` : sql``);
  const until = Math.min(period.end, now);
  const [bookingRows, trialRows, loanRows, phoneRows, hallRows] = await readAll<
    [
      { kind: string; province: string; month: number; bookings: number; done: number; cancelled: number }[],
      { units: number; handedOver: number; returned: number; late: number }[],
      { lentMs: number }[],
      { phones: number }[],
      { hallId: number | null; nameZh: string | null; nameEn: string | null; bookings: number; done: number }[],
    ]
  >(
    sql`select ${services.kind} as kind, ${services.provinceCode} as province, ${monthIndexOf(sql`${serviceSlots.startsAt}`, period)} as month,
          count(*) as bookings, count(*) filter (where ${serviceBookings.status} = 'done') as done, count(*) filter (where ${serviceBookings.status} = 'cancelled') as cancelled
        from ${serviceBookings} join ${serviceSlots} on ${serviceSlots.id} = ${serviceBookings.slotId} join ${services} on ${services.id} = ${serviceBookings.serviceId}
        where ${serviceSlots.startsAt} >= ${period.start} and ${serviceSlots.startsAt} < ${period.end} ${inProvince(services.provinceCode)}
        group by 1, 2, 3`,
    sql`select coalesce((select sum(${trialProgrammes.units}) from ${trialProgrammes} join ${services} on ${services.id} = ${trialProgrammes.serviceId}
            where ${trialProgrammes.opensAt} >= ${period.start} and ${trialProgrammes.opensAt} < ${period.end} ${inProvince(services.provinceCode)}), 0) as units,
          count(*) filter (where a.handed_over_at is not null) as "handedOver", count(*) filter (where a.returned_at is not null) as returned,
          count(*) filter (where a.handed_over_at is not null and coalesce(a.returned_at, ${now}) > a.due_at) as late
        from ${trialApplications} a join ${trialProgrammes} on ${trialProgrammes.id} = a.programme_id join ${services} on ${services.id} = ${trialProgrammes.serviceId}
        where a.handed_over_at >= ${period.start} and a.handed_over_at < ${period.end} ${inProvince(services.provinceCode)}`,
    // The part of each loan inside the period: SQLite's two-argument min and max are not PostgreSQL's least and greatest (nulls), hence the CASEs.
    sql`select coalesce(sum(
            case when l.returned_at is not null and l.returned_at < ${until} then l.returned_at else ${until} end
            - case when l.lent_at > ${period.start} then l.lent_at else ${period.start} end), 0) as "lentMs"
        from ${loanerLoans} l join ${loanerPhones} on ${loanerPhones.id} = l.loaner_id
        where l.lent_at < ${until} and coalesce(l.returned_at, ${until}) > ${period.start} ${inProvince(loanerPhones.provinceCode)}`,
    sql`select count(*) as phones from ${loanerPhones} where ${loanerPhones.status} <> 'retired' ${inProvince(loanerPhones.provinceCode)}`,
    // On-site repairs have no hall: their row has none.
    sql`select ${halls.id} as "hallId", ${halls.nameZh} as "nameZh", ${halls.nameEn} as "nameEn", count(*) as bookings, count(*) filter (where ${serviceBookings.status} = 'done') as done
        from ${serviceBookings} join ${serviceSlots} on ${serviceSlots.id} = ${serviceBookings.slotId} join ${services} on ${services.id} = ${serviceBookings.serviceId}
          left join ${halls} on ${halls.id} = ${serviceSlots.hallId}
        where ${serviceSlots.startsAt} >= ${period.start} and ${serviceSlots.startsAt} < ${period.end} ${inProvince(services.provinceCode)}
        group by ${halls.id}, ${halls.nameZh}, ${halls.nameEn} order by 4 desc, 2`,
  );
  const trials = trialRows[0] ?? { units: 0, handedOver: 0, returned: 0, late: 0 };
  const availableMs = (phoneRows[0]?.phones ?? 0) * Math.max(0, until - period.start);
  const keyed = bookingRows.map((r) => ({ ...r, month: period.months[r.month] ?? '' }));
  const group = (key: 'kind' | 'province' | 'month') =>
    [...keyed.reduce((m, r) => m.set(r[key], { bookings: (m.get(r[key])?.bookings ?? 0) + r.bookings, done: (m.get(r[key])?.done ?? 0) + r.done }), new Map<string, { bookings: number; done: number }>())]
      .map(([k, v]) => ({ key: k, ...v }))
      .sort((a, b) => b.bookings - a.bookings || a.key.localeCompare(b.key));
  return {
    bookings: bookingRows.reduce((n, r) => n + r.bookings, 0),
    done: bookingRows.reduce((n, r) => n + r.done, 0),
    cancelled: bookingRows.reduce((n, r) => n + r.cancelled, 0),
    byKind: group('kind'),
    byProvince: group('province'),
    byMonth: group('month').sort((a, b) => a.key.localeCompare(b.key)),
    /** Per hall (nameZh null: on-site repair), the busiest first. */
    byHall: hallRows.map((r) => ({ key: r.hallId === null ? 'onsite' : String(r.hallId), nameZh: r.nameZh, nameEn: r.nameEn, bookings: r.bookings, done: r.done })),
    trialUnits: trials.units,
    trialsHandedOver: trials.handedOver,
    trialsReturned: trials.returned,
    trialsLate: trials.late,
    trialReturnRate: rate(trials.returned, trials.handedOver),
    loanerPhones: phoneRows[0]?.phones ?? 0,
    loanerUtilisation: availableMs > 0 ? (loanRows[0]?.lentMs ?? 0) / availableMs : null,
  };
}

/**
 * Complaint handling in a period (by filing, Beijing time) and province, for the segment and
 * channel filters (complaints belong to no club or event kind): counted on the read worker from
 * the complaints themselves, summarised by the domain's rule; suggestions counted beside them.
 */
export async function getComplaintStatistics(actor: Actor, f: StatsFilters, now = Date.now()) {
  const province = statsScope(actor, f.province);
  const period = resolvePeriod(periodOf(f, shanghaiYear(now)));
  if (!period) throw new DomainError('invalid_period');
  const within = and([
    sql`${complaints.createdAt} >= ${period.start}`,
    sql`${complaints.createdAt} < ${period.end}`,
    province ? sql`${complaints.provinceCode} = ${province}` : undefined,
    segmentChannel(f, sql`${complaints.segment}`, sql`${complaints.channel}`),
  ]);
  const [facts, suggestions] = await readAll<[ComplaintFact[], { n: number }[]]>(
    sql`select ${complaints.provinceCode} as province, ${complaints.topic} as topic, ${complaints.channel} as channel, ${complaints.segment} as segment,
          ${complaints.createdAt} as "createdAt", ${complaints.firstAnsweredAt} as "answeredAt", ${complaints.deadlineAt} as "deadlineAt",
          ${complaints.reopenCount} as "reopenCount", ${complaints.rating} as rating
        from ${complaints}
        where ${complaints.kind} = 'complaint' and ${within}`,
    sql`select count(*) as n from ${complaints} where ${complaints.kind} = 'suggestion' and ${within}`,
  );
  return summarizeComplaints(
    facts.map((c) => ({ ...c, reopenCount: Number(c.reopenCount) })),
    now,
    Number(suggestions[0]?.n ?? 0),
  );
}
