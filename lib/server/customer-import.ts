import 'server-only';
import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { activities, clubs, customerImports, customers, memberships, staff } from '@/db/schema';
import { AREA_ROLES, canActForCustomer, hasRole, type Actor, type StaffActor } from '@/lib/domain/access';
import {
  buildProvinceLookup,
  diffImportedCustomer,
  importClubRefusal,
  parseCustomerCsv,
  type CustomerChanges,
  type CustomerImportError,
  type CustomerImportRow,
  type ImportedCustomer,
  type ImportFileError,
} from '@/lib/domain/customer-import';
import type { LedgerImportError } from '@/lib/domain/ledger-entries';
import { forbidden, notFound } from '@/lib/domain/errors';
import type { ClubCode, ImportKind, Segment } from '@/lib/domain/types';
import { audit } from './audit';
import { listProvinces } from './provinces';

/** Mobile numbers per read: well below SQLite's limit of bound parameters. */
const CHUNK = 500;
const MAX_FILE_NAME = 200;

export interface CustomerImportSummary {
  /** Null when the whole file was refused: then nothing was written. */
  importId: number | null;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  fileError?: ImportFileError;
}

/** Imports are an operations task: operators within their province, admins everywhere. */
function requireImporter(actor: Actor): StaffActor {
  if (actor.kind !== 'staff' || !hasRole(actor, AREA_ROLES.operations)) throw forbidden();
  return actor;
}

function chunksOf<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) chunks.push(items.slice(i, i + CHUNK));
  return chunks;
}

async function findCustomersByMobile(tx: Tx, mobiles: readonly string[]) {
  const found = new Map<string, ImportedCustomer & { id: number }>();
  for (const chunk of chunksOf(mobiles)) {
    const rows = await tx
      .select({
        id: customers.id,
        mobile: customers.mobile,
        name: customers.name,
        segment: customers.segment,
        provinceCode: customers.provinceCode,
        status: customers.status,
      })
      .from(customers)
      .where(inArray(customers.mobile, chunk));
    for (const { mobile, ...customer } of rows) found.set(mobile, customer);
  }
  return found;
}

interface CustomerUpdate {
  customerId: number;
  row: CustomerImportRow;
  current: ImportedCustomer;
  changes: CustomerChanges;
}

/** Open memberships of these customers, as 'customerId:clubCode'. */
async function findOpenMemberships(tx: Tx, customerIds: readonly number[]): Promise<Set<string>> {
  const open = new Set<string>();
  for (const chunk of chunksOf(customerIds)) {
    const rows = await tx
      .select({ customerId: memberships.customerId, clubCode: memberships.clubCode })
      .from(memberships)
      .where(and(inArray(memberships.customerId, chunk), isNull(memberships.leftAt)));
    for (const r of rows) open.add(`${r.customerId}:${r.clubCode}`);
  }
  return open;
}

/**
 * The import's writes, each prepared once: a 20 MB file writes hundreds of thousands of rows, and a
 * drizzle builder re-prepares its SQL on every call. Measured on 392k new customers: 121 s with
 * builders and recordActivity, 50 s prepared, all of it holding the write lock. The activity rows
 * are the facts recordActivity (and joinClub, leaveClub) would write; balances are not touched.
 */
function prepareImportWrites(tx: Tx, importer: StaffActor, importId: number, now: number) {
  const source = { refType: 'customer_import', refId: importId } as const;
  const insertCustomer = tx
    .insert(customers)
    .values({
      mobile: sql.placeholder('mobile'),
      name: sql.placeholder('name'),
      segment: sql.placeholder('segment'),
      provinceCode: sql.placeholder('provinceCode'),
      status: sql.placeholder('status'),
      createdAt: now,
    })
    .returning({ id: customers.id })
    .prepare();
  // drizzle types `set` without placeholders; wrapped in sql they bind the same way.
  const bind = (name: string) => sql`${sql.placeholder(name)}`;
  const updateCustomer = tx
    .update(customers)
    .set({ name: bind('name'), segment: bind('segment'), provinceCode: bind('provinceCode'), status: bind('status'), updatedAt: now })
    .where(eq(customers.id, sql.placeholder('id')))
    .prepare();
  // A customer who moves province takes their open memberships to that province's clubs.
  const moveOpenMemberships = tx
    .update(memberships)
    .set({ provinceCode: bind('provinceCode') })
    .where(and(eq(memberships.customerId, sql.placeholder('customerId')), isNull(memberships.leftAt)))
    .prepare();
  const insertActivity = tx
    .insert(activities)
    .values({ customerId: sql.placeholder('customerId'), kind: 'imported', channel: 'hall', staffId: importer.staffId, ...source, occurredAt: now, data: sql.placeholder('data') })
    .prepare();
  // Memberships as joinClub and leaveClub write them, at the hall, by the importing staff member.
  const join = tx
    .insert(memberships)
    .values({ customerId: sql.placeholder('customerId'), clubCode: sql.placeholder('clubCode'), provinceCode: sql.placeholder('provinceCode'), joinedAt: now, joinChannel: 'hall', joinedByStaffId: importer.staffId, createdAt: now })
    .returning({ id: memberships.id })
    .prepare();
  const leave = tx
    .update(memberships)
    .set({ leftAt: sql`case when ${memberships.joinedAt} > ${now} then ${memberships.joinedAt} else ${now} end`, leaveChannel: 'hall', leftByStaffId: importer.staffId })
    .where(and(eq(memberships.customerId, sql.placeholder('customerId')), eq(memberships.clubCode, sql.placeholder('clubCode')), isNull(memberships.leftAt)))
    .returning({ id: memberships.id })
    .prepare();
  const clubActivity = tx
    .insert(activities)
    .values({ customerId: sql.placeholder('customerId'), kind: sql.placeholder('kind'), clubCode: sql.placeholder('clubCode'), channel: 'hall', staffId: importer.staffId, refType: 'membership', refId: sql.placeholder('membershipId'), occurredAt: now })
    .prepare();

  async function changeClubs(customerId: number, row: CustomerImportRow): Promise<void> {
    for (const clubCode of row.leaveClubs) {
      const [left] = await leave.execute({ customerId, clubCode });
      await clubActivity.execute({ customerId, kind: 'left', clubCode, membershipId: left!.id });
    }
    for (const clubCode of row.joinClubs) {
      const [joined] = await join.execute({ customerId, clubCode, provinceCode: row.provinceCode });
      await clubActivity.execute({ customerId, kind: 'joined', clubCode, membershipId: joined!.id });
    }
  }

  return {
    /** New customers start with zero balances (a trigger insists); balances arrive from billing through the ledgers. */
    async create(row: CustomerImportRow): Promise<void> {
      const [created] = await insertCustomer.execute({ mobile: row.mobile, name: row.name, segment: row.segment, provinceCode: row.provinceCode, status: row.status ?? 'active' });
      const customerId = created!.id;
      await insertActivity.execute({ customerId, data: { change: 'created' } });
      await changeClubs(customerId, row);
    },
    async update({ customerId, row, current, changes }: CustomerUpdate): Promise<void> {
      if (Object.keys(changes).length > 0) {
        await updateCustomer.execute({ id: customerId, name: row.name, segment: row.segment, provinceCode: row.provinceCode, status: row.status ?? current.status });
        if (changes.provinceCode) await moveOpenMemberships.execute({ customerId, provinceCode: row.provinceCode });
        await insertActivity.execute({ customerId, data: { change: 'updated', changes } });
      }
      await changeClubs(customerId, row);
    },
  };
}

/**
 * Imports a customer CSV: valid rows are created or updated by mobile number, joined to and taken
 * out of clubs, all in one transaction with their activity records, the import record and one
 * audit entry. A row refused by a club rule writes nothing. Rows that change nothing write
 * nothing, so importing the same file again changes nothing. Operators import only customers of
 * their own province, and may not move one in from elsewhere. Balances are the ledger import's.
 */
export async function importCustomers(actor: Actor, file: { fileName: string; text: string }, now = Date.now()): Promise<CustomerImportSummary> {
  const importer = requireImporter(actor);
  // Parsing a large file takes seconds: done before the write lock is taken.
  const parsed = parseCustomerCsv(file.text, buildProvinceLookup(await listProvinces()));
  if (parsed.fileError) {
    return { importId: null, totalRows: 0, created: 0, updated: 0, unchanged: 0, errorCount: 0, fileError: parsed.fileError };
  }
  const outsideRows: CustomerImportError[] = [];
  const rows = parsed.rows.filter((row) => {
    if (canActForCustomer(importer, row)) return true;
    outsideRows.push({ row: row.row, column: 'province', reason: 'outside_province' });
    return false;
  });
  const fileName = [...file.fileName.trim()].slice(0, MAX_FILE_NAME).join('') || 'customers.csv';

  return withTransaction(async (tx) => {
    // Read inside the lock: what is compared must be what is overwritten.
    const existing = await findCustomersByMobile(tx, rows.map((r) => r.mobile));
    const withClubs = rows.filter((r) => r.joinClubs.length + r.leaveClubs.length > 0);
    const open = await findOpenMemberships(tx, withClubs.flatMap((r) => existing.get(r.mobile)?.id ?? []));
    const allowed = new Map<ClubCode, readonly Segment[]>(withClubs.length === 0 ? [] : (await tx.select({ code: clubs.code, allowedSegments: clubs.allowedSegments }).from(clubs)).map((c) => [c.code, c.allowedSegments]));
    const scopeErrors = [...outsideRows];
    const creates: CustomerImportRow[] = [];
    const updates: CustomerUpdate[] = [];
    let unchanged = 0;
    for (const row of rows) {
      const current = existing.get(row.mobile);
      if (current && !canActForCustomer(importer, current)) {
        scopeErrors.push({ row: row.row, column: 'mobile', reason: 'outside_province' });
        continue;
      }
      const after = { status: row.status ?? current?.status ?? 'active', segment: row.segment };
      const refused = importClubRefusal(importer, row, after, allowed, (clubCode) => current !== undefined && open.has(`${current.id}:${clubCode}`));
      if (refused) {
        scopeErrors.push(refused);
        continue;
      }
      if (!current) {
        creates.push(row);
        continue;
      }
      const changes = diffImportedCustomer(current, row);
      if (Object.keys(changes).length === 0 && row.joinClubs.length + row.leaveClubs.length === 0) unchanged++;
      else updates.push({ customerId: current.id, row, current, changes });
    }
    const errors = [...parsed.errors, ...scopeErrors].sort((a, b) => a.row - b.row);
    const counts = { totalRows: parsed.totalRows, created: creates.length, updated: updates.length, unchanged, errorCount: errors.length };

    const [record] = await tx
      .insert(customerImports)
      .values({
        kind: 'customers',
        staffId: importer.staffId,
        fileName,
        totalRows: counts.totalRows,
        createdCount: counts.created,
        updatedCount: counts.updated,
        unchangedCount: counts.unchanged,
        errorCount: counts.errorCount,
        errors,
        createdAt: now,
      })
      .returning({ id: customerImports.id });
    const importId = record!.id;
    const writes = prepareImportWrites(tx, importer, importId, now);
    for (const row of creates) await writes.create(row);
    for (const update of updates) await writes.update(update);
    await audit(tx, importer, { action: 'customers.import', entityType: 'customer_import', entityId: importId, after: { fileName, ...counts } });
    return { importId, ...counts };
  });
}

/** Admins see every import; an operator sees their own and those of staff of their province. */
function importScope(importer: StaffActor): SQL | undefined {
  if (importer.role === 'admin') return undefined;
  const own = eq(customerImports.staffId, importer.staffId);
  return importer.provinceCode ? or(own, eq(staff.provinceCode, importer.provinceCode)) : own;
}

const importColumns = {
  id: customerImports.id,
  kind: customerImports.kind,
  fileName: customerImports.fileName,
  staffName: staff.displayName,
  totalRows: customerImports.totalRows,
  created: customerImports.createdCount,
  updated: customerImports.updatedCount,
  unchanged: customerImports.unchangedCount,
  errorCount: customerImports.errorCount,
  createdAt: customerImports.createdAt,
};

/** The latest imports the actor may see, newest first. */
export async function listCustomerImports(actor: Actor, limit = 10) {
  const importer = requireImporter(actor);
  return getReader()
    .select(importColumns)
    .from(customerImports)
    .innerJoin(staff, eq(staff.id, customerImports.staffId))
    .where(importScope(importer))
    .orderBy(desc(customerImports.createdAt), desc(customerImports.id))
    .limit(limit);
}

/** One import with all its row errors; not found when it is outside the actor's scope. */
export async function getCustomerImport(actor: Actor, importId: number) {
  const importer = requireImporter(actor);
  const scope = importScope(importer);
  const idMatches = eq(customerImports.id, importId);
  const [found] = await getReader()
    .select({ ...importColumns, errors: customerImports.errors })
    .from(customerImports)
    .innerJoin(staff, eq(staff.id, customerImports.staffId))
    .where(scope ? and(idMatches, scope) : idMatches);
  if (!found) throw notFound();
  // Written by importCustomers and importLedgerEntries only, so the stored errors are import errors with their codes.
  return { ...found, kind: found.kind as ImportKind, errors: found.errors as (CustomerImportError | LedgerImportError)[] };
}
