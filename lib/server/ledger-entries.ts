import 'server-only';
import { asc, inArray } from 'drizzle-orm';
import { withTransaction, type Tx } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import { customerImports, customers, pointsLedger, prepaidLedger } from '@/db/schema';
import { AREA_ROLES, canActForCustomer, hasRole, type Actor, type ChannelActor, type StaffActor } from '@/lib/domain/access';
import { DomainError, forbidden } from '@/lib/domain/errors';
import {
  BILLING_REF_TYPE,
  LEDGER_ENTRY_KINDS,
  LEDGER_OF_KIND,
  balanceRefusal,
  parseLedgerCsv,
  sameLedgerEntry,
  type LedgerEntry,
  type LedgerEntryKind,
  type LedgerImportError,
  type LedgerRowReason,
} from '@/lib/domain/ledger-entries';
import { pointsEarningRefusal } from '@/lib/domain/segment-policy';
import type { ImportFileError } from '@/lib/domain/import-csv';
import { audit } from './audit';
import { getHqSettings } from './hq-settings';
import { runIdempotent } from './idempotency';

/** Values per read: well below SQLite's limit of bound parameters. */
const CHUNK = 500;
const MAX_FILE_NAME = 200;

/** An entry as stored, whether this request applied it or an earlier one did. */
export interface StoredLedgerEntry {
  entryId: number;
  externalRef: string;
  kind: LedgerEntryKind;
  customerId: number;
  amount: number;
  occurredAt: number;
  note: string | null;
  /** When it reached the app. */
  recordedAt: number;
  status: 'applied' | 'already_applied';
}

type Outcome = { ok: true; entry: StoredLedgerEntry } | { ok: false; reason: LedgerRowReason; params?: Record<string, number | string> };

function chunksOf<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) chunks.push(items.slice(i, i + CHUNK));
  return chunks;
}

const kindOf = (ledger: 'points' | 'prepaid', reason: string): LedgerEntryKind | undefined =>
  LEDGER_ENTRY_KINDS.find((kind) => LEDGER_OF_KIND[kind].ledger === ledger && LEDGER_OF_KIND[kind].reason === reason);

/**
 * The customers of the entries, locked (PostgreSQL) in id order: their balances are what the
 * entries are checked against, and must not move before they are written.
 */
async function lockCustomers(tx: Tx, mobiles: readonly string[]) {
  const found = new Map<string, { id: number; provinceCode: string; segment: (typeof customers.$inferSelect)['segment']; points: number; prepaidFen: number }>();
  for (const chunk of chunksOf([...new Set(mobiles)])) {
    const rows = await forUpdate(
      tx
        .select({ id: customers.id, mobile: customers.mobile, provinceCode: customers.provinceCode, segment: customers.segment, points: customers.pointsBalance, prepaidFen: customers.prepaidBalanceFen })
        .from(customers)
        .where(inArray(customers.mobile, chunk))
        .orderBy(asc(customers.id)),
    );
    for (const { mobile, ...customer } of rows) found.set(mobile, customer);
  }
  return found;
}

type StoredRow = Omit<StoredLedgerEntry, 'status'>;

/** Billing entries already stored under these references, per ledger ('points:REF', 'prepaid:REF'). */
async function findStored(tx: Tx, refs: readonly string[]): Promise<Map<string, StoredRow>> {
  const stored = new Map<string, StoredRow>();
  for (const chunk of chunksOf([...new Set(refs)])) {
    const [points, prepaid] = [
      await tx
        .select({ id: pointsLedger.id, ref: pointsLedger.externalRef, customerId: pointsLedger.customerId, reason: pointsLedger.reason, amount: pointsLedger.delta, occurredAt: pointsLedger.occurredAt, note: pointsLedger.note, createdAt: pointsLedger.createdAt })
        .from(pointsLedger)
        .where(inArray(pointsLedger.externalRef, chunk)),
      await tx
        .select({ id: prepaidLedger.id, ref: prepaidLedger.externalRef, customerId: prepaidLedger.customerId, reason: prepaidLedger.reason, amount: prepaidLedger.deltaFen, occurredAt: prepaidLedger.occurredAt, note: prepaidLedger.note, createdAt: prepaidLedger.createdAt })
        .from(prepaidLedger)
        .where(inArray(prepaidLedger.externalRef, chunk)),
    ];
    for (const [ledger, rows] of [['points', points], ['prepaid', prepaid]] as const) {
      for (const row of rows) {
        const kind = kindOf(ledger, row.reason);
        // Only billing writes references, always under one of its kinds' reasons.
        if (!kind || row.ref === null) continue;
        stored.set(`${ledger}:${row.ref}`, { entryId: row.id, externalRef: row.ref, kind, customerId: row.customerId, amount: row.amount, occurredAt: row.occurredAt ?? row.createdAt, note: row.note, recordedAt: row.createdAt });
      }
    }
  }
  return stored;
}

/**
 * Applies billing's entries in order, inside the caller's transaction: each to its customer's
 * ledger once (the external reference is unique per ledger), a repeat of a stored entry answered
 * with it, a reference that comes back with other content refused. An entry is refused, writing
 * nothing, when its customer is unknown or out of the actor's province, when points go to a
 * segment that earns none (HQ segmentPoints), or when it would take a balance below zero.
 */
async function applyEntries(tx: Tx, actor: StaffActor | ChannelActor, entries: readonly LedgerEntry[], now: number): Promise<Outcome[]> {
  const customersByMobile = await lockCustomers(tx, entries.map((e) => e.mobile));
  const stored = await findStored(tx, entries.map((e) => e.externalRef));
  const { segmentPoints } = await getHqSettings(tx);
  const staffId = actor.kind === 'staff' ? actor.staffId : null;
  const outcomes: Outcome[] = [];
  for (const entry of entries) {
    const { ledger, reason } = LEDGER_OF_KIND[entry.kind];
    const key = `${ledger}:${entry.externalRef}`;
    const customer = customersByMobile.get(entry.mobile);
    const earlier = stored.get(key);
    if (!customer || (actor.kind === 'channel' && !canActForCustomer(actor, customer))) {
      // A channel cannot tell a customer of another province from none at all.
      outcomes.push({ ok: false, reason: 'customer_not_found' });
      continue;
    }
    if (!canActForCustomer(actor, customer)) {
      outcomes.push({ ok: false, reason: 'outside_province' });
      continue;
    }
    if (earlier) {
      const same = sameLedgerEntry(earlier, { ...entry, customerId: customer.id });
      outcomes.push(same ? { ok: true, entry: { ...earlier, status: 'already_applied' } } : { ok: false, reason: 'ledger_entry_conflict', params: { externalRef: entry.externalRef } });
      continue;
    }
    if (entry.kind === 'points_accrual' && pointsEarningRefusal(segmentPoints, customer.segment, entry.amount)) {
      outcomes.push({ ok: false, reason: 'points_not_earned' });
      continue;
    }
    const balance = ledger === 'points' ? customer.points : customer.prepaidFen;
    const low = balanceRefusal(balance, entry.amount);
    if (low) {
      outcomes.push({ ok: false, reason: low.code, params: low.params });
      continue;
    }
    const values = { customerId: customer.id, reason, refType: BILLING_REF_TYPE, note: entry.note, externalRef: entry.externalRef, occurredAt: entry.occurredAt, createdByStaffId: staffId, createdAt: now };
    // A concurrent request with the same reference (PostgreSQL) waits here for the other to commit, then inserts nothing.
    const [inserted] =
      ledger === 'points'
        ? await tx.insert(pointsLedger).values({ ...values, delta: entry.amount }).onConflictDoNothing({ target: pointsLedger.externalRef }).returning({ id: pointsLedger.id })
        : await tx.insert(prepaidLedger).values({ ...values, deltaFen: entry.amount }).onConflictDoNothing({ target: prepaidLedger.externalRef }).returning({ id: prepaidLedger.id });
    if (!inserted) {
      const raced = (await findStored(tx, [entry.externalRef])).get(key)!;
      stored.set(key, raced);
      const same = sameLedgerEntry(raced, { ...entry, customerId: customer.id });
      outcomes.push(same ? { ok: true, entry: { ...raced, status: 'already_applied' } } : { ok: false, reason: 'ledger_entry_conflict', params: { externalRef: entry.externalRef } });
      continue;
    }
    if (ledger === 'points') customer.points += entry.amount;
    else customer.prepaidFen += entry.amount;
    const row: StoredRow = { entryId: inserted.id, externalRef: entry.externalRef, kind: entry.kind, customerId: customer.id, amount: entry.amount, occurredAt: entry.occurredAt, note: entry.note, recordedAt: now };
    stored.set(key, row);
    outcomes.push({ ok: true, entry: { ...row, status: 'applied' } });
  }
  return outcomes;
}

/** What each refusal is in the API: its status category. */
const API_CATEGORY: Record<LedgerRowReason, ConstructorParameters<typeof DomainError>[1]> = {
  invalid_external_ref: 'invalid_input',
  duplicate_external_ref: 'invalid_input',
  unknown_kind: 'invalid_input',
  invalid_mobile: 'invalid_input',
  invalid_amount: 'invalid_input',
  invalid_occurred_at: 'invalid_input',
  invalid_note: 'invalid_input',
  wrong_column_count: 'invalid_input',
  customer_not_found: 'not_found',
  outside_province: 'not_found',
  points_not_earned: 'invalid_input',
  balance_below_zero: 'conflict',
  ledger_entry_conflict: 'conflict',
};

/**
 * Records billing entries sent through the channel API: all or none, once per Idempotency-Key. The
 * first refused entry refuses the request, its position in `params.index`.
 */
export async function recordLedgerEntries(actor: Actor, input: { entries: LedgerEntry[]; idempotencyKey?: string }, now = Date.now()): Promise<StoredLedgerEntry[]> {
  if (actor.kind !== 'channel' && !(actor.kind === 'staff' && hasRole(actor, AREA_ROLES.operations))) throw forbidden();
  const request = { op: 'ledger-entries', entries: input.entries };
  return runIdempotent(
    actor,
    input.idempotencyKey,
    request,
    async (tx) => {
      const outcomes = await applyEntries(tx, actor, input.entries, now);
      const index = outcomes.findIndex((o) => !o.ok);
      const refused = outcomes[index];
      if (refused && !refused.ok) {
        const code = refused.reason === 'outside_province' ? 'customer_not_found' : refused.reason;
        throw new DomainError(code, API_CATEGORY[refused.reason], { ...refused.params, index, externalRef: input.entries[index]!.externalRef });
      }
      const recorded = outcomes.map((o) => (o as Extract<Outcome, { ok: true }>).entry);
      const applied = recorded.filter((e) => e.status === 'applied');
      if (applied.length > 0) {
        await audit(tx, actor, { action: 'ledger.entries', entityType: 'ledger_entry', after: { applied: applied.map((e) => e.externalRef), alreadyApplied: recorded.length - applied.length } });
      }
      return recorded;
    },
    now,
  );
}

export interface LedgerImportSummary {
  /** Null when the whole file was refused: then nothing was written. */
  importId: number | null;
  totalRows: number;
  applied: number;
  alreadyApplied: number;
  errorCount: number;
  fileError?: ImportFileError;
}

/**
 * Imports a ledger CSV from billing: valid rows apply, refused rows are listed and write nothing,
 * rows already applied by an earlier file are counted and write nothing, so the same file again
 * changes no balance. One transaction with the import record and one audit entry.
 */
export async function importLedgerEntries(actor: Actor, file: { fileName: string; text: string }, now = Date.now()): Promise<LedgerImportSummary> {
  if (actor.kind !== 'staff' || !hasRole(actor, AREA_ROLES.operations)) throw forbidden();
  const parsed = parseLedgerCsv(file.text, now);
  if (parsed.fileError) return { importId: null, totalRows: 0, applied: 0, alreadyApplied: 0, errorCount: 0, fileError: parsed.fileError };
  const fileName = [...file.fileName.trim()].slice(0, MAX_FILE_NAME).join('') || 'ledger.csv';

  return withTransaction(async (tx) => {
    const outcomes = await applyEntries(tx, actor, parsed.rows, now);
    const applyErrors: LedgerImportError[] = [];
    let applied = 0;
    let alreadyApplied = 0;
    outcomes.forEach((outcome, i) => {
      const row = parsed.rows[i]!.row;
      if (!outcome.ok) {
        const column = outcome.reason === 'ledger_entry_conflict' ? 'external_ref' : outcome.reason === 'balance_below_zero' ? 'amount' : 'mobile';
        applyErrors.push(outcome.params ? { row, column, reason: outcome.reason, params: outcome.params } : { row, column, reason: outcome.reason });
      } else if (outcome.entry.status === 'applied') applied++;
      else alreadyApplied++;
    });
    const errors = [...parsed.errors, ...applyErrors].sort((a, b) => a.row - b.row);
    const counts = { totalRows: parsed.totalRows, applied, alreadyApplied, errorCount: errors.length };
    const [record] = await tx
      .insert(customerImports)
      .values({ kind: 'ledger', staffId: actor.staffId, fileName, totalRows: counts.totalRows, createdCount: applied, updatedCount: 0, unchangedCount: alreadyApplied, errorCount: errors.length, errors, createdAt: now })
      .returning({ id: customerImports.id });
    await audit(tx, actor, { action: 'ledger.import', entityType: 'customer_import', entityId: record!.id, after: { fileName, ...counts } });
    return { importId: record!.id, ...counts };
  });
}
