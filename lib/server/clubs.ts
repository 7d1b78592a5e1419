import 'server-only';
import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { clubs, events, memberships } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { forbidden, notFound } from '@/lib/domain/errors';
import type { ClubCode } from '@/lib/domain/types';
import { audit } from './audit';

/** The four clubs with their settings: reference data every signed-in user may read. */
export async function listClubs() {
  return getReader().select().from(clubs).orderBy(asc(clubs.sortOrder));
}

/**
 * The clubs page of a member: each club with the member's open membership (if any), its history,
 * and the number of upcoming published events of the club in the member's province.
 */
export async function listClubsForMember(actor: Actor, now = Date.now()) {
  if (actor.kind !== 'member') throw forbidden();
  const db = getReader();
  const [all, periods, upcoming] = await Promise.all([
    listClubs(),
    db
      .select({ clubCode: memberships.clubCode, joinedAt: memberships.joinedAt, leftAt: memberships.leftAt })
      .from(memberships)
      .where(eq(memberships.customerId, actor.customerId))
      .orderBy(asc(memberships.joinedAt), asc(memberships.id)),
    db
      .select({ clubCode: events.clubCode, n: sql<number>`count(*)` })
      .from(events)
      .where(and(eq(events.provinceCode, actor.provinceCode), inArray(events.status, ['published']), gte(events.startsAt, now)))
      .groupBy(events.clubCode),
  ]);
  return all.map((club) => ({
    ...club,
    memberSince: periods.find((m) => m.clubCode === club.code && m.leftAt === null)?.joinedAt ?? null,
    /** Every membership period in this club, oldest first: joined, left, rejoined. */
    history: periods.filter((m) => m.clubCode === club.code).map(({ joinedAt, leftAt }) => ({ joinedAt, leftAt })),
    /** Published events still to come in the member's province, whatever the year: none is "0 this year" in December. */
    upcoming: upcoming.find((u) => u.clubCode === club.code)?.n ?? 0,
  }));
}

/** Admins edit a club's minimum yearly events; which segments may join is the segment policy's (lib/server/segment-policy.ts). */
export async function updateClubSettings(actor: Actor, input: { clubCode: ClubCode; minEventsPerYear: number }) {
  if (actor.kind !== 'staff' || actor.role !== 'admin') throw forbidden();
  return withTransaction(async (tx) => {
    const [before] = await tx
      .select({ minEventsPerYear: clubs.minEventsPerYear })
      .from(clubs)
      .where(eq(clubs.code, input.clubCode));
    if (!before) throw notFound('unknown_club');
    const after = { minEventsPerYear: input.minEventsPerYear };
    await tx.update(clubs).set(after).where(eq(clubs.code, input.clubCode));
    await audit(tx, actor, { action: 'club.update', entityType: 'club', entityId: input.clubCode, before, after, provinceCode: null });
    return after;
  });
}
