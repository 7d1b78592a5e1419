import 'server-only';
import { createHash } from 'node:crypto';
import { and, asc, eq, gt, gte, isNotNull, isNull, lt, sql, type SQL } from 'drizzle-orm';
import { getReader, withTransaction, type Db, type Tx } from '@/db/client';
import { billingExports, charges, customers, provinces, staff } from '@/db/schema';
import type { Actor, StaffActor } from '@/lib/domain/access';
import {
  ALL_PROVINCES,
  BILLING_PAGE_SIZE,
  BILLING_SETTLE_MS,
  billingCycle,
  billingCycleOf,
  billingFile,
  billingTotals,
  isBillingCycleClosed,
  shiftBillingCycle,
  type BillingCycle,
  type BillingLine,
  type ReconciliationRow,
  type Totals,
} from '@/lib/domain/billing';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { audit } from './audit';
import { getHqSettings } from './hq-settings';

/**
 * The seam to the billing system (docs/billing.md): each charge line goes to it exactly once, by
 * the file of its cycle or by the pull API, and a refund goes as a reversal of the line it undoes.
 */

/** Cycles the reconciliation page offers: the open one and the five before it. */
export const RECONCILED_CYCLES = 6;

function requireAdmin(actor: Actor): asserts actor is StaffActor {
  if (actor.kind !== 'staff' || actor.role !== 'admin') throw forbidden();
}

const lineColumns = {
  id: charges.id,
  mobile: customers.mobile,
  provinceCode: customers.provinceCode,
  amountFen: charges.amountFen,
  reversesId: charges.reversesChargeId,
  description: charges.description,
  createdAt: charges.createdAt,
};

const inScope = (scope: string): SQL | undefined => (scope === ALL_PROVINCES ? undefined : eq(customers.provinceCode, scope));

async function cycleLines(db: Db | Tx, cycle: BillingCycle, scope: string): Promise<BillingLine[]> {
  return db
    .select(lineColumns)
    .from(charges)
    .innerJoin(customers, eq(customers.id, charges.customerId))
    .where(and(gte(charges.createdAt, cycle.start), lt(charges.createdAt, cycle.end), inScope(scope)))
    .orderBy(asc(charges.id));
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function checkedScope(scope: string): Promise<string> {
  if (scope === ALL_PROVINCES) return scope;
  const [province] = await getReader().select({ code: provinces.code }).from(provinces).where(eq(provinces.code, scope));
  if (!province) throw notFound();
  return province.code;
}

/** What the first export of a closed cycle records: its file, with the count, sum and hash of its lines. */
export async function billingExportOf(db: Db | Tx, cycle: BillingCycle, scope: string, createdAt: number, staffId: number | null): Promise<typeof billingExports.$inferInsert> {
  const lines = await cycleLines(db, cycle, scope);
  const content = billingFile({ cycle: cycle.id, scope, createdAt, final: true }, lines);
  const { count: lineCount, sumFen } = billingTotals(lines);
  return { cycle: cycle.id, scope, startsAt: cycle.start, endsAt: cycle.end, lineCount, sumFen, sha256: sha256(content), content, createdByStaffId: staffId, createdAt };
}

export type BillingFileResult = { filename: string; content: string; final: boolean; sha256: string };

/**
 * The file of a cycle for a province or `ALL`. An open cycle is a preview, written anew each time
 * and marked so. A closed cycle's file is recorded the first time (count, sum, hash, who, when) and
 * every later export serves those bytes, whatever has changed since; each export is audited.
 */
export async function exportBillingFile(actor: Actor, cycleId: string, scopeAsked: string, now = Date.now()): Promise<BillingFileResult> {
  requireAdmin(actor);
  const { startDay } = (await getHqSettings()).billingCycle;
  const cycle = billingCycle(cycleId, startDay);
  if (!cycle) throw notFound();
  const scope = await checkedScope(scopeAsked);
  const filename = `billing-${cycle.id}-${scope}`;
  if (!isBillingCycleClosed(cycle, now)) {
    const content = billingFile({ cycle: cycle.id, scope, createdAt: now, final: false }, await cycleLines(getReader(), cycle, scope));
    return { filename: `${filename}-preview.csv`, content, final: false, sha256: sha256(content) };
  }
  const byCycle = and(eq(billingExports.cycle, cycle.id), eq(billingExports.scope, scope));
  const [known] = await getReader().select().from(billingExports).where(byCycle);
  // A closed cycle's lines no longer change: they are read before the transaction, which only records.
  const fresh = known ? null : await billingExportOf(getReader(), cycle, scope, now, actor.staffId);
  const record = await withTransaction(async (tx) => {
    let row = known;
    let first = false;
    if (!row && fresh) {
      [row] = await tx
        .insert(billingExports)
        .values(fresh)
        .onConflictDoNothing({ target: [billingExports.cycle, billingExports.scope] })
        .returning();
      first = row !== undefined;
      // Another admin recorded it a moment before: theirs is the file.
      row ??= (await tx.select().from(billingExports).where(byCycle))[0];
    }
    if (!row) throw new Error('billing export neither found nor recorded');
    await audit(tx, actor, {
      action: 'billing.export',
      entityType: 'billing_export',
      entityId: row.id,
      after: { cycle: row.cycle, scope: row.scope, lineCount: row.lineCount, sumFen: row.sumFen, sha256: row.sha256, first },
      provinceCode: scope === ALL_PROVINCES ? null : scope,
    });
    return row;
  });
  return { filename: `${filename}.csv`, content: record.content, final: true, sha256: record.sha256 };
}

const zero = (): Totals => ({ count: 0, sumFen: 0 });

/**
 * Per province and for all, one cycle's charges and reversals as the app has them, beside the file
 * recorded for it: a difference shows when lines were changed or added after the export.
 */
export async function getBillingReconciliation(actor: Actor, cycleId: string | undefined, now = Date.now()) {
  requireAdmin(actor);
  const { startDay } = (await getHqSettings()).billingCycle;
  const current = billingCycleOf(now, startDay);
  const cycles = Array.from({ length: RECONCILED_CYCLES }, (_, i) => shiftBillingCycle(current, -i, startDay)).map((c) => ({ ...c, closed: isBillingCycleClosed(c, now) }));
  const cycle = cycleId === undefined ? (cycles.find((c) => c.closed) ?? cycles[0]!) : billingCycle(cycleId, startDay);
  if (!cycle) throw notFound();
  const db = getReader();
  const isReversal = isNotNull(charges.reversesChargeId);
  const sumWhen = (condition: SQL) => sql<number>`coalesce(sum(case when ${condition} then ${charges.amountFen} else 0 end), 0)`.mapWith(Number);
  const countWhen = (condition: SQL) => sql<number>`count(case when ${condition} then 1 end)`.mapWith(Number);
  const [totals, exports] = await Promise.all([
    db
      .select({
        provinceCode: customers.provinceCode,
        chargeCount: countWhen(isNull(charges.reversesChargeId)),
        chargeSum: sumWhen(isNull(charges.reversesChargeId)),
        reversalCount: countWhen(isReversal),
        reversalSum: sumWhen(isReversal),
      })
      .from(charges)
      .innerJoin(customers, eq(customers.id, charges.customerId))
      .where(and(gte(charges.createdAt, cycle.start), lt(charges.createdAt, cycle.end)))
      .groupBy(customers.provinceCode),
    db
      .select({
        scope: billingExports.scope,
        lineCount: billingExports.lineCount,
        sumFen: billingExports.sumFen,
        sha256: billingExports.sha256,
        createdAt: billingExports.createdAt,
        byName: staff.displayName,
      })
      .from(billingExports)
      .leftJoin(staff, eq(staff.id, billingExports.createdByStaffId))
      .where(eq(billingExports.cycle, cycle.id)),
  ]);
  const all = { scope: ALL_PROVINCES, charges: zero(), reversals: zero() };
  const perProvince = totals.map((t) => {
    all.charges.count += t.chargeCount;
    all.charges.sumFen += t.chargeSum;
    all.reversals.count += t.reversalCount;
    all.reversals.sumFen += t.reversalSum;
    return { scope: t.provinceCode, charges: { count: t.chargeCount, sumFen: t.chargeSum }, reversals: { count: t.reversalCount, sumFen: t.reversalSum } };
  });
  const exported = new Map(exports.map((e) => [e.scope, e]));
  const scopes = [all, ...perProvince];
  for (const e of exports) if (!scopes.some((s) => s.scope === e.scope)) scopes.push({ scope: e.scope, charges: zero(), reversals: zero() });
  const rows: ReconciliationRow[] = scopes.map((s) => {
    const net = { count: s.charges.count + s.reversals.count, sumFen: s.charges.sumFen + s.reversals.sumFen };
    const e = exported.get(s.scope);
    return {
      ...s,
      net,
      exported: e ? { lineCount: e.lineCount, sumFen: e.sumFen, sha256: e.sha256, createdAt: e.createdAt, byName: e.byName } : null,
      differs: e !== undefined && (e.lineCount !== net.count || e.sumFen !== net.sumFen),
    };
  });
  const [first, ...rest] = rows;
  return { startDay, cycles, cycle: { ...cycle, closed: isBillingCycleClosed(cycle, now) }, rows: [first!, ...rest.sort((a, b) => a.scope.localeCompare(b.scope))] };
}

const CURSOR_PREFIX = 'c1.';

/** An opaque cursor: the last line served, so that a caller cannot build one that skips lines. */
export function encodeBillingCursor(lastId: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${lastId}`, 'utf8').toString('base64url');
}

function decodeBillingCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const m = /^c1\.(0|[1-9]\d{0,15})$/.exec(text);
  if (!m || Buffer.from(text, 'utf8').toString('base64url') !== cursor) throw new DomainError('invalid_cursor', 'invalid_input', {}, { cursor: 'invalid_cursor' });
  return Number(m[1]);
}

/**
 * Charge lines after the cursor in id order, for billing systems that pull: the token's province
 * only (an HQ token, all). A page stops before the first line that has not settled: a line with a
 * lower id may still commit until then (PostgreSQL hands out ids before commit), and a cursor past
 * it would lose it. So the same line comes once, and none is skipped while new ones arrive.
 */
export async function listBillingCharges(actor: Actor, query: { cursor?: string; limit?: number }, now = Date.now()) {
  if (actor.kind !== 'channel') throw forbidden();
  const afterId = decodeBillingCursor(query.cursor);
  const limit = Math.min(query.limit ?? BILLING_PAGE_SIZE.default, BILLING_PAGE_SIZE.max);
  const { startDay } = (await getHqSettings()).billingCycle;
  const rows = await getReader()
    .select(lineColumns)
    .from(charges)
    .innerJoin(customers, eq(customers.id, charges.customerId))
    .where(and(gt(charges.id, afterId), actor.provinceCode === null ? undefined : eq(customers.provinceCode, actor.provinceCode)))
    .orderBy(asc(charges.id))
    .limit(limit);
  const unsettled = rows.findIndex((r) => r.createdAt > now - BILLING_SETTLE_MS);
  const page = unsettled === -1 ? rows : rows.slice(0, unsettled);
  const last = page.at(-1)?.id ?? afterId;
  return {
    charges: page.map((l) => ({ ...l, kind: l.reversesId === null ? ('charge' as const) : ('reversal' as const), cycle: billingCycleOf(l.createdAt, startDay).id })),
    nextCursor: encodeBillingCursor(last),
    more: unsettled === -1 && rows.length === limit,
  };
}
