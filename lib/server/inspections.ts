import 'server-only';
import { and, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { events, halls, inspectionItems, inspections, provinces, staff } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { checkScorecard, inspectionScore, latestScores, mayFollowUp, mayReadInspections, mayRecordInspection, needsFinding, seesInspector, type InspectionKind } from '@/lib/domain/inspections';
import type { FollowUpInput, InspectionInput } from '@/lib/validation/inspections';
import { audit } from './audit';

const DAY = 24 * 60 * 60 * 1000;
/** Events offered for a visit: those of the last quarter and of the next week (an inspector records after the visit). */
const EVENTS_BACK = 92 * DAY;
const EVENTS_AHEAD = 7 * DAY;
/** A visit's time may run a little ahead of the server's clock (a phone's), not into the future. */
const CLOCK_SLACK = 10 * 60 * 1000;
const LIST_LIMIT = 50;

function readScope(actor: Actor, provinceCode: string) {
  if (!mayReadInspections(actor, provinceCode)) throw notFound();
}

/** The halls and events of a province an inspection can be of. */
export async function listInspectionPlaces(actor: Actor, provinceCode: string, now = Date.now()) {
  readScope(actor, provinceCode);
  const db = getReader();
  const [hallRows, eventRows] = await Promise.all([
    db
      .select({ id: halls.id, nameZh: halls.nameZh, nameEn: halls.nameEn, city: halls.city })
      .from(halls)
      .where(and(eq(halls.provinceCode, provinceCode), eq(halls.active, true)))
      .orderBy(halls.city, halls.nameZh),
    db
      .select({ id: events.id, titleZh: events.titleZh, titleEn: events.titleEn, startsAt: events.startsAt })
      .from(events)
      .where(and(eq(events.provinceCode, provinceCode), inArray(events.status, ['published', 'completed']), gte(events.startsAt, now - EVENTS_BACK), lte(events.startsAt, now + EVENTS_AHEAD)))
      .orderBy(desc(events.startsAt)),
  ]);
  return { halls: hallRows, events: eventRows };
}

/**
 * Records an inspection with its scorecard. HQ names the province; a province's staff record
 * self-inspections of their own. The hall or event must be of that province.
 */
export async function recordInspection(actor: Actor, input: InspectionInput, now = Date.now()) {
  if (actor.kind !== 'staff') throw forbidden();
  const provinceCode = actor.provinceCode ?? input.provinceCode;
  if (!provinceCode) throw new DomainError('province_required');
  if (!mayRecordInspection(actor, input.kind, provinceCode)) throw forbidden('inspection_kind_not_yours');
  const problems = checkScorecard(input.items);
  if (Object.keys(problems).length > 0) {
    // A missing finding is shown at the finding's box, a missing rating at the item's choices.
    const fields = Object.fromEntries(Object.entries(problems).map(([key, code]) => [key === '_' ? key : `${code === 'inspection_finding_required' ? 'finding' : 'rating'}_${key}`, code]));
    throw new DomainError(problems._ ?? Object.values(problems)[0]!, 'invalid_input', {}, fields);
  }
  if (input.visitedAt > now + CLOCK_SLACK) throw new DomainError('inspection_in_future', 'invalid_input', {}, { visitedAt: 'inspection_in_future' });
  const score = inspectionScore(input.items)!;
  return withTransaction(async (tx) => {
    const [place] = input.hallId
      ? await tx.select({ provinceCode: halls.provinceCode }).from(halls).where(eq(halls.id, input.hallId))
      : await tx.select({ provinceCode: events.provinceCode }).from(events).where(eq(events.id, input.eventId!));
    // A place of another province is as unknown as one that does not exist.
    if (!place || place.provinceCode !== provinceCode) throw new DomainError('inspection_place_required', 'invalid_input', {}, { place: 'inspection_place_required' });
    const [row] = await tx
      .insert(inspections)
      .values({ provinceCode, kind: input.kind, hallId: input.hallId, eventId: input.eventId, visitedAt: input.visitedAt, score, note: input.note, inspectorStaffId: actor.staffId, createdAt: now })
      .returning();
    // Only items not passed keep their finding: a passed item has nothing to follow up.
    const items = input.items.map((i) => ({ inspectionId: row!.id, itemKey: i.key, rating: i.rating, finding: needsFinding(i.rating) ? i.finding : null }));
    await tx.insert(inspectionItems).values(items);
    await audit(tx, actor, { action: 'inspection.create', entityType: 'inspection', entityId: row!.id, after: { ...row, items: items.map(({ itemKey, rating, finding }) => ({ itemKey, rating, finding })) }, provinceCode });
    return row!;
  });
}

/** A province's inspections, newest first, each with its scorecard, findings and their follow-up. */
export async function listInspections(actor: Actor, provinceCode: string) {
  readScope(actor, provinceCode);
  const db = getReader();
  const rows = await db
    .select({
      id: inspections.id,
      provinceCode: inspections.provinceCode,
      kind: inspections.kind,
      visitedAt: inspections.visitedAt,
      score: inspections.score,
      note: inspections.note,
      hallId: inspections.hallId,
      hallZh: halls.nameZh,
      hallEn: halls.nameEn,
      eventId: inspections.eventId,
      eventZh: events.titleZh,
      eventEn: events.titleEn,
      inspector: staff.displayName,
    })
    .from(inspections)
    .innerJoin(staff, eq(staff.id, inspections.inspectorStaffId))
    .leftJoin(halls, eq(halls.id, inspections.hallId))
    .leftJoin(events, eq(events.id, inspections.eventId))
    .where(eq(inspections.provinceCode, provinceCode))
    .orderBy(desc(inspections.visitedAt), desc(inspections.id))
    .limit(LIST_LIMIT);
  const items =
    rows.length === 0
      ? []
      : await db
          .select({
            id: inspectionItems.id,
            inspectionId: inspectionItems.inspectionId,
            key: inspectionItems.itemKey,
            rating: inspectionItems.rating,
            finding: inspectionItems.finding,
            followUp: inspectionItems.followUp,
            followedUpAt: inspectionItems.followedUpAt,
            fixedAt: inspectionItems.fixedAt,
          })
          .from(inspectionItems)
          .where(
            inArray(
              inspectionItems.inspectionId,
              rows.map((r) => r.id),
            ),
          )
          .orderBy(inspectionItems.id);
  const mayFollow = mayFollowUp(actor, provinceCode);
  return rows.map((r) => ({
    ...r,
    inspector: seesInspector(actor, r.kind) ? r.inspector : null,
    items: items.filter((i) => i.inspectionId === r.id),
    mayFollowUp: mayFollow,
  }));
}
export type InspectionView = Awaited<ReturnType<typeof listInspections>>[number];

/** The province follows a finding up: what was done, and (once) when it was fixed. The follow-up may be written again while open. */
export async function followUpFinding(actor: Actor, input: FollowUpInput, now = Date.now()) {
  return withTransaction(async (tx) => {
    const [before] = await tx
      .select({ item: inspectionItems, provinceCode: inspections.provinceCode })
      .from(inspectionItems)
      .innerJoin(inspections, eq(inspections.id, inspectionItems.inspectionId))
      .where(eq(inspectionItems.id, input.itemId));
    if (!before || !mayReadInspections(actor, before.provinceCode)) throw notFound();
    if (!mayFollowUp(actor, before.provinceCode) || actor.kind !== 'staff') throw forbidden();
    if (!before.item.finding) throw new DomainError('inspection_no_finding', 'conflict');
    if (before.item.fixedAt !== null) throw new DomainError('inspection_finding_fixed', 'conflict');
    const [after] = await tx
      .update(inspectionItems)
      .set({ followUp: input.followUp, followedUpAt: now, followedUpByStaffId: actor.staffId, fixedAt: input.fixed ? now : null })
      .where(eq(inspectionItems.id, input.itemId))
      .returning();
    await audit(tx, actor, { action: 'inspection.follow_up', entityType: 'inspection_item', entityId: input.itemId, before: before.item, after, provinceCode: before.provinceCode });
    return after!;
  });
}

export interface LatestScore {
  id: number;
  kind: InspectionKind;
  visitedAt: number;
  score: number;
}

/** For the compliance view: per province in the actor's scope, HQ's latest score and the latest self-inspection's. */
export async function latestInspectionScores(actor: Actor): Promise<Map<string, { hq: LatestScore | null; self: LatestScore | null }>> {
  if (actor.kind !== 'staff') throw forbidden();
  const rows = await getReader()
    .select({ id: inspections.id, provinceCode: inspections.provinceCode, kind: inspections.kind, visitedAt: inspections.visitedAt, score: inspections.score })
    .from(inspections)
    .innerJoin(provinces, eq(provinces.code, inspections.provinceCode))
    .where(actor.provinceCode === null ? undefined : eq(inspections.provinceCode, actor.provinceCode));
  const byProvince = new Map<string, (LatestScore & { provinceCode: string })[]>();
  for (const r of rows) byProvince.set(r.provinceCode, [...(byProvince.get(r.provinceCode) ?? []), r]);
  return new Map(
    [...byProvince].map(([code, list]) => {
      const { hq, self } = latestScores(list);
      const plain = (x: (typeof list)[number] | null): LatestScore | null => (x ? { id: x.id, kind: x.kind, visitedAt: x.visitedAt, score: x.score } : null);
      return [code, { hq: plain(hq), self: plain(self) }];
    }),
  );
}
