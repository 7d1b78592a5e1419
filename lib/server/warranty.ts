import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { getReader, withTransaction, type Db, type Tx } from '@/db/client';
import { isUniqueViolation } from '@/db/sql';
import { customers, halls, provinces, staff, warrantyHandsets, warrantyRepairs } from '@/db/schema';
import { coversProvince, isOperational, seesIdentity, type Actor, type StaffActor } from '@/lib/domain/access';
import { DomainError, notFound } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { normalizeMobile } from '@/lib/domain/mobile';
import { smsTime } from '@/lib/domain/notifications';
import { defaultWarrantyEnd, handsetDatesRefusal, imeiRefusal, normalizeImei, repairTerms } from '@/lib/domain/warranty';
import type { RegisterHandsetInput, ServeRepairInput } from '@/lib/validation/warranty';
import { recordActivity } from './activity';
import { audit } from './audit';
import { notifyCustomer } from './notifications';

/**
 * Nationwide warranty (全国联保): operators register the handsets their province sells, and any
 * province's halls find one by IMEI and serve its repairs. Staff only: a repair names who served it.
 */
function requireWarrantyStaff(actor: Actor): StaffActor {
  if (!isOperational(actor) || actor.kind !== 'staff') throw notFound();
  return actor;
}

/** A hall of the actor's province, open: where they sell or serve. Another province's hall does not exist for them. */
async function loadWorkingHall(db: Db | Tx, actor: StaffActor, hallId: number) {
  const [hall] = await db.select().from(halls).where(eq(halls.id, hallId));
  if (!hall || !hall.active || !coversProvince(actor, hall.provinceCode)) throw new DomainError('hall_unavailable', 'invalid_input', {}, { hallId: 'hall_unavailable' });
  return hall;
}

/** The open halls of a province, for the forms' hall choice. */
export async function listWarrantyHalls(actor: Actor, provinceCode: string) {
  const staffActor = requireWarrantyStaff(actor);
  if (!coversProvince(staffActor, provinceCode)) throw notFound();
  return getReader()
    .select({ id: halls.id, nameZh: halls.nameZh, nameEn: halls.nameEn, city: halls.city })
    .from(halls)
    .where(and(eq(halls.provinceCode, provinceCode), eq(halls.active, true)))
    .orderBy(asc(halls.city), asc(halls.nameZh));
}

const imeiTaken = () => new DomainError('warranty_imei_taken', 'conflict', {}, { imei: 'warranty_imei_taken' });

/**
 * Registers a handset sold at one of the actor's province's halls. The buyer, named by mobile, must
 * be a customer of that province; without a mobile the handset is covered all the same (bought for
 * another network's number). One record per IMEI, whoever registers it.
 */
export async function registerHandset(actor: Actor, input: RegisterHandsetInput, now = Date.now()) {
  const staffActor = requireWarrantyStaff(actor);
  const warrantyEndsOn = input.warrantyEndsOn ?? defaultWarrantyEnd(input.purchasedOn);
  const refusal = handsetDatesRefusal({ purchasedOn: input.purchasedOn, warrantyEndsOn }, now);
  if (refusal) throw new DomainError(refusal.code, 'invalid_input', {}, { [refusal.code === 'warranty_purchase_in_future' ? 'purchasedOn' : 'warrantyEndsOn']: refusal.code });
  return withTransaction(async (tx) => {
    const hall = await loadWorkingHall(tx, staffActor, input.hallId);
    let customerId: number | null = null;
    if (input.mobile !== undefined) {
      const mobile = normalizeMobile(input.mobile);
      if (!mobile) throw new DomainError('invalid_mobile', 'invalid_input', {}, { mobile: 'invalid_mobile' });
      const [customer] = await tx.select({ id: customers.id }).from(customers).where(and(eq(customers.mobile, mobile), eq(customers.provinceCode, hall.provinceCode)));
      if (!customer) throw new DomainError('warranty_customer_unknown', 'invalid_input', {}, { mobile: 'warranty_customer_unknown' });
      customerId = customer.id;
    }
    const [existing] = await tx.select({ id: warrantyHandsets.id }).from(warrantyHandsets).where(eq(warrantyHandsets.imei, input.imei));
    if (existing) throw imeiTaken();
    // Two halls registering the same IMEI at once (PostgreSQL): the second meets the unique index.
    const [row] = await tx
      .insert(warrantyHandsets)
      .values({ imei: input.imei, model: input.model, purchasedOn: input.purchasedOn, warrantyEndsOn, provinceCode: hall.provinceCode, hallId: hall.id, customerId, registeredByStaffId: staffActor.staffId, createdAt: now })
      .returning()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? imeiTaken() : error;
      });
    await audit(tx, staffActor, { action: 'warranty.register', entityType: 'warranty_handset', entityId: row!.id, after: row, provinceCode: hall.provinceCode });
    return row!;
  });
}

/**
 * A handset found by its full IMEI, from any province, with its repairs newest first; null when no
 * handset has it. The buyer is shown in full only to whom `seesIdentity` allows (the selling
 * province's operators, admins): another province's hall sees a masked name and number.
 */
export async function findHandset(actor: Actor, imeiInput: string) {
  requireWarrantyStaff(actor);
  const imei = normalizeImei(imeiInput);
  const refusal = imeiRefusal(imei);
  if (refusal) throw new DomainError(refusal, 'invalid_input', {}, { imei: refusal });
  const db = getReader();
  const [found] = await db
    .select({
      handset: warrantyHandsets,
      hallZh: halls.nameZh,
      hallEn: halls.nameEn,
      provinceZh: provinces.nameZh,
      provinceEn: provinces.nameEn,
      customerName: customers.name,
      customerMobile: customers.mobile,
      customerProvince: customers.provinceCode,
    })
    .from(warrantyHandsets)
    .innerJoin(halls, eq(halls.id, warrantyHandsets.hallId))
    .innerJoin(provinces, eq(provinces.code, warrantyHandsets.provinceCode))
    .leftJoin(customers, eq(customers.id, warrantyHandsets.customerId))
    .where(eq(warrantyHandsets.imei, imei));
  if (!found) return null;
  const { handset } = found;
  const customer =
    handset.customerId !== null && found.customerName !== null && found.customerMobile !== null && found.customerProvince !== null
      ? {
          id: handset.customerId,
          ...presentIdentity({ name: found.customerName, mobile: found.customerMobile }, seesIdentity(actor, { id: handset.customerId, provinceCode: found.customerProvince })),
          // The record link is for those who may open it: the customer's own province (and HQ).
          linked: coversProvince(actor, found.customerProvince),
        }
      : null;
  const repairs = await db
    .select({
      id: warrantyRepairs.id,
      servedAt: warrantyRepairs.servedAt,
      fault: warrantyRepairs.fault,
      work: warrantyRepairs.work,
      parts: warrantyRepairs.parts,
      inWarranty: warrantyRepairs.inWarranty,
      feeFen: warrantyRepairs.feeFen,
      provinceCode: warrantyRepairs.provinceCode,
      hallZh: halls.nameZh,
      hallEn: halls.nameEn,
      staffName: staff.displayName,
    })
    .from(warrantyRepairs)
    .innerJoin(halls, eq(halls.id, warrantyRepairs.hallId))
    .innerJoin(staff, eq(staff.id, warrantyRepairs.staffId))
    .where(eq(warrantyRepairs.handsetId, handset.id))
    .orderBy(desc(warrantyRepairs.servedAt), desc(warrantyRepairs.id));
  return {
    id: handset.id,
    imei: handset.imei,
    model: handset.model,
    purchasedOn: handset.purchasedOn,
    warrantyEndsOn: handset.warrantyEndsOn,
    provinceCode: handset.provinceCode,
    province: { nameZh: found.provinceZh, nameEn: found.provinceEn },
    hall: { nameZh: found.hallZh, nameEn: found.hallEn },
    customer,
    repairs,
  };
}
export type FoundHandset = NonNullable<Awaited<ReturnType<typeof findHandset>>>;

const alreadyServed = () => new DomainError('warranty_repair_already_served', 'conflict');

/**
 * A hall serves a repair on a handset from any province: free under warranty, paid with its fee
 * after (lib/domain/warranty.ts `repairTerms`). Operators of the serving hall's province only. The
 * form's request key makes a double click one repair: the second meets the unique index and is
 * refused. The customer (when the buyer is one) has it on their record and gets an SMS naming the hall.
 */
export async function serveRepair(actor: Actor, input: ServeRepairInput, now = Date.now()) {
  const staffActor = requireWarrantyStaff(actor);
  return withTransaction(async (tx) => {
    const hall = await loadWorkingHall(tx, staffActor, input.hallId);
    const [handset] = await tx.select().from(warrantyHandsets).where(eq(warrantyHandsets.id, input.handsetId));
    if (!handset) throw notFound();
    const terms = repairTerms(handset, now, input.feeYuan);
    if (!terms.ok) throw new DomainError(terms.refusal.code, 'invalid_input', {}, terms.refusal.code === 'warranty_purchase_in_future' ? undefined : { feeYuan: terms.refusal.code });
    const [served] = await tx.select({ id: warrantyRepairs.id }).from(warrantyRepairs).where(and(eq(warrantyRepairs.handsetId, handset.id), eq(warrantyRepairs.requestKey, input.requestKey)));
    if (served) throw alreadyServed();
    const [repair] = await tx
      .insert(warrantyRepairs)
      .values({
        handsetId: handset.id,
        hallId: hall.id,
        provinceCode: hall.provinceCode,
        staffId: staffActor.staffId,
        fault: input.fault,
        work: input.work,
        parts: input.parts ?? '',
        inWarranty: terms.inWarranty,
        feeFen: terms.feeFen,
        servedAt: now,
        requestKey: input.requestKey,
        createdAt: now,
      })
      .returning()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? alreadyServed() : error;
      });
    if (handset.customerId !== null) {
      const [customer] = await tx.select({ id: customers.id, mobile: customers.mobile }).from(customers).where(eq(customers.id, handset.customerId));
      const data = { step: terms.inWarranty ? 'warranty' : 'paid', place: hall.nameZh, placeEn: hall.nameEn, model: handset.model, inWarranty: terms.inWarranty, feeFen: terms.feeFen };
      await recordActivity(tx, { customerId: customer!.id, kind: 'warranty_repair', refType: 'warranty_repair', refId: repair!.id, channel: 'hall', staffId: staffActor.staffId, occurredAt: now, data });
      await notifyCustomer(
        tx,
        customer!,
        'warranty_repaired',
        { event: handset.model, time: smsTime(now), venue: hall.nameZh, ...(hall.nameEn ? { venueEn: hall.nameEn } : {}), imeiTail: handset.imei.slice(-4), repair: terms.inWarranty ? 'warranty' : 'paid' },
        `warranty_repair:${repair!.id}`,
      );
    }
    await audit(tx, staffActor, { action: 'warranty.repair', entityType: 'warranty_repair', entityId: repair!.id, after: repair, provinceCode: hall.provinceCode });
    return repair!;
  });
}
