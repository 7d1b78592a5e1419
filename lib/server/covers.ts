import 'server-only';
import { and, eq, inArray, notExists, sql } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import { clubCovers, clubs, events, images } from '@/db/schema';
import { coversClub, coversProvince, seesEvent, type Actor, type StaffActor } from '@/lib/domain/access';
import { MAX_COVER_BYTES, readCoverImage, type CoverImage } from '@/lib/domain/cover-images';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import type { ClubCode } from '@/lib/domain/types';
import { audit } from './audit';

/**
 * Who may set covers: the operators and admins who may edit the club's events in the province
 * (lib/server/events.ts). Another province's clubs are out of scope (404, as everywhere); an
 * operator of other clubs of the province is refused (403).
 */
function requireCoverEditor(actor: Actor, scope: { provinceCode: string; clubCode: ClubCode }): StaffActor {
  if (actor.kind !== 'staff' || (actor.role !== 'operator' && actor.role !== 'admin')) throw forbidden();
  if (!coversProvince(actor, scope.provinceCode)) throw notFound();
  if (!coversClub(actor, scope.clubCode)) throw forbidden();
  return actor;
}

/** The file as a cover, or a refusal of the whole upload before anything is written. */
function acceptCover(bytes: Uint8Array): CoverImage {
  const cover = readCoverImage(bytes);
  if ('refused' in cover) throw new DomainError(cover.refused, 'invalid_input', { limitMb: MAX_COVER_BYTES / 1024 / 1024 });
  return cover;
}

/** Stores a picture once per content (an upload of the same bytes reuses the row) and answers its id. */
async function storeImage(tx: Tx, actor: StaffActor, cover: CoverImage, bytes: Uint8Array, now: number): Promise<number> {
  await tx
    .insert(images)
    .values({ ...cover, bytes: Buffer.from(bytes), uploadedByStaffId: actor.staffId, createdAt: now })
    .onConflictDoNothing({ target: images.sha256 });
  const [row] = await tx.select({ id: images.id }).from(images).where(eq(images.sha256, cover.sha256));
  return row!.id;
}

/** Drops a picture that no club or event shows any more: a replaced cover is not kept, nor served. */
async function dropIfUnused(tx: Tx, imageId: number | null): Promise<void> {
  if (imageId === null) return;
  await tx
    .delete(images)
    .where(
      and(
        eq(images.id, imageId),
        notExists(tx.select({ one: sql`1` }).from(clubCovers).where(eq(clubCovers.imageId, imageId))),
        notExists(tx.select({ one: sql`1` }).from(events).where(eq(events.coverImageId, imageId))),
      ),
    );
}

async function hashOf(tx: Tx, imageId: number | null): Promise<string | null> {
  if (imageId === null) return null;
  const [row] = await tx.select({ sha256: images.sha256 }).from(images).where(eq(images.id, imageId));
  return row?.sha256 ?? null;
}

/** An event for its cover's editors, locked; completed and cancelled events are locked for covers as for every edit. */
async function loadEventForCover(tx: Tx, actor: Actor, eventId: number) {
  if (actor.kind !== 'staff' || (actor.role !== 'operator' && actor.role !== 'admin')) throw forbidden();
  const [event] = await forUpdate(
    tx
      .select({ id: events.id, provinceCode: events.provinceCode, clubCode: events.clubCode, status: events.status, coverImageId: events.coverImageId })
      .from(events)
      .where(eq(events.id, eventId)),
  );
  if (!event || !seesEvent(actor, event)) throw notFound();
  const editor = requireCoverEditor(actor, event);
  if (event.status !== 'draft' && event.status !== 'published') throw new DomainError('event_locked', 'conflict');
  return { event, editor };
}

/** Sets (or replaces) an event's own cover. */
export async function setEventCover(actor: Actor, eventId: number, bytes: Uint8Array, now = Date.now()) {
  const cover = acceptCover(bytes);
  return withTransaction(async (tx) => {
    const { event, editor } = await loadEventForCover(tx, actor, eventId);
    const imageId = await storeImage(tx, editor, cover, bytes, now);
    const before = await hashOf(tx, event.coverImageId);
    await tx.update(events).set({ coverImageId: imageId, updatedAt: now }).where(eq(events.id, eventId));
    if (event.coverImageId !== imageId) await dropIfUnused(tx, event.coverImageId);
    await audit(tx, editor, { action: 'event.cover.set', entityType: 'event', entityId: eventId, before: { cover: before }, after: { cover: cover.sha256 }, provinceCode: event.provinceCode });
    return { sha256: cover.sha256 };
  });
}

/** Takes an event's own cover away: members see its club's again. */
export async function removeEventCover(actor: Actor, eventId: number, now = Date.now()) {
  return withTransaction(async (tx) => {
    const { event, editor } = await loadEventForCover(tx, actor, eventId);
    if (event.coverImageId === null) return;
    const before = await hashOf(tx, event.coverImageId);
    await tx.update(events).set({ coverImageId: null, updatedAt: now }).where(eq(events.id, eventId));
    await dropIfUnused(tx, event.coverImageId);
    await audit(tx, editor, { action: 'event.cover.remove', entityType: 'event', entityId: eventId, before: { cover: before }, after: { cover: null }, provinceCode: event.provinceCode });
  });
}

async function loadClubCover(tx: Tx, scope: { provinceCode: string; clubCode: ClubCode }) {
  const [club] = await tx.select({ code: clubs.code }).from(clubs).where(eq(clubs.code, scope.clubCode));
  if (!club) throw notFound('unknown_club');
  const [row] = await forUpdate(
    tx
      .select({ imageId: clubCovers.imageId })
      .from(clubCovers)
      .where(and(eq(clubCovers.provinceCode, scope.provinceCode), eq(clubCovers.clubCode, scope.clubCode))),
  );
  return row?.imageId ?? null;
}

/** Sets (or replaces) a club's cover in a province. */
export async function setClubCover(actor: Actor, scope: { provinceCode: string; clubCode: ClubCode }, bytes: Uint8Array, now = Date.now()) {
  const editor = requireCoverEditor(actor, scope);
  const cover = acceptCover(bytes);
  return withTransaction(async (tx) => {
    const previous = await loadClubCover(tx, scope);
    const imageId = await storeImage(tx, editor, cover, bytes, now);
    const before = await hashOf(tx, previous);
    await tx
      .insert(clubCovers)
      .values({ ...scope, imageId, updatedByStaffId: editor.staffId, updatedAt: now })
      .onConflictDoUpdate({ target: [clubCovers.provinceCode, clubCovers.clubCode], set: { imageId, updatedByStaffId: editor.staffId, updatedAt: now } });
    if (previous !== imageId) await dropIfUnused(tx, previous);
    await audit(tx, editor, { action: 'club.cover.set', entityType: 'club', entityId: scope.clubCode, before: { cover: before }, after: { cover: cover.sha256 }, provinceCode: scope.provinceCode });
    return { sha256: cover.sha256 };
  });
}

/** Takes a club's cover in a province away: its symbol shows again. */
export async function removeClubCover(actor: Actor, scope: { provinceCode: string; clubCode: ClubCode }) {
  const editor = requireCoverEditor(actor, scope);
  return withTransaction(async (tx) => {
    const previous = await loadClubCover(tx, scope);
    if (previous === null) return;
    const before = await hashOf(tx, previous);
    await tx.delete(clubCovers).where(and(eq(clubCovers.provinceCode, scope.provinceCode), eq(clubCovers.clubCode, scope.clubCode)));
    await dropIfUnused(tx, previous);
    await audit(tx, editor, { action: 'club.cover.remove', entityType: 'club', entityId: scope.clubCode, before: { cover: before }, after: { cover: null }, provinceCode: scope.provinceCode });
  });
}

/**
 * A stored picture by its hash, for anyone: covers are shown on public event pages too. Only the
 * images table is read, and it holds nothing but covers in use.
 */
export async function getCoverImage(sha256: string) {
  const [row] = await getReader()
    .select({ bytes: images.bytes, contentType: images.contentType, byteSize: images.byteSize })
    .from(images)
    .where(eq(images.sha256, sha256));
  return row ?? null;
}

/** The hash of an event's own cover (not its club's), for its managers' page; null without one. */
export async function eventOwnCover(eventId: number): Promise<string | null> {
  const [row] = await getReader()
    .select({ sha256: images.sha256 })
    .from(events)
    .innerJoin(images, eq(images.id, events.coverImageId))
    .where(eq(events.id, eventId));
  return row?.sha256 ?? null;
}

/** The hash of each club's cover in a province (clubs without one are left out). */
export async function clubCoversIn(provinceCode: string): Promise<Partial<Record<ClubCode, string>>> {
  const rows = await getReader()
    .select({ clubCode: clubCovers.clubCode, sha256: images.sha256 })
    .from(clubCovers)
    .innerJoin(images, eq(images.id, clubCovers.imageId))
    .where(eq(clubCovers.provinceCode, provinceCode));
  return Object.fromEntries(rows.map((r) => [r.clubCode, r.sha256]));
}

/**
 * The cover members see for each event: its own, else its club's in its province; events with
 * neither are left out (they show the club's symbol).
 */
export async function eventCovers(eventIds: number[]): Promise<Map<number, string>> {
  if (eventIds.length === 0) return new Map();
  const db = getReader();
  const rows = await db
    .select({ id: events.id, clubCode: events.clubCode, provinceCode: events.provinceCode, own: images.sha256 })
    .from(events)
    .leftJoin(images, eq(images.id, events.coverImageId))
    .where(inArray(events.id, eventIds));
  const provinces = [...new Set(rows.filter((r) => r.own === null).map((r) => r.provinceCode))];
  const clubRows =
    provinces.length === 0
      ? []
      : await db
          .select({ clubCode: clubCovers.clubCode, provinceCode: clubCovers.provinceCode, sha256: images.sha256 })
          .from(clubCovers)
          .innerJoin(images, eq(images.id, clubCovers.imageId))
          .where(inArray(clubCovers.provinceCode, provinces));
  const byClub = new Map(clubRows.map((c) => [`${c.provinceCode}:${c.clubCode}`, c.sha256]));
  const covers = new Map<number, string>();
  for (const r of rows) {
    const sha256 = r.own ?? byClub.get(`${r.provinceCode}:${r.clubCode}`);
    if (sha256) covers.set(r.id, sha256);
  }
  return covers;
}
