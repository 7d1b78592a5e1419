import 'server-only';
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { events, provinces, registrations } from '@/db/schema';
import { coversClub, isHq, type Actor } from '@/lib/domain/access';
import { complianceStatus, expectedByNow, type ComplianceStatus } from '@/lib/domain/compliance';
import { forbidden } from '@/lib/domain/errors';
import { shanghaiYearRange } from '@/lib/domain/time';
import { CLUB_CODES, type ClubCode } from '@/lib/domain/types';
import { listClubs } from './clubs';

export interface PlanCounts {
  required: number;
  scheduled: number;
  held: number;
  ahead: number;
  expected: number;
  status: ComplianceStatus;
}

/** The events of a year (Beijing time) that the plan counts, with whether anyone attended. */
async function yearEvents(year: number, where: SQL | undefined) {
  const { start, end } = shanghaiYearRange(year);
  return getReader()
    .select({
      id: events.id,
      provinceCode: events.provinceCode,
      clubCode: events.clubCode,
      status: events.status,
      titleZh: events.titleZh,
      titleEn: events.titleEn,
      venue: events.venue,
      startsAt: events.startsAt,
      hasAttendee: sql<number>`exists (select 1 from ${registrations} r where r.event_id = ${events.id} and r.status = 'attended')`.mapWith(Boolean),
    })
    .from(events)
    .where(and(gte(events.startsAt, start), lt(events.startsAt, end), inArray(events.status, ['published', 'completed']), where))
    .orderBy(asc(events.startsAt), asc(events.id));
}

type YearEvent = Awaited<ReturnType<typeof yearEvents>>[number];

/** What an event counts as in the plan: held, scheduled ahead, or scheduled but not (yet) held. */
export function planRole(e: Pick<YearEvent, 'status' | 'hasAttendee' | 'startsAt'>, now: number): 'held' | 'ahead' | 'pending' {
  if (e.status === 'completed') return e.hasAttendee ? 'held' : 'pending';
  return e.startsAt > now ? 'ahead' : 'pending';
}

function countPlan(list: YearEvent[], required: number, year: number, now: number): PlanCounts {
  let held = 0;
  let ahead = 0;
  for (const e of list) {
    const role = planRole(e, now);
    if (role === 'held') held++;
    else if (role === 'ahead') ahead++;
  }
  return {
    required,
    scheduled: list.length,
    held,
    ahead,
    expected: expectedByNow(required, year, now),
    status: complianceStatus({ year, required, held, scheduledAhead: ahead, now }),
  };
}

/** The province whose plan the actor reads: their own, or (HQ) the one asked for. */
function planProvince(actor: Actor, requested: string | undefined): string {
  if (actor.kind !== 'staff') throw forbidden();
  if (actor.provinceCode) {
    if (requested && requested !== actor.provinceCode) throw forbidden();
    return actor.provinceCode;
  }
  return requested ?? '110000';
}

/**
 * The yearly plan of one province: per club (an operator's clubs), required, scheduled, held and
 * the status, with the events behind the numbers.
 */
export async function getYearlyPlan(actor: Actor, options: { year: number; province?: string }, now = Date.now()) {
  const provinceCode = planProvince(actor, options.province);
  const clubs = (await listClubs()).filter((c) => actor.kind === 'staff' && (actor.role !== 'operator' || coversClub(actor, c.code)));
  const list = await yearEvents(options.year, and(eq(events.provinceCode, provinceCode), inArray(events.clubCode, clubs.map((c) => c.code))));
  return {
    provinceCode,
    year: options.year,
    clubs: clubs.map((club) => {
      const mine = list.filter((e) => e.clubCode === club.code);
      return { club, ...countPlan(mine, club.minEventsPerYear, options.year, now), events: mine.map((e) => ({ ...e, role: planRole(e, now) })) };
    }),
  };
}

/**
 * The HQ compliance matrix: provinces x clubs for a year, each cell held/required with its status,
 * and totals. Admins and HQ analysts see all 31 provinces; a provincial analyst their own row.
 */
export async function getComplianceMatrix(actor: Actor, year: number, now = Date.now()) {
  if (actor.kind !== 'staff' || (actor.role !== 'analyst' && actor.role !== 'admin')) throw forbidden();
  const own = isHq(actor) ? undefined : actor.provinceCode!;
  const db = getReader();
  const [clubs, allProvinces, list] = await Promise.all([
    listClubs(),
    db.select({ code: provinces.code, nameZh: provinces.nameZh, nameEn: provinces.nameEn }).from(provinces).orderBy(asc(provinces.sortOrder)),
    yearEvents(year, own ? eq(events.provinceCode, own) : undefined),
  ]);
  const byCell = new Map<string, YearEvent[]>();
  for (const e of list) {
    const key = `${e.provinceCode}:${e.clubCode}`;
    byCell.set(key, [...(byCell.get(key) ?? []), e]);
  }
  const rows = allProvinces
    .filter((p) => !own || p.code === own)
    .map((province) => {
      const cells = Object.fromEntries(
        clubs.map((club) => [club.code, countPlan(byCell.get(`${province.code}:${club.code}`) ?? [], club.minEventsPerYear, year, now)]),
      ) as Record<ClubCode, PlanCounts>;
      const values = Object.values(cells);
      return {
        province,
        cells,
        held: values.reduce((s, c) => s + c.held, 0),
        required: values.reduce((s, c) => s + c.required, 0),
        met: values.filter((c) => c.status === 'met').length,
        atRisk: values.filter((c) => c.status === 'at_risk' || c.status === 'missed').length,
      };
    });
  const clubTotals = Object.fromEntries(
    CLUB_CODES.map((code) => {
      const cells = rows.map((r) => r.cells[code]);
      return [code, { held: cells.reduce((s, c) => s + c.held, 0), required: cells.reduce((s, c) => s + c.required, 0), met: cells.filter((c) => c.status === 'met').length }];
    }),
  ) as Record<ClubCode, { held: number; required: number; met: number }>;
  return { year, clubs, rows, clubTotals };
}
