import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import { customers, halls, loanerLoans, loanerPhones } from '@/db/schema';
import { seesIdentity, workingProvince, type Actor } from '@/lib/domain/access';
import { DomainError, notFound } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { lendRefusal } from '@/lib/domain/service-rules';
import type { Channel } from '@/lib/domain/types';
import { recordActivity } from '../activity';
import { audit } from '../audit';
import { requireServiceStaff, activeHallOf, staffIdOf, refuse, loadBooking, runServiceWrite, serviceChannel } from './shared';

/** Adds a loaner phone to a hall's inventory. */
export async function addLoaner(actor: Actor, input: { provinceCode?: string; hallId: number; model: string; imei: string; condition: string }) {
  const province = workingProvince(actor, input.provinceCode);
  const staff = requireServiceStaff(actor, province);
  if (!/^\d{15}$/.test(input.imei)) throw new DomainError('invalid_imei', 'invalid_input', {}, { imei: 'invalid_imei' });
  return withTransaction(async (tx) => {
    const [exists] = await tx.select({ id: loanerPhones.id }).from(loanerPhones).where(eq(loanerPhones.imei, input.imei));
    if (exists) throw new DomainError('imei_taken', 'conflict', {}, { imei: 'imei_taken' });
    const hall = await activeHallOf(tx, input.hallId, province, 'hallId');
    const [phone] = await tx
      .insert(loanerPhones)
      .values({ provinceCode: province, hallId: hall.id, hall: hall.nameZh, model: input.model, imei: input.imei, condition: input.condition })
      .returning();
    await audit(tx, staff, { action: 'loaner.add', entityType: 'loaner_phone', entityId: phone!.id, after: phone, provinceCode: province });
    return phone!;
  });
}

/** A province's loaner inventory with each phone's open loan, and the loans overdue. */
export async function listLoaners(actor: Actor, provinceCode?: string, now = Date.now()) {
  const province = workingProvince(actor, provinceCode);
  requireServiceStaff(actor, province);
  const rows = await getReader()
    .select({ phone: loanerPhones, hallNameEn: halls.nameEn, loan: loanerLoans, name: customers.name, mobile: customers.mobile, customerProvince: customers.provinceCode })
    .from(loanerPhones)
    .leftJoin(halls, eq(halls.id, loanerPhones.hallId))
    .leftJoin(loanerLoans, and(eq(loanerLoans.loanerId, loanerPhones.id), isNull(loanerLoans.returnedAt)))
    .leftJoin(customers, eq(customers.id, loanerLoans.customerId))
    .where(eq(loanerPhones.provinceCode, province))
    .orderBy(asc(loanerPhones.hall), asc(loanerPhones.model), asc(loanerPhones.id));
  const phones = rows.map((r) => ({
    ...r.phone,
    hallNameEn: r.hallNameEn,
    loan: r.loan
      ? {
          ...r.loan,
          overdue: now > r.loan.dueAt,
          ...presentIdentity({ name: r.name ?? '', mobile: r.mobile ?? '' }, seesIdentity(actor, { id: r.loan.customerId, provinceCode: r.customerProvince ?? '' })),
        }
      : null,
  }));
  return { phones, overdue: phones.filter((p) => p.loan?.overdue) };
}

/**
 * Lends a loaner to a repair booking's customer; a phone already out is refused, by the rules and by
 * the database. At the desk and through the channels' systems the loan is for the customer named
 * (a booking of anyone else does not exist), through the channel the customer asked by.
 */
export async function lendLoaner(
  actor: Actor,
  input: { loanerId: number; bookingId: number; dueAt: number; customerId?: number; channel?: Exclude<Channel, 'web'>; idempotencyKey?: string },
  now = Date.now(),
) {
  const request = { op: 'loaner.lend', loanerId: input.loanerId, bookingId: input.bookingId, dueAt: input.dueAt, customerId: input.customerId ?? null, channel: input.channel ?? null };
  return runServiceWrite(actor, input.idempotencyKey, request, async (tx) => {
    // Locked: of two operators lending the phone at once, the second sees it lent.
    const [phone] = await forUpdate(tx.select().from(loanerPhones).where(eq(loanerPhones.id, input.loanerId)));
    if (!phone) throw notFound();
    const staff = requireServiceStaff(actor, phone.provinceCode);
    const { booking, service } = await loadBooking(tx, input.bookingId);
    if (service.provinceCode !== phone.provinceCode || (input.customerId !== undefined && booking.customerId !== input.customerId)) throw notFound();
    if (service.kind !== 'booked_repair' && service.kind !== 'onsite_repair') throw new DomainError('not_a_repair');
    if (booking.status === 'cancelled' || booking.status === 'done') throw new DomainError('booking_finished', 'conflict');
    const [open] = await tx.select({ id: loanerLoans.id }).from(loanerLoans).where(and(eq(loanerLoans.loanerId, phone.id), isNull(loanerLoans.returnedAt)));
    const refusal = lendRefusal(phone, Boolean(open));
    if (refusal) refuse(refusal);
    const [lentForBooking] = await tx.select({ id: loanerLoans.id }).from(loanerLoans).where(and(eq(loanerLoans.bookingId, booking.id), isNull(loanerLoans.returnedAt)));
    if (lentForBooking) throw new DomainError('booking_has_loaner', 'conflict');
    if (!(input.dueAt > now)) throw new DomainError('due_in_past', 'invalid_input', {}, { dueAt: 'due_in_past' });
    const [loan] = await tx
      .insert(loanerLoans)
      .values({ loanerId: phone.id, bookingId: booking.id, customerId: booking.customerId, lentAt: now, dueAt: input.dueAt, staffId: staffIdOf(staff) })
      .returning();
    await tx.update(loanerPhones).set({ status: 'lent' }).where(eq(loanerPhones.id, phone.id));
    await recordActivity(tx, { customerId: booking.customerId, kind: 'loan', clubCode: 'handset', refType: 'loaner_loan', refId: loan!.id, channel: serviceChannel(actor, input.channel), staffId: staffIdOf(staff), occurredAt: now, data: { step: 'lent', model: phone.model, dueAt: input.dueAt } });
    await audit(tx, staff, { action: 'loaner.lend', entityType: 'loaner_loan', entityId: loan!.id, after: loan, provinceCode: phone.provinceCode });
    return loan!;
  }, now);
}

/** Takes a loaner back, noting its condition. */
export async function returnLoaner(actor: Actor, input: { loanId: number; condition: string }, now = Date.now()) {
  return withTransaction(async (tx) => {
    const [loan] = await forUpdate(tx.select().from(loanerLoans).where(eq(loanerLoans.id, input.loanId)));
    if (!loan) throw notFound();
    const [phone] = await tx.select().from(loanerPhones).where(eq(loanerPhones.id, loan.loanerId));
    const staff = requireServiceStaff(actor, phone!.provinceCode);
    if (loan.returnedAt !== null) throw new DomainError('loan_returned', 'conflict');
    await tx.update(loanerLoans).set({ returnedAt: now, conditionOnReturn: input.condition }).where(eq(loanerLoans.id, loan.id));
    await tx.update(loanerPhones).set({ status: 'available', condition: input.condition || phone!.condition }).where(eq(loanerPhones.id, phone!.id));
    await recordActivity(tx, { customerId: loan.customerId, kind: 'loan', clubCode: 'handset', refType: 'loaner_loan', refId: loan.id, staffId: staffIdOf(staff), occurredAt: now, data: { step: 'returned', model: phone!.model, late: now > loan.dueAt } });
    await audit(tx, staff, { action: 'loaner.return', entityType: 'loaner_loan', entityId: loan.id, after: { returnedAt: now, condition: input.condition }, provinceCode: phone!.provinceCode });
    return { loanId: loan.id, late: now > loan.dueAt };
  });
}
