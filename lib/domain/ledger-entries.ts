import { headerMatches, readImportRecords, significantLength, type ImportFileError } from './import-csv';
import type { ImportError } from './customer-import';
import { normalizeMobile } from './mobile';
import { isPlainLine } from './plain-text';
import { parseShanghaiLocal } from './time';
import type { LedgerReason } from './types';

/**
 * What billing (计费系统) sends: points accrued or adjusted, prepaid balance topped up or adjusted.
 * Accruals and top-ups only add; adjustments may take away, never below a zero balance.
 */
export const LEDGER_ENTRY_KINDS = ['points_accrual', 'points_adjustment', 'prepaid_topup', 'prepaid_adjustment'] as const;
export type LedgerEntryKind = (typeof LEDGER_ENTRY_KINDS)[number];

/** Which ledger an entry goes to, and under which of its reasons (so a stored row tells its kind back). */
export const LEDGER_OF_KIND: Record<LedgerEntryKind, { ledger: 'points' | 'prepaid'; reason: LedgerReason }> = {
  points_accrual: { ledger: 'points', reason: 'grant' },
  points_adjustment: { ledger: 'points', reason: 'adjustment' },
  prepaid_topup: { ledger: 'prepaid', reason: 'topup' },
  prepaid_adjustment: { ledger: 'prepaid', reason: 'adjustment' },
};

/** The ledger rows billing wrote carry this refType. */
export const BILLING_REF_TYPE = 'billing';

/** The billing system's entry id: what its exports use, short enough to index. */
export const EXTERNAL_REF_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}$/;
/** Points or fen in one entry: 10 million yuan or 1 billion points is past anything real. */
export const MAX_LEDGER_AMOUNT = 1_000_000_000;
export const MAX_LEDGER_NOTE = 200;

/** One entry as billing means it, normalized: the amount in points or fen, the instant in UTC ms. */
export interface LedgerEntry {
  externalRef: string;
  kind: LedgerEntryKind;
  mobile: string;
  amount: number;
  occurredAt: number;
  note: string | null;
}

/** Whether the amount fits the kind: whole, non-zero, only adjustments below zero. */
export function amountRefusal(kind: LedgerEntryKind, amount: number): 'invalid_amount' | null {
  if (!Number.isSafeInteger(amount) || amount === 0 || Math.abs(amount) > MAX_LEDGER_AMOUNT) return 'invalid_amount';
  if (amount < 0 && (kind === 'points_accrual' || kind === 'prepaid_topup')) return 'invalid_amount';
  return null;
}

/** An entry may not apply where it would take the balance below zero (the database refuses it too). */
export function balanceRefusal(balance: number, amount: number): { code: 'balance_below_zero'; params: { balance: number; amount: number } } | null {
  return balance + amount < 0 ? { code: 'balance_below_zero', params: { balance, amount } } : null;
}

/** Whether an entry already stored under the same reference is this one (a repeat) or another (a conflict). */
export function sameLedgerEntry(stored: Omit<LedgerEntry, 'mobile'> & { customerId: number }, entry: Omit<LedgerEntry, 'mobile'> & { customerId: number }): boolean {
  return (
    stored.customerId === entry.customerId &&
    stored.kind === entry.kind &&
    stored.amount === entry.amount &&
    stored.occurredAt === entry.occurredAt &&
    (stored.note ?? null) === (entry.note ?? null)
  );
}

// Billing exports write the Beijing wall clock; systems write ISO 8601 with an offset.
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::(\d{2}))?$/;
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** "2026-12-01 09:30[:15]" in Beijing time, or ISO 8601 with Z or an offset -> UTC ms; null when malformed. */
export function parseBillingInstant(value: string): number | null {
  const text = value.trim();
  const local = LOCAL_TIME.exec(text);
  if (local) {
    const minute = parseShanghaiLocal(`${local[1]}T${local[2]}`);
    const seconds = Number(local[3] ?? 0);
    return minute === null || seconds > 59 ? null : minute + seconds * 1000;
  }
  if (!ISO_WITH_OFFSET.test(text)) return null;
  const instant = Date.parse(text);
  return Number.isNaN(instant) ? null : instant;
}

/** The columns of a ledger CSV, in order. */
export const LEDGER_COLUMNS = ['external_ref', 'kind', 'mobile', 'amount', 'occurred_at', 'note'] as const;
export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

const CHINESE_HEADER: Record<LedgerColumn, string> = {
  external_ref: '计费流水号',
  kind: '类型',
  mobile: '手机号码',
  amount: '数量',
  occurred_at: '发生时间',
  note: '备注',
};

const KIND_ALIASES: ReadonlyMap<string, LedgerEntryKind> = new Map([
  ...LEDGER_ENTRY_KINDS.map((kind) => [kind, kind] as const),
  ['积分累积', 'points_accrual'],
  ['积分调整', 'points_adjustment'],
  ['预付费充值', 'prepaid_topup'],
  ['预付费调整', 'prepaid_adjustment'],
]);

export const LEDGER_ROW_REASONS = [
  'invalid_external_ref',
  'duplicate_external_ref',
  'unknown_kind',
  'invalid_mobile',
  'invalid_amount',
  'invalid_occurred_at',
  'invalid_note',
  'wrong_column_count',
  /** Found when applying, against the database. */
  'customer_not_found',
  'outside_province',
  'points_not_earned',
  'balance_below_zero',
  'ledger_entry_conflict',
] as const;
export type LedgerRowReason = (typeof LEDGER_ROW_REASONS)[number];
export type LedgerImportError = ImportError<LedgerColumn, LedgerRowReason>;

export interface LedgerImportRow extends LedgerEntry {
  row: number;
}

export interface LedgerCsvResult {
  rows: LedgerImportRow[];
  errors: LedgerImportError[];
  totalRows: number;
  fileError?: ImportFileError;
}

/**
 * Parses and validates a ledger CSV from billing, row by row as the customer import does. An
 * entry in the future is refused (billing reports what happened). A reference seen again in the
 * same file is an error naming the row kept; one already applied by an earlier file is for the
 * caller to find.
 */
export function parseLedgerCsv(text: string, now: number): LedgerCsvResult {
  const refuse = (fileError: ImportFileError): LedgerCsvResult => ({ rows: [], errors: [], totalRows: 0, fileError });
  const read = readImportRecords(text);
  if ('fileError' in read) return refuse(read.fileError);
  const [header, ...data] = read.records;
  if (!header) return refuse('empty_file');
  const width = LEDGER_COLUMNS.length;
  const headerOk = significantLength(header.fields, width) === width && LEDGER_COLUMNS.every((c, i) => headerMatches(header.fields[i], [c, CHINESE_HEADER[c]]));
  if (!headerOk) return refuse('wrong_header');
  if (data.length === 0) return refuse('empty_file');

  const rows: LedgerImportRow[] = [];
  const errors: LedgerImportError[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { line, fields } of data) {
    const error = (column: LedgerImportError['column'], reason: LedgerRowReason, params?: Record<string, number>) =>
      errors.push(params ? { row: line, column, reason, params } : { row: line, column, reason });
    const found = significantLength(fields, width);
    if (found !== width) {
      error('', 'wrong_column_count', { expected: width, found });
      continue;
    }
    const before = errors.length;
    const [externalRef, rawKind, rawMobile, rawAmount, rawOccurred, note] = fields.map((f) => f.trim()) as [string, string, string, string, string, string];

    if (!EXTERNAL_REF_PATTERN.test(externalRef)) error('external_ref', 'invalid_external_ref');
    else {
      const first = firstRowOf.get(externalRef);
      if (first === undefined) firstRowOf.set(externalRef, line);
      else error('external_ref', 'duplicate_external_ref', { firstRow: first });
    }
    const kind = KIND_ALIASES.get(rawKind.toLowerCase());
    if (!kind) error('kind', 'unknown_kind');
    const mobile = normalizeMobile(rawMobile);
    if (!mobile) error('mobile', 'invalid_mobile');
    const amount = /^-?\d{1,10}$/.test(rawAmount) ? Number(rawAmount) : Number.NaN;
    if (kind && amountRefusal(kind, amount)) error('amount', 'invalid_amount');
    else if (!kind && Number.isNaN(amount)) error('amount', 'invalid_amount');
    const occurredAt = parseBillingInstant(rawOccurred);
    if (occurredAt === null || occurredAt > now) error('occurred_at', 'invalid_occurred_at');
    if ([...note].length > MAX_LEDGER_NOTE || !isPlainLine(note)) error('note', 'invalid_note');

    if (errors.length === before && kind && mobile && occurredAt !== null) {
      rows.push({ row: line, externalRef, kind, mobile, amount, occurredAt, note: note === '' ? null : note });
    }
  }
  return { rows, errors, totalRows: data.length };
}
