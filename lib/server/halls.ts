import 'server-only';
import { and, asc, eq, ne } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { halls } from '@/db/schema';
import { coversClub, coversProvince, isOperational, type Actor } from '@/lib/domain/access';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import type { HallInput } from '@/lib/validation/halls';
import { audit } from './audit';

/** The province an operator works on: their own, or for HQ the one named. */
function provinceFor(actor: Actor, requested: string | undefined): string {
  const province = actor.kind !== 'member' && actor.provinceCode ? actor.provinceCode : requested;
  if (!province) throw new DomainError('province_required');
  return province;
}

/** Handset club operators of the province (and admins) keep its list of halls. */
function requireHallStaff(actor: Actor, provinceCode: string) {
  if (!isOperational(actor) || !coversProvince(actor, provinceCode)) throw notFound();
  if (!coversClub(actor, 'handset')) throw forbidden();
  return actor;
}

/** A province's halls and brand stores, active ones first, by city and name. */
export async function listHalls(actor: Actor, provinceCode?: string) {
  const province = provinceFor(actor, provinceCode);
  requireHallStaff(actor, province);
  const rows = await getReader().select().from(halls).where(eq(halls.provinceCode, province)).orderBy(asc(halls.city), asc(halls.nameZh));
  return rows.sort((a, b) => Number(b.active) - Number(a.active));
}

/**
 * An active hall of the province, for a new slot or loaner phone; anything else is refused on the
 * form's field (an inactive or unknown hall, or one of another province).
 */
export async function activeHallOf(tx: Tx, hallId: number, provinceCode: string, field: string) {
  const [hall] = await tx.select().from(halls).where(eq(halls.id, hallId));
  if (!hall || hall.provinceCode !== provinceCode || !hall.active) throw new DomainError('hall_unavailable', 'invalid_input', {}, { [field]: 'hall_unavailable' });
  return hall;
}

/** Adds a hall, or changes one (a new name reaches its slots and phones through a trigger). Names are unique per province. */
export async function saveHall(actor: Actor, input: HallInput) {
  return withTransaction(async (tx) => {
    const before = input.hallId ? (await tx.select().from(halls).where(eq(halls.id, input.hallId)))[0] : undefined;
    if (input.hallId && !before) throw notFound();
    const province = before?.provinceCode ?? provinceFor(actor, input.provinceCode);
    const staff = requireHallStaff(actor, province);
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
    await audit(tx, staff, { action: before ? 'hall.update' : 'hall.create', entityType: 'hall', entityId: after!.id, before: before ?? null, after });
    return after!;
  });
}
