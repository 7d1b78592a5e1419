import { coversClub, type Actor } from './access';
import { joinRefusal, leaveRefusal } from './eligibility';
import { headerMatches, readImportRecords, significantLength, type ImportFileError } from './import-csv';
import { normalizeMobile } from './mobile';
import { isPlainLine } from './plain-text';
import { CLUB_CODES, type ClubCode, type CustomerStatus, type Segment } from './types';

export { IMPORT_FILE_ERRORS, MAX_IMPORT_BYTES, type ImportFileError } from './import-csv';

/** The columns of a customer CSV, in the order the header must list them. */
export const IMPORT_COLUMNS = ['mobile', 'name', 'segment', 'province', 'status'] as const;
/** Optional, together after the others: the clubs a row joins and leaves, codes separated by `|`. */
export const CLUB_COLUMNS = ['join_clubs', 'leave_clubs'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number] | (typeof CLUB_COLUMNS)[number];

/** The same header as the sample file shows it in Chinese (Excel users keep the Chinese header). */
const CHINESE_HEADER: Record<ImportColumn, string> = {
  mobile: '手机号码',
  name: '姓名',
  segment: '客户类型',
  province: '省份',
  status: '状态',
  join_clubs: '加入俱乐部',
  leave_clubs: '退出俱乐部',
};

/**
 * Balance columns of the files this import used to take: balances now come only from billing, as
 * ledger entries (the ledger import), so a file that still carries them is refused as a whole
 * rather than half-read.
 */
const BALANCE_HEADERS = ['points', 'points_balance', 'prepaid', 'prepaid_balance', 'prepaid_balance_fen', 'balance', '积分', '积分余额', '余额', '预付费余额'];

export const MAX_NAME_LENGTH = 50;

export const IMPORT_ROW_REASONS = [
  'invalid_mobile',
  'invalid_name',
  'unknown_segment',
  'unknown_province',
  'unknown_status',
  /** Stored by imports made while this import still set points balances. */
  'invalid_points',
  'duplicate_mobile',
  'outside_province',
  /** Points added to a segment that earns none (the HQ segment policy, 附表1). */
  'points_not_earned',
  'wrong_column_count',
  'unknown_club',
  'club_join_and_leave',
  /** The enrolment rules of the app (lib/domain/eligibility), for a club column. */
  'customer_not_active',
  'segment_not_allowed',
  'already_member',
  'not_member',
  /** An operator limited to some clubs names another one. */
  'club_outside_scope',
] as const;
export type ImportRowReason = (typeof IMPORT_ROW_REASONS)[number];

/** A row error as stored (customer_imports.errors) and reported: `reason` is a code, `params` fill its translated text. */
export interface ImportError<Column extends string, Reason extends string> {
  /** The file line, the header being row 1. */
  row: number;
  /** '' when the error concerns the whole row. */
  column: Column | '';
  reason: Reason;
  params?: Record<string, number | string>;
}

export type CustomerImportError = ImportError<ImportColumn, ImportRowReason>;

/** A valid data row, normalized. Null status: keep the customer's (a new customer: active). */
export interface CustomerImportRow {
  row: number;
  mobile: string;
  name: string;
  segment: Segment;
  provinceCode: string;
  status: CustomerStatus | null;
  joinClubs: ClubCode[];
  leaveClubs: ClubCode[];
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

/** The number of columns the header names: the five required, or those and the two club columns. */
function headerWidth(header: readonly string[]): number | null {
  const names = (column: ImportColumn) => [column, CHINESE_HEADER[column]];
  if (!IMPORT_COLUMNS.every((column, i) => headerMatches(header[i], names(column)))) return null;
  const width = significantLength(header, IMPORT_COLUMNS.length);
  if (width === IMPORT_COLUMNS.length) return width;
  const clubs = CLUB_COLUMNS.every((column, i) => headerMatches(header[IMPORT_COLUMNS.length + i], names(column)));
  return clubs && width === IMPORT_COLUMNS.length + CLUB_COLUMNS.length ? width : null;
}

/** Club codes of a cell, `|` between them; null when one is not a club. */
function parseClubs(cell: string): ClubCode[] | null {
  const codes = new Set<ClubCode>();
  for (const part of cell.split('|')) {
    const code = part.trim().toLowerCase();
    if (code === '') continue;
    if (!(CLUB_CODES as readonly string[]).includes(code)) return null;
    codes.add(code as ClubCode);
  }
  return [...codes];
}

/**
 * Parses and validates a customer CSV: the header, then every row. Row numbers are file lines
 * (the header is row 1). A mobile number seen again in the same file is an error that names the
 * row kept. Pure: the caller supplies the province lookup and decides what to do with the rows.
 */
export function parseCustomerCsv(text: string, provinces: ProvinceLookup): CustomerCsvResult {
  const refuse = (fileError: ImportFileError): CustomerCsvResult => ({ rows: [], errors: [], totalRows: 0, fileError });
  const read = readImportRecords(text);
  if ('fileError' in read) return refuse(read.fileError);
  const [header, ...data] = read.records;
  if (!header) return refuse('empty_file');
  if (header.fields.some((cell) => headerMatches(cell, BALANCE_HEADERS))) return refuse('balance_columns_moved');
  const width = headerWidth(header.fields);
  if (width === null) return refuse('wrong_header');
  if (data.length === 0) return refuse('empty_file');

  const rows: CustomerImportRow[] = [];
  const errors: CustomerImportError[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { line, fields } of data) {
    const error = (column: CustomerImportError['column'], reason: ImportRowReason, params?: Record<string, number>) =>
      errors.push(params ? { row: line, column, reason, params } : { row: line, column, reason });

    const found = significantLength(fields, width);
    if (found !== width) {
      error('', 'wrong_column_count', { expected: width, found });
      continue;
    }
    const before = errors.length;
    const [rawMobile, rawName, rawSegment, rawProvince, rawStatus, rawJoin = '', rawLeave = ''] = fields.map((f) => f.trim()) as [
      string, string, string, string, string, string?, string?,
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

    const joinClubs = parseClubs(rawJoin);
    if (!joinClubs) error('join_clubs', 'unknown_club');
    const leaveClubs = parseClubs(rawLeave);
    if (!leaveClubs) error('leave_clubs', 'unknown_club');
    if (joinClubs && leaveClubs && joinClubs.some((code) => leaveClubs.includes(code))) error('', 'club_join_and_leave');

    if (errors.length === before && segment && provinceCode && status !== undefined && joinClubs && leaveClubs) {
      rows.push({ row: line, mobile, name: rawName, segment, provinceCode, status, joinClubs, leaveClubs });
    }
  }
  return { rows, errors, totalRows: data.length };
}

/** The fields an import row may change on an existing customer. */
export interface ImportedCustomer {
  name: string;
  segment: Segment;
  provinceCode: string;
  status: CustomerStatus;
}

export type CustomerChanges = Partial<{ [K in keyof ImportedCustomer]: { from: ImportedCustomer[K]; to: ImportedCustomer[K] } }>;

/** What an import row changes on an existing customer: the differing fields, empty when nothing differs. Balances are not the import's business. */
export function diffImportedCustomer(current: ImportedCustomer, row: CustomerImportRow): CustomerChanges {
  const changes: CustomerChanges = {};
  if (current.name !== row.name) changes.name = { from: current.name, to: row.name };
  if (current.segment !== row.segment) changes.segment = { from: current.segment, to: row.segment };
  if (current.provinceCode !== row.provinceCode) changes.provinceCode = { from: current.provinceCode, to: row.provinceCode };
  if (row.status !== null && current.status !== row.status) changes.status = { from: current.status, to: row.status };
  return changes;
}

/**
 * The club columns of a row against the rules of enrolling in the app: the club in the operator's
 * scope, the customer (as the row leaves them) allowed to join, a member of a club they leave.
 * The first refusal, with its column; null when every club change may go ahead.
 */
export function importClubRefusal(
  importer: Actor,
  row: CustomerImportRow,
  customer: { status: ImportedCustomer['status']; segment: Segment },
  allowed: ReadonlyMap<ClubCode, readonly Segment[]>,
  isMember: (clubCode: ClubCode) => boolean,
): CustomerImportError | null {
  for (const [column, codes] of [['leave_clubs', row.leaveClubs], ['join_clubs', row.joinClubs]] as const) {
    for (const clubCode of codes) {
      const refusal = !coversClub(importer, clubCode)
        ? 'club_outside_scope'
        : column === 'leave_clubs'
          ? leaveRefusal(isMember(clubCode))
          : joinRefusal(customer, { allowedSegments: allowed.get(clubCode) ?? [] }, isMember(clubCode));
      if (refusal) return { row: row.row, column, reason: refusal };
    }
  }
  return null;
}
