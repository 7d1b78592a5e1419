import 'server-only';
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { forUpdate } from '@/db/concurrency';
import { customers, services, trialApplications, trialProgrammes } from '@/db/schema';
import { canActForCustomer, seesIdentity, workingProvince, type Actor } from '@/lib/domain/access';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { englishNames, smsTime } from '@/lib/domain/notifications';
import { isTrialLate, takesUnit, trialApplyRefusal, UNIT_TAKEN_STATUSES } from '@/lib/domain/service-rules';
import { DAY } from '@/lib/domain/time';
import type { Channel } from '@/lib/domain/types';
import { recordActivity } from '../activity';
import { audit } from '../audit';
import { notifyCustomer } from '../notifications';
import { deliverSoon } from '../outbox';
import { requireServiceStaff, staffIdOf, refuse, loadService, serviceAccessOf, loadCustomer, customerIdFor, runServiceWrite, serviceChannel } from './shared';

/** A trial programme of the handset or new-service trial: so many units, VIPs first. */
export async function createTrialProgramme(actor: Actor, input: { serviceId: number; titleZh: string; titleEn: string | null; units: number; vipOpensAt: number; opensAt: number; closesAt: number; loanDays: number }) {
  return withTransaction(async (tx) => {
    const service = await loadService(tx, input.serviceId);
    const staff = requireServiceStaff(actor, service.provinceCode);
    if (service.kind !== 'handset_trial' && service.kind !== 'service_trial') throw new DomainError('not_a_trial');
    if (!(input.vipOpensAt <= input.opensAt && input.opensAt < input.closesAt)) throw new DomainError('trial_window_invalid', 'invalid_input', {}, { opensAt: 'trial_window_invalid' });
    if (input.units < 1 || input.loanDays < 1) throw new DomainError('capacity_too_small', 'invalid_input', {}, { units: 'capacity_too_small' });
    const [programme] = await tx.insert(trialProgrammes).values({ ...input, createdByStaffId: staffIdOf(staff) }).returning();
    await audit(tx, staff, { action: 'trial.create', entityType: 'trial_programme', entityId: programme!.id, after: programme, provinceCode: service.provinceCode });
    return programme!;
  });
}

/**
 * A handset club member applies for a trial: VIPs during the priority window, then everyone. Staff
 * at the desk and the channels' systems apply for a customer, through the channel they asked by.
 */
export async function applyForTrial(actor: Actor, input: { programmeId: number; customerId?: number; channel?: Exclude<Channel, 'web'>; idempotencyKey?: string }, now = Date.now()) {
  const request = { op: 'trial.apply', programmeId: input.programmeId, customerId: input.customerId ?? null, channel: input.channel ?? null };
  return runServiceWrite(actor, input.idempotencyKey, request, async (tx) => {
    const [programme] = await tx.select().from(trialProgrammes).where(eq(trialProgrammes.id, input.programmeId));
    if (!programme) throw notFound();
    const service = await loadService(tx, programme.serviceId);
    const customer = await loadCustomer(tx, customerIdFor(actor, input.customerId));
    if (actor.kind === 'member' ? customer.provinceCode !== service.provinceCode : !canActForCustomer(actor, customer)) throw notFound();
    if (actor.kind !== 'member') requireServiceStaff(actor, service.provinceCode);
    const [existing] = await tx
      .select({ id: trialApplications.id })
      .from(trialApplications)
      .where(and(eq(trialApplications.programmeId, programme.id), eq(trialApplications.customerId, customer.id), ne(trialApplications.status, 'withdrawn')));
    const refusal = trialApplyRefusal(programme, customer, (await serviceAccessOf(tx, customer)).refusal, Boolean(existing), now);
    if (refusal) refuse(refusal, refusal.code === 'already_applied' ? 'conflict' : 'invalid_input');
    const [application] = await tx
      .insert(trialApplications)
      .values({ programmeId: programme.id, customerId: customer.id, vip: customer.segment === 'postpaid_vip', appliedAt: now })
      .returning();
    await recordActivity(tx, { customerId: customer.id, kind: 'trial', clubCode: 'handset', refType: 'trial_application', refId: application!.id, channel: serviceChannel(actor, input.channel), staffId: staffIdOf(actor), occurredAt: now, data: { step: 'applied', programme: programme.titleZh, programmeEn: programme.titleEn } });
    return application!;
  }, now);
}

/** A programme's applications for its operators: VIPs first, then by time; late units flagged. */
export async function listTrialApplications(actor: Actor, programmeId: number, now = Date.now()) {
  const db = getReader();
  const [programme] = await db.select().from(trialProgrammes).where(eq(trialProgrammes.id, programmeId));
  if (!programme) throw notFound();
  const service = await loadService(db, programme.serviceId);
  requireServiceStaff(actor, service.provinceCode);
  const rows = await db
    .select({ application: trialApplications, name: customers.name, mobile: customers.mobile, provinceCode: customers.provinceCode, segment: customers.segment })
    .from(trialApplications)
    .innerJoin(customers, eq(customers.id, trialApplications.customerId))
    .where(eq(trialApplications.programmeId, programmeId))
    .orderBy(desc(trialApplications.vip), asc(trialApplications.appliedAt), asc(trialApplications.id));
  return {
    programme,
    applications: rows.map((r) => ({
      ...r.application,
      ...presentIdentity({ name: r.name, mobile: r.mobile }, seesIdentity(actor, { id: r.application.customerId, provinceCode: r.provinceCode })),
      segment: r.segment,
      late: isTrialLate(r.application, now),
    })),
  };
}

const TRIAL_NEXT = { select: ['applied'], decline: ['applied', 'selected'], hand_over: ['selected'], return: ['handed_over'] } as const;

/** Operators pick applicants (up to the units), hand units over (due back after the loan days) and take them back. */
export async function updateTrialApplication(actor: Actor, input: { applicationId: number; step: keyof typeof TRIAL_NEXT }, now = Date.now()) {
  const result = await withTransaction(async (tx) => {
    // Both locked, the application first: its step is checked, and the programme's units counted, against what is committed.
    const [application] = await forUpdate(tx.select().from(trialApplications).where(eq(trialApplications.id, input.applicationId)));
    if (!application) throw notFound();
    const [programme] = await forUpdate(tx.select().from(trialProgrammes).where(eq(trialProgrammes.id, application.programmeId)));
    const service = await loadService(tx, programme!.serviceId);
    const staff = requireServiceStaff(actor, service.provinceCode);
    if (!(TRIAL_NEXT[input.step] as readonly string[]).includes(application.status)) throw new DomainError('trial_step_refused', 'conflict', { from: application.status, step: input.step });
    if (input.step === 'select') {
      const [taken] = await tx
        .select({ n: sql<number>`count(*)` })
        .from(trialApplications)
        .where(and(eq(trialApplications.programmeId, programme!.id), inArray(trialApplications.status, [...UNIT_TAKEN_STATUSES])));
      if ((taken?.n ?? 0) >= programme!.units) throw new DomainError('trial_units_taken', 'conflict', { units: programme!.units });
    }
    const changes =
      input.step === 'select'
        ? { status: 'selected' as const }
        : input.step === 'decline'
          ? { status: 'declined' as const }
          : input.step === 'hand_over'
            ? { status: 'handed_over' as const, handedOverAt: now, dueAt: now + programme!.loanDays * DAY }
            : { status: 'returned' as const, returnedAt: now };
    const [after] = await tx.update(trialApplications).set({ ...changes, staffId: staffIdOf(staff) }).where(eq(trialApplications.id, application.id)).returning();
    await recordActivity(tx, { customerId: application.customerId, kind: 'trial', clubCode: 'handset', refType: 'trial_application', refId: application.id, staffId: staffIdOf(staff), occurredAt: now, data: { step: input.step, programme: programme!.titleZh, programmeEn: programme!.titleEn, late: input.step === 'return' ? isTrialLate(after!, now) : false } });
    if (input.step === 'select' || input.step === 'decline') {
      const customer = await loadCustomer(tx, application.customerId);
      await notifyCustomer(tx, customer, input.step === 'select' ? 'trial_selected' : 'trial_declined', { event: programme!.titleZh, time: smsTime(programme!.closesAt), ...englishNames(programme!.titleEn) });
    }
    await audit(tx, staff, { action: `trial.${input.step}`, entityType: 'trial_application', entityId: application.id, before: { status: application.status }, after: changes, provinceCode: service.provinceCode });
    return { ...after!, late: isTrialLate(after!, now) };
  });
  deliverSoon();
  return result;
}

/** A member's trial applications. */
export async function listMyTrialApplications(actor: Actor, now = Date.now()) {
  if (actor.kind !== 'member') throw forbidden();
  const rows = await getReader()
    .select({ application: trialApplications, titleZh: trialProgrammes.titleZh, titleEn: trialProgrammes.titleEn })
    .from(trialApplications)
    .innerJoin(trialProgrammes, eq(trialProgrammes.id, trialApplications.programmeId))
    .where(eq(trialApplications.customerId, actor.customerId))
    .orderBy(desc(trialApplications.appliedAt));
  return rows.map((r) => ({ ...r.application, titleZh: r.titleZh, titleEn: r.titleEn, late: isTrialLate(r.application, now) }));
}


/**
 * A province's trial programmes for its operators, newest first, with applicants, units taken and
 * units late. Old programmes stay listed (unlike the catalogue's): a unit may still be out.
 */
export async function listTrialProgrammes(actor: Actor, provinceCode?: string, now = Date.now()) {
  const province = workingProvince(actor, provinceCode);
  requireServiceStaff(actor, province);
  const db = getReader();
  const rows = await db
    .select({ programme: trialProgrammes, serviceKind: services.kind, serviceNameZh: services.nameZh, serviceNameEn: services.nameEn })
    .from(trialProgrammes)
    .innerJoin(services, eq(services.id, trialProgrammes.serviceId))
    .where(eq(services.provinceCode, province))
    .orderBy(desc(trialProgrammes.opensAt), desc(trialProgrammes.id))
    .limit(200);
  const applications = await db
    .select({ programmeId: trialApplications.programmeId, status: trialApplications.status, handedOverAt: trialApplications.handedOverAt, dueAt: trialApplications.dueAt, returnedAt: trialApplications.returnedAt })
    .from(trialApplications)
    .where(and(inArray(trialApplications.programmeId, rows.map((r) => r.programme.id).concat(-1)), ne(trialApplications.status, 'withdrawn')));
  return rows.map(({ programme, ...service }) => {
    const own = applications.filter((a) => a.programmeId === programme.id);
    return {
      ...programme,
      ...service,
      applicants: own.length,
      taken: own.filter((a) => takesUnit(a.status)).length,
      late: own.filter((a) => isTrialLate(a, now)).length,
    };
  });
}
