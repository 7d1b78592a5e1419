import 'server-only';
import { and, asc, desc, eq, ne } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { halls } from '@/db/schema';
import { workingProvince, type Actor } from '@/lib/domain/access';
import { DomainError, notFound } from '@/lib/domain/errors';
import type { HallInput } from '@/lib/validation/halls';
import { audit } from './audit';
import { requireServiceStaff } from './services';

/** A province's halls and brand stores, active ones first, by city and name. */
export async function listHalls(actor: Actor, provinceCode?: string) {
  const province = workingProvince(actor, provinceCode);
  requireServiceStaff(actor, province);
  return getReader().select().from(halls).where(eq(halls.provinceCode, province)).orderBy(desc(halls.active), asc(halls.city), asc(halls.nameZh));
}

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
    if (taken) throw new DomainError('hall_name_taken', 'conflict', {}, { nameZh: 'hall_name_taken' });
    const values = { kind: input.kind, nameZh: input.nameZh, nameEn: input.nameEn, city: input.city, address: input.address, active: input.active };
    const [after] = before
      ? await tx.update(halls).set(values).where(eq(halls.id, before.id)).returning()
      : await tx
          .insert(halls)
          .values({ ...values, provinceCode: province })
          .returning();
    await audit(tx, staff, { action: before ? 'hall.update' : 'hall.create', entityType: 'hall', entityId: after!.id, before: before ?? null, after, provinceCode: province });
    return after!;
  });
}
