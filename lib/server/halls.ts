import 'server-only';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { isUniqueViolation } from '@/db/sql';
import { halls } from '@/db/schema';
import { workingProvince, type Actor } from '@/lib/domain/access';
import { DomainError, notFound } from '@/lib/domain/errors';
import type { HallInput } from '@/lib/validation/halls';
import { audit } from './audit';
import { requireServiceStaff } from './services/shared';

/** A province's halls and brand stores, active ones first, by city and name. */
export async function listHalls(actor: Actor, provinceCode?: string) {
  const province = workingProvince(actor, provinceCode);
  requireServiceStaff(actor, province);
  return getReader().select().from(halls).where(eq(halls.provinceCode, province)).orderBy(desc(halls.active), asc(halls.city), asc(halls.nameZh));
}

const nameTaken = () => new DomainError('hall_name_taken', 'conflict', {}, { nameZh: 'hall_name_taken' });

/** Adds a hall, or changes one (a new name reaches its slots and phones through a trigger). Names are unique per province. */
export async function saveHall(actor: Actor, input: HallInput) {
  return withTransaction(async (tx) => {
    const before = input.hallId ? (await tx.select().from(halls).where(eq(halls.id, input.hallId)))[0] : undefined;
    if (input.hallId && !before) throw notFound();
    const province = before?.provinceCode ?? workingProvince(actor, input.provinceCode);
    const staff = requireServiceStaff(actor, province);
    const [taken] = await tx
      .select({ id: halls.id })
      .from(halls)
      .where(and(eq(halls.provinceCode, province), eq(halls.nameZh, input.nameZh), before ? ne(halls.id, before.id) : undefined));
    if (taken) throw nameTaken();
    const values = { kind: input.kind, nameZh: input.nameZh, nameEn: input.nameEn, city: input.city, address: input.address, active: input.active };
    // A concurrent save of the same name (PostgreSQL) passes the check and meets the unique index instead.
    const [after] = await (before ? tx.update(halls).set(values).where(eq(halls.id, before.id)).returning() : tx.insert(halls).values({ ...values, provinceCode: province }).returning()).catch(
      (error: unknown) => {
        throw isUniqueViolation(error) ? nameTaken() : error;
      },
    );
    await audit(tx, staff, { action: before ? 'hall.update' : 'hall.create', entityType: 'hall', entityId: after!.id, before: before ?? null, after, provinceCode: province });
    return after!;
  });
}
