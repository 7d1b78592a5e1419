import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { and, desc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { DIALECT } from '@/db/dialect';
import { MIGRATIONS_FOLDER } from '@/db/sqlite';
import { apiTokens, auditLog, events, staff } from '@/db/schema';
import type { Actor, StaffActor } from '@/lib/domain/access';
import { REDACTED } from '@/lib/domain/audit-changes';
import { HOUR, shanghaiInstant } from '@/lib/domain/time';
import { parseAuditFilters, type AuditFilters } from '@/lib/validation/audit';
import { filmPremiere } from '@/tests/events';
import { withTempDatabase } from '@/tests/temp-database';
import { audit, listAuditEntries, listAuditFilterOptions, type AuditPage } from './audit';
import { cancelEvent } from './events';

const database = withTempDatabase();

let admin: StaffActor;
let gdOperator: StaffActor;
let bjOperator: StaffActor;
let tokenId: number;

/** 2027-03-06 00:00 in Beijing: the day the fixed entries below were written. */
const DAY0 = shanghaiInstant(2027, 3, 6);

async function addStaff(username: string, role: StaffActor['role'], provinceCode: string | null): Promise<StaffActor> {
  const [row] = await withTransaction((tx) => tx.insert(staff).values({ username, displayName: `${username} name`, passwordHash: 'x', role, provinceCode }).returning({ id: staff.id }));
  return { kind: 'staff', role, staffId: row!.id, provinceCode, clubCodes: null, name: username };
}

/** An entry at a chosen time, written as the log's writers do. */
async function entry(values: Partial<typeof auditLog.$inferInsert> & { createdAt: number }) {
  const [row] = await withTransaction((tx) =>
    tx
      .insert(auditLog)
      .values({ action: 'event.update', entityType: 'event', entityId: '1', ...values })
      .returning({ id: auditLog.id }),
  );
  return row!.id;
}

const ids = (page: AuditPage) => page.entries.map((e) => e.id);
const filtered = async (search: Record<string, string>) => {
  const parsed = parseAuditFilters(search);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return ids(await listAuditEntries(admin, parsed.filters, 100));
};

const fixed = {} as Record<'gdEvent' | 'gdCancel' | 'series' | 'lookalike' | 'token' | 'club' | 'cli' | 'sameMs', number>;

beforeAll(async () => {
  admin = await addStaff('hq.admin', 'admin', null);
  gdOperator = await addStaff('gd.op', 'operator', '440000');
  bjOperator = await addStaff('bj.op', 'operator', '110000');
  const [token] = await withTransaction((tx) => tx.insert(apiTokens).values({ name: '广东热线', channel: 'hotline', provinceCode: '440000', tokenHash: 'h1' }).returning({ id: apiTokens.id }));
  tokenId = token!.id;
  // One day of a small log, oldest first; the last two share their millisecond.
  fixed.gdEvent = await entry({ staffId: gdOperator.staffId, action: 'event.create', entityType: 'event', entityId: '7', provinceCode: '440000', createdAt: DAY0 - 1 });
  fixed.gdCancel = await entry({ staffId: gdOperator.staffId, action: 'event.cancel', entityType: 'event', entityId: '7', provinceCode: '440000', createdAt: DAY0 + HOUR });
  fixed.series = await entry({ staffId: bjOperator.staffId, action: 'event.series.create', entityType: 'event_series', entityId: '3', provinceCode: '110000', createdAt: DAY0 + 2 * HOUR });
  fixed.lookalike = await entry({ staffId: bjOperator.staffId, action: 'event.cancelled_export', entityType: 'export', entityId: '1', provinceCode: '110000', createdAt: DAY0 + 3 * HOUR });
  fixed.token = await entry({ apiTokenId: tokenId, action: 'registration.create', entityType: 'registration', entityId: '70', provinceCode: '440000', createdAt: DAY0 + 4 * HOUR });
  fixed.club = await entry({ staffId: admin.staffId, action: 'club.update', entityType: 'club', entityId: 'music', createdAt: DAY0 + 24 * HOUR - 1 });
  fixed.cli = await entry({ action: 'staff.create', entityType: 'staff', entityId: String(admin.staffId), createdAt: DAY0 + 24 * HOUR });
  fixed.sameMs = await entry({ staffId: admin.staffId, action: 'staff.update', entityType: 'staff', entityId: String(gdOperator.staffId), createdAt: DAY0 + 24 * HOUR });
});

describe('reading the audit log', () => {
  it('is for admins only: operators, analysts (HQ too), members and channel systems are refused', async () => {
    const hqAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 99, provinceCode: null, clubCodes: null, name: 'hq' };
    const gdAnalyst: Actor = { ...hqAnalyst, provinceCode: '440000' };
    const member: Actor = { kind: 'member', role: 'member', customerId: 1, provinceCode: '440000', name: 'm' };
    const channel: Actor = { kind: 'channel', role: 'channel', tokenId, channel: 'hotline', provinceCode: null, name: 'hq' };
    for (const actor of [gdOperator, hqAnalyst, gdAnalyst, member, channel]) {
      await expect(listAuditEntries(actor, {})).rejects.toMatchObject({ code: 'forbidden', status: 403 });
      await expect(listAuditFilterOptions(actor)).rejects.toMatchObject({ code: 'forbidden' });
    }
    expect((await listAuditEntries(admin, {})).entries.length).toBeGreaterThan(0);
  });

  it('lists newest first, ties by id, with the writer named and the changes shown', async () => {
    const page = await listAuditEntries(admin, {}, 100);
    const all = Object.values(fixed).sort((a, b) => a - b);
    expect(ids(page)).toEqual([fixed.sameMs, fixed.cli, ...all.filter((id) => id !== fixed.sameMs && id !== fixed.cli).reverse()]);
    const byId = new Map(page.entries.map((e) => [e.id, e]));
    expect(byId.get(fixed.gdCancel)!.writer).toEqual({ kind: 'staff', id: gdOperator.staffId, username: 'gd.op', name: 'gd.op name' });
    expect(byId.get(fixed.token)!.writer).toEqual({ kind: 'token', id: tokenId, name: '广东热线', channel: 'hotline' });
    expect(byId.get(fixed.cli)!.writer).toEqual({ kind: 'system' });
  });

  it('filters by who: a staff member, a token, or the command line', async () => {
    expect(await filtered({ who: `staff:${gdOperator.staffId}` })).toEqual([fixed.gdCancel, fixed.gdEvent]);
    expect(await filtered({ who: `token:${tokenId}` })).toEqual([fixed.token]);
    expect(await filtered({ who: 'system' })).toEqual([fixed.cli]);
    expect(await filtered({ who: 'staff:999999' })).toEqual([]);
  });

  it('filters by action, exactly', async () => {
    expect(await filtered({ action: 'event.cancel' })).toEqual([fixed.gdCancel]);
    expect(await filtered({ action: 'event.series.create' })).toEqual([fixed.series]);
    expect(await filtered({ action: 'event' })).toEqual([]);
  });

  it('filters by entity type and id', async () => {
    expect(await filtered({ entityType: 'event' })).toEqual([fixed.gdCancel, fixed.gdEvent]);
    expect(await filtered({ entityType: 'event', entityId: '7' })).toEqual([fixed.gdCancel, fixed.gdEvent]);
    expect(await filtered({ entityType: 'staff', entityId: String(gdOperator.staffId) })).toEqual([fixed.sameMs]);
    expect(await filtered({ entityType: 'club', entityId: 'music' })).toEqual([fixed.club]);
  });

  it('filters by Beijing days, both ends included', async () => {
    expect(await filtered({ from: '2027-03-06', to: '2027-03-06' })).toEqual([fixed.club, fixed.token, fixed.lookalike, fixed.series, fixed.gdCancel]);
    expect(await filtered({ from: '2027-03-07' })).toEqual(expect.arrayContaining([fixed.sameMs, fixed.cli]));
    expect(await filtered({ from: '2027-03-07' })).not.toContain(fixed.club);
    expect(await filtered({ to: '2027-03-05' })).toEqual([fixed.gdEvent]);
  });

  it('filters by province, or by acts of no province (HQ)', async () => {
    expect(await filtered({ province: '440000' })).toEqual([fixed.token, fixed.gdCancel, fixed.gdEvent]);
    expect(await filtered({ province: '110000', action: 'event.series.create' })).toEqual([fixed.series]);
    expect(await filtered({ province: 'HQ', from: '2027-03-06', to: '2027-03-07' })).toEqual([fixed.sameMs, fixed.cli, fixed.club]);
  });

  it('pages by cursor without repeating or skipping an entry while new ones arrive', async () => {
    const filters: AuditFilters = { from: DAY0 - HOUR, to: DAY0 + 2 * 24 * HOUR };
    const first = await listAuditEntries(admin, filters, 3);
    expect(ids(first)).toEqual([fixed.sameMs, fixed.cli, fixed.club]);
    expect(first.newer).toBeNull();
    expect(first.older).toEqual({ createdAt: DAY0 + 24 * HOUR - 1, id: fixed.club });
    // Entries written meanwhile, one in the same millisecond as the first page's newest.
    const late = [await entry({ createdAt: DAY0 + 24 * HOUR }), await entry({ createdAt: DAY0 + 25 * HOUR })];
    const second = await listAuditEntries(admin, { ...filters, before: first.older! }, 3);
    expect(ids(second)).toEqual([fixed.token, fixed.lookalike, fixed.series]);
    const third = await listAuditEntries(admin, { ...filters, before: second.older! }, 3);
    expect(ids(third)).toEqual([fixed.gdCancel, fixed.gdEvent]);
    expect(third.older).toBeNull();
    expect([...ids(first), ...ids(second), ...ids(third)]).toHaveLength(8);
    // Back again: the page before the second is the first as it was, and then the newer entries.
    expect(second.newer).toEqual({ createdAt: DAY0 + 4 * HOUR, id: fixed.token });
    const back = await listAuditEntries(admin, { ...filters, after: second.newer! }, 3);
    expect(ids(back)).toEqual([fixed.sameMs, fixed.cli, fixed.club]);
    expect(back.older).toEqual(first.older);
    expect(back.newer).toEqual({ createdAt: DAY0 + 24 * HOUR, id: fixed.sameMs });
    const top = await listAuditEntries(admin, { ...filters, after: back.newer! }, 3);
    expect(ids(top)).toEqual([late[1], late[0]]);
    expect(top.newer).toBeNull();
    await withTransaction((tx) => tx.delete(auditLog).where(eq(auditLog.id, late[0]!)));
    await withTransaction((tx) => tx.delete(auditLog).where(eq(auditLog.id, late[1]!)));
  });

  it('offers every writer and the distinct actions and entity types', async () => {
    const options = await listAuditFilterOptions(admin);
    expect(options.staff.map((s) => s.username)).toEqual(['bj.op', 'gd.op', 'hq.admin']);
    expect(options.tokens).toEqual([{ id: tokenId, name: '广东热线', channel: 'hotline' }]);
    expect(options.actions).toEqual(expect.arrayContaining(['club.update', 'event.cancel', 'event.create', 'event.series.create', 'event.cancelled_export', 'registration.create', 'staff.create', 'staff.update']));
    expect(new Set(options.actions).size).toBe(options.actions.length);
    expect([...options.actions].sort()).toEqual(options.actions);
    expect(options.entityTypes).toEqual(expect.arrayContaining(['club', 'event', 'event_series', 'export', 'registration', 'staff']));
  });

  it('masks mobile numbers and hides secrets in before and after', async () => {
    const id = await entry({ staffId: admin.staffId, action: 'customer.update', entityType: 'customer', entityId: '5', before: { mobile: '18602001234', passwordHash: '$argon2id$abc' }, after: { mobile: '18602009999', note: '回电 13002005678' }, createdAt: DAY0 - 10 * 24 * HOUR });
    const [shown] = (await listAuditEntries(admin, { entityType: 'customer', entityId: '5' })).entries;
    expect(shown!.id).toBe(id);
    expect(shown!.changes).toEqual([
      { field: 'mobile', before: '186****1234', after: '186****9999' },
      { field: 'note', after: '回电 130****5678' },
      { field: 'passwordHash', before: REDACTED },
    ]);
    expect(JSON.stringify(shown)).not.toMatch(/18602001234|13002005678|argon2/);
  });
});

describe('the province of an audit entry', () => {
  const provinceOf = async (id: number) => (await getReader().select({ p: auditLog.provinceCode }).from(auditLog).where(eq(auditLog.id, id)))[0]?.p;
  const write = (writer: Parameters<typeof audit>[1], provinceCode?: string | null) =>
    withTransaction(async (tx) => {
      await audit(tx, writer, { action: 'probe.write', entityType: 'probe', ...(provinceCode !== undefined ? { provinceCode } : {}) });
      const [last] = await tx.select({ id: auditLog.id }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
      return last!.id;
    });

  it("is the writer's own unless the act names one; HQ writers and the command line have none", async () => {
    expect(await provinceOf(await write(gdOperator))).toBe('440000');
    expect(await provinceOf(await write({ kind: 'channel', role: 'channel', tokenId, channel: 'hotline', provinceCode: '440000', name: 't' }))).toBe('440000');
    expect(await provinceOf(await write(admin))).toBeNull();
    expect(await provinceOf(await write({ kind: 'system', via: 'cli' }))).toBeNull();
    expect(await provinceOf(await write(admin, '110000'))).toBe('110000');
    expect(await provinceOf(await write(gdOperator, null))).toBeNull();
  });

  it("is the event's when an admin cancels a Guangdong event", async () => {
    const now = Date.now();
    const [event] = await withTransaction((tx) => tx.insert(events).values(filmPremiere(now)).returning({ id: events.id }));
    await cancelEvent(admin, event!.id, now);
    const [row] = await getReader().select({ provinceCode: auditLog.provinceCode, staffId: auditLog.staffId }).from(auditLog).where(and(eq(auditLog.action, 'event.cancel'), eq(auditLog.entityId, String(event!.id))));
    expect(row).toEqual({ provinceCode: '440000', staffId: admin.staffId });
    expect(await filtered({ province: '440000', action: 'event.cancel', entityType: 'event', entityId: String(event!.id) })).toHaveLength(1);
  });

  // SQLite's history: PostgreSQL's schema was born with the column, so it has no backfill to run.
  it.skipIf(DIALECT === 'postgres')('is filled for entries written before the column existed, by the backfill migration', async () => {
    const now = Date.now();
    const [event] = await withTransaction((tx) => tx.insert(events).values(filmPremiere(now, { provinceCode: '110000', status: 'draft', publishedAt: null })).returning({ id: events.id }));
    const byAdmin = await entry({ staffId: admin.staffId, action: 'event.publish', entityType: 'event', entityId: String(event!.id), createdAt: now });
    const byOperator = await entry({ staffId: gdOperator.staffId, action: 'customers.import', entityType: 'customer_import', entityId: '1', createdAt: now });
    const byToken = await entry({ apiTokenId: tokenId, action: 'complaint.file', entityType: 'complaint', entityId: '424242', createdAt: now });
    const gone = await entry({ staffId: admin.staffId, action: 'event.update', entityType: 'event', entityId: '999999', createdAt: now });
    const file = fs.readdirSync(MIGRATIONS_FOLDER).find((f) => f.endsWith('_audit_province_backfill.sql'))!;
    const sqlText = fs.readFileSync(path.join(MIGRATIONS_FOLDER, file), 'utf8');
    const raw = new Database(database.path);
    try {
      for (const statement of sqlText.split('--> statement-breakpoint')) raw.exec(statement);
    } finally {
      raw.close();
    }
    expect(await provinceOf(byAdmin)).toBe('110000');
    expect(await provinceOf(byOperator)).toBe('440000');
    expect(await provinceOf(byToken)).toBe('440000');
    expect(await provinceOf(gone)).toBeNull();
    // Entries that had one keep it.
    expect(await provinceOf(fixed.series)).toBe('110000');
    expect(await provinceOf(fixed.club)).toBeNull();
  });
});
