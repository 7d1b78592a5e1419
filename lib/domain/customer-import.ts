import { CsvError, parse } from 'csv-parse/sync';
import { normalizeMobile } from './mobile';
import { isPlainLine } from './plain-text';
import type { CustomerStatus, Segment } from './types';

/** The columns of a customer CSV, in the order the header must list them. */
export const IMPORT_COLUMNS = ['mobile', 'name', 'segment', 'province', 'status', 'points'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** The same header as the sample file shows it in Chinese (Excel users keep the Chinese header). */
const CHINESE_HEADER: Record<ImportColumn, string> = {
  mobile: '手机号码',
  name: '姓名',
  segment: '客户类型',
  province: '省份',
  status: '状态',
  points: '积分',
};

/** Above the 20 MB the issue promises, so that a 20 MB file with a little overhead still passes. */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;
export const MAX_NAME_LENGTH = 50;

export const IMPORT_FILE_ERRORS = ['empty_file', 'wrong_header', 'file_too_large', 'not_utf8', 'invalid_csv'] as const;
export type ImportFileError = (typeof IMPORT_FILE_ERRORS)[number];

export const IMPORT_ROW_REASONS = [
  'invalid_mobile',
  'invalid_name',
  'unknown_segment',
  'unknown_province',
  'unknown_status',
  'invalid_points',
  'duplicate_mobile',
  'outside_province',
  /** Points added to a segment that earns none (the HQ segment policy, 附表1). */
  'points_not_earned',
  'wrong_column_count',
] as const;
export type ImportRowReason = (typeof IMPORT_ROW_REASONS)[number];

/** A row error as stored (customer_imports.errors) and reported: `reason` is a code, `params` fill its translated text. */
export interface CustomerImportError {
  /** The file line, the header being row 1. */
  row: number;
  /** '' when the error concerns the whole row. */
  column: ImportColumn | '';
  reason: ImportRowReason;
  params?: Record<string, number>;
}

/** A valid data row, normalized. Null status or points: keep the customer's (a new customer: active, 0). */
export interface CustomerImportRow {
  row: number;
  mobile: string;
  name: string;
  segment: Segment;
  provinceCode: string;
  status: CustomerStatus | null;
  points: number | null;
}

export interface CustomerCsvResult {
  rows: CustomerImportRow[];
  errors: CustomerImportError[];
  /** Data rows in the file, valid or not (blank lines not counted). */
  totalRows: number;
  /** The whole file is refused: rows and errors are then empty. */
  fileError?: ImportFileError;
}

export interface ProvinceRef {
  code: string;
  nameZh: string;
  nameEn: string;
}

/** Lower-cased code, Chinese name, short Chinese name or English name to GB/T 2260 code. */
export type ProvinceLookup = ReadonlyMap<string, string>;

const SEGMENT_ALIASES: ReadonlyMap<string, Segment> = new Map([
  ['prepaid', 'prepaid'],
  ['postpaid', 'postpaid'],
  ['postpaid_vip', 'postpaid_vip'],
  ['预付费', 'prepaid'],
  ['后付费普通', 'postpaid'],
  ['后付费vip', 'postpaid_vip'],
]);

const STATUS_ALIASES: ReadonlyMap<string, CustomerStatus> = new Map([
  ['active', 'active'],
  ['suspended', 'suspended'],
  ['closed', 'closed'],
  ['正常', 'active'],
  ['停机', 'suspended'],
  ['销户', 'closed'],
]);

// People write 广东 as often as 广东省, and 新疆 rather than 新疆维吾尔自治区.
const CHINESE_SUFFIX = /(壮族自治区|回族自治区|维吾尔自治区|自治区|省|市)$/;

/** Builds the province lookup once per import from the provinces table. */
export function buildProvinceLookup(provinces: readonly ProvinceRef[]): ProvinceLookup {
  const lookup = new Map<string, string>();
  for (const p of provinces) {
    const english = p.nameEn.toLowerCase();
    const keys = [p.code, p.nameZh, p.nameZh.replace(CHINESE_SUFFIX, ''), english];
    // 'Xizang (Tibet)': both names are in use.
    const bracket = /^(.+?)\s*\((.+)\)$/.exec(english);
    if (bracket) keys.push(bracket[1]!, bracket[2]!);
    for (const key of keys) lookup.set(key, p.code);
  }
  return lookup;
}

/** Size of the text once encoded as UTF-8, without encoding it when it is obviously small enough. */
function exceedsByteLimit(text: string): boolean {
  if (text.length * 3 <= MAX_IMPORT_BYTES) return false;
  return new TextEncoder().encode(text).byteLength > MAX_IMPORT_BYTES;
}

function isHeader(fields: readonly string[]): boolean {
  return IMPORT_COLUMNS.every((column, i) => {
    const value = fields[i]?.trim().toLowerCase();
    return value === column || value === CHINESE_HEADER[column];
  });
}

/** Excel adds empty cells past the last column; those are not extra columns. */
function significantLength(fields: readonly string[]): number {
  let length = fields.length;
  while (length > IMPORT_COLUMNS.length && fields[length - 1]!.trim() === '') length--;
  return length;
}

function countLineBreaks(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * Parses and validates a customer CSV: the header, then every row. Row numbers are file lines
 * (the header is row 1). A mobile number seen again in the same file is an error that names the
 * row kept. Pure: the caller supplies the province lookup and decides what to do with the rows.
 */
export function parseCustomerCsv(text: string, provinces: ProvinceLookup): CustomerCsvResult {
  const refuse = (fileError: ImportFileError): CustomerCsvResult => ({ rows: [], errors: [], totalRows: 0, fileError });
  if (exceedsByteLimit(text)) return refuse('file_too_large');
  // The browser decodes the upload as UTF-8 and turns undecodable bytes (a GBK export) into U+FFFD.
  if (text.includes('\uFFFD')) return refuse('not_utf8');

  // Empty lines stay in as records, so line numbers can be counted here: asking the parser for each
  // record's position makes a 20 MB file twice as slow. A stray quote inside a name is kept as text.
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true });
  } catch (error) {
    if (error instanceof CsvError) return refuse('invalid_csv');
    throw error;
  }

  const rows: CustomerImportRow[] = [];
  const errors: CustomerImportError[] = [];
  const firstRowOf = new Map<string, number>();
  let header: string[] | undefined;
  let totalRows = 0;
  let nextLine = 1;
  for (const fields of records) {
    const line = nextLine;
    nextLine += 1 + countLineBreaks(fields);
    if (fields.every((f) => f.trim() === '')) continue;
    if (!header) {
      header = fields;
      if (significantLength(header) !== IMPORT_COLUMNS.length || !isHeader(header)) return refuse('wrong_header');
      continue;
    }
    totalRows++;
    const error = (column: CustomerImportError['column'], reason: ImportRowReason, params?: Record<string, number>) =>
      errors.push(params ? { row: line, column, reason, params } : { row: line, column, reason });

    if (significantLength(fields) !== IMPORT_COLUMNS.length) {
      error('', 'wrong_column_count', { expected: IMPORT_COLUMNS.length, found: significantLength(fields) });
      continue;
    }
    const before = errors.length;
    const [rawMobile, rawName, rawSegment, rawProvince, rawStatus, rawPoints] = fields.map((f) => f.trim()) as [
      string, string, string, string, string, string,
    ];

    const mobile = normalizeMobile(rawMobile);
    if (!mobile) error('mobile', 'invalid_mobile');
    else {
      const first = firstRowOf.get(mobile);
      if (first === undefined) firstRowOf.set(mobile, line);
      else error('mobile', 'duplicate_mobile', { firstRow: first });
    }

    const nameLength = [...rawName].length;
    if (nameLength < 1 || nameLength > MAX_NAME_LENGTH || !isPlainLine(rawName)) error('name', 'invalid_name');

    const segment = SEGMENT_ALIASES.get(rawSegment.toLowerCase());
    if (!segment) error('segment', 'unknown_segment');

    const provinceCode = provinces.get(rawProvince.toLowerCase());
    if (!provinceCode) error('province', 'unknown_province');

    const status = rawStatus === '' ? null : STATUS_ALIASES.get(rawStatus.toLowerCase());
    if (status === undefined) error('status', 'unknown_status');

    const points = rawPoints === '' ? null : /^\d{1,9}$/.test(rawPoints) ? Number(rawPoints) : undefined;
    if (points === undefined) error('points', 'invalid_points');

    if (errors.length === before && segment && provinceCode && status !== undefined && points !== undefined) {
      rows.push({ row: line, mobile, name: rawName, segment, provinceCode, status, points });
    }
  }
  if (totalRows === 0) return refuse('empty_file');
  return { rows, errors, totalRows };
}

/** The fields an import row may change on an existing customer. */
export interface ImportedCustomer {
  name: string;
  segment: Segment;
  provinceCode: string;
  status: CustomerStatus;
  pointsBalance: number;
}

export type CustomerChanges = Partial<{ [K in keyof ImportedCustomer]: { from: ImportedCustomer[K]; to: ImportedCustomer[K] } }>;

/**
 * What an import row changes on an existing customer: the differing fields, and the points delta
 * that brings the balance to the row's target (the ledger row to write). Empty when nothing differs.
 */
export function diffImportedCustomer(current: ImportedCustomer, row: CustomerImportRow): { changes: CustomerChanges; pointsDelta: number } {
  const changes: CustomerChanges = {};
  if (current.name !== row.name) changes.name = { from: current.name, to: row.name };
  if (current.segment !== row.segment) changes.segment = { from: current.segment, to: row.segment };
  if (current.provinceCode !== row.provinceCode) changes.provinceCode = { from: current.provinceCode, to: row.provinceCode };
  if (row.status !== null && current.status !== row.status) changes.status = { from: current.status, to: row.status };
  const pointsDelta = row.points === null ? 0 : row.points - current.pointsBalance;
  if (pointsDelta !== 0) changes.pointsBalance = { from: current.pointsBalance, to: row.points! };
  return { changes, pointsDelta };
}
