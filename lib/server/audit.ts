import 'server-only';
import { and, asc, desc, eq, gt, gte, isNull, lt, min, sql, type SQL } from 'drizzle-orm';
import { getReader, type Tx } from '@/db/client';
import { apiTokens, auditLog, staff } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { auditChanges, type AuditEntryView, type AuditWriter } from '@/lib/domain/audit-changes';
import { forbidden } from '@/lib/domain/errors';
import { AUDIT_PAGE_SIZE, type AuditCursor, type AuditFilters } from '@/lib/validation/audit';
import { preparedPerConnection } from './prepared';

/** Who wrote: an actor (staff, or a channel's system through its token), or the command line of the machine the app runs on. */
export type Writer = Actor | { kind: 'system'; via: 'cli' };

/**
 * Appends an audit entry inside the caller's transaction. Members' own actions are not audited; staff
 * and channel writes are. `provinceCode` is the province the act concerned (the entity's); left out,
 * it is the writer's own, which is right for a provincial account or token (it only acts there) and
 * none for HQ; null says the act has no province (club settings).
 */
export async function audit(
  tx: Tx,
  writer: Writer,
  entry: { action: string; entityType: string; entityId?: string | number | null; before?: unknown; after?: unknown; provinceCode?: string | null },
): Promise<void> {
  if (writer.kind === 'member') return;
  await insertFor(tx).execute({
    staffId: writer.kind === 'staff' ? writer.staffId : null,
    apiTokenId: writer.kind === 'channel' ? writer.tokenId : null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId == null ? null : String(entry.entityId),
    before: entry.before ?? null,
    after: entry.after ?? null,
    createdAt: Date.now(),
    provinceCode: entry.provinceCode === undefined ? (writer.kind === 'system' ? null : writer.provinceCode) : entry.provinceCode,
  });
}

const p = sql.placeholder;
const insertFor = preparedPerConnection((tx: Tx) =>
  tx
    .insert(auditLog)
    .values({
      staffId: p('staffId'),
      apiTokenId: p('apiTokenId'),
      action: p('action'),
      entityType: p('entityType'),
      entityId: p('entityId'),
      before: p('before'),
      after: p('after'),
      createdAt: p('createdAt'),
      provinceCode: p('provinceCode'),
    })
    .prepare(),
);

/** The audit log is an HQ function: admins read it, nobody else (not even a province's staff about their province). */
function requireAuditReader(actor: Actor): void {
  if (actor.kind !== 'staff' || actor.role !== 'admin') throw forbidden();
}

/** The filters as conditions; paging conditions are added apart. */
function filterConditions(f: AuditFilters): (SQL | undefined)[] {
  const who = f.who;
  return [
    who?.kind === 'staff' ? eq(auditLog.staffId, who.id) : undefined,
    who?.kind === 'token' ? eq(auditLog.apiTokenId, who.id) : undefined,
    who?.kind === 'system' ? and(isNull(auditLog.staffId), isNull(auditLog.apiTokenId)) : undefined,
    f.action ? eq(auditLog.action, f.action) : undefined,
    f.entityType ? eq(auditLog.entityType, f.entityType) : undefined,
    f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
    f.from !== undefined ? gte(auditLog.createdAt, f.from) : undefined,
    f.to !== undefined ? lt(auditLog.createdAt, f.to) : undefined,
    f.province === 'HQ' ? isNull(auditLog.provinceCode) : f.province ? eq(auditLog.provinceCode, f.province) : undefined,
  ];
}

const olderThan = (c: AuditCursor) => sql`(${auditLog.createdAt}, ${auditLog.id}) < (${c.createdAt}, ${c.id})`;
const newerThan = (c: AuditCursor) => sql`(${auditLog.createdAt}, ${auditLog.id}) > (${c.createdAt}, ${c.id})`;
const NEWEST_FIRST = [desc(auditLog.createdAt), desc(auditLog.id)];
const OLDEST_FIRST = [asc(auditLog.createdAt), asc(auditLog.id)];

export interface AuditPage {
  entries: AuditEntryView[];
  /** Where the newer page ends and the older one starts, when there is one. */
  newer: AuditCursor | null;
  older: AuditCursor | null;
}

/**
 * One page of the audit log, newest first, for admins. Keyset paging on (created_at, id): a page
 * stays the same while entries are added, and a deep page costs what the first does. `before`
 * reads the entries older than a cursor, `after` those newer (the previous page).
 */
export async function listAuditEntries(actor: Actor, filters: AuditFilters, pageSize = AUDIT_PAGE_SIZE): Promise<AuditPage> {
  requireAuditReader(actor);
  const db = getReader();
  const conditions = filterConditions(filters);
  const forward = !filters.after;
  const rows = await db
    .select({
      id: auditLog.id,
      createdAt: auditLog.createdAt,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      provinceCode: auditLog.provinceCode,
      before: auditLog.before,
      after: auditLog.after,
      staffId: auditLog.staffId,
      username: staff.username,
      staffName: staff.displayName,
      tokenId: auditLog.apiTokenId,
      tokenName: apiTokens.name,
      tokenChannel: apiTokens.channel,
    })
    .from(auditLog)
    .leftJoin(staff, eq(staff.id, auditLog.staffId))
    .leftJoin(apiTokens, eq(apiTokens.id, auditLog.apiTokenId))
    .where(and(...conditions, filters.before ? olderThan(filters.before) : undefined, filters.after ? newerThan(filters.after) : undefined))
    .orderBy(...(forward ? NEWEST_FIRST : OLDEST_FIRST))
    .limit(pageSize + 1);
  const more = rows.length > pageSize;
  const page = forward ? rows.slice(0, pageSize) : rows.slice(0, pageSize).reverse();
  const first = page[0];
  const last = page.at(-1);
  const exists = async (where: SQL) => (await db.select({ id: auditLog.id }).from(auditLog).where(and(...conditions, where)).limit(1)).length > 0;
  const newer = first && (forward ? filters.before !== undefined && (await exists(newerThan(first))) : more) ? { createdAt: first.createdAt, id: first.id } : null;
  const older = last && (forward ? more : await exists(olderThan(last))) ? { createdAt: last.createdAt, id: last.id } : null;
  return {
    entries: page.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      provinceCode: r.provinceCode,
      writer: writerOf(r),
      // In name order: PostgreSQL's jsonb keeps no writer's key order, and both engines show the same.
      changes: auditChanges(r.before, r.after).sort((x, y) => (x.field < y.field ? -1 : x.field > y.field ? 1 : 0)),
    })),
    newer,
    older,
  };
}

function writerOf(r: { staffId: number | null; username: string | null; staffName: string | null; tokenId: number | null; tokenName: string | null; tokenChannel: string | null }): AuditWriter {
  if (r.staffId !== null) return { kind: 'staff', id: r.staffId, username: r.username ?? '', name: r.staffName ?? '' };
  if (r.tokenId !== null) return { kind: 'token', id: r.tokenId, name: r.tokenName ?? '', channel: r.tokenChannel ?? '' };
  return { kind: 'system' };
}

/** The distinct values of an indexed column, one index probe each (the log may be millions of rows). */
async function distinctValues(column: typeof auditLog.action | typeof auditLog.entityType, cap = 200): Promise<string[]> {
  const db = getReader();
  const values: string[] = [];
  let next: string | null | undefined = (await db.select({ v: min(column) }).from(auditLog))[0]?.v;
  while (next != null && values.length < cap) {
    values.push(next);
    next = (await db.select({ v: min(column) }).from(auditLog).where(gt(column, next)))[0]?.v;
  }
  return values;
}

/** What the audit page's filters offer: every staff account and token (also disabled or revoked ones), and the actions and entity types the log holds. */
export async function listAuditFilterOptions(actor: Actor) {
  requireAuditReader(actor);
  const db = getReader();
  const [staffRows, tokenRows, actions, entityTypes] = await Promise.all([
    db.select({ id: staff.id, username: staff.username, name: staff.displayName }).from(staff).orderBy(asc(staff.username)),
    db.select({ id: apiTokens.id, name: apiTokens.name, channel: apiTokens.channel }).from(apiTokens).orderBy(asc(apiTokens.name), asc(apiTokens.id)),
    distinctValues(auditLog.action),
    distinctValues(auditLog.entityType),
  ]);
  return { staff: staffRows, tokens: tokenRows, actions, entityTypes };
}
