import 'server-only';
import { and, eq, isNull } from 'drizzle-orm';
import { withTransaction, type Tx } from '@/db/client';
import { complaints, complaintSteps, customers, staff as staffTable } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { answerRefusal, complaintDeadline, complaintMoveRefusal, confirmDeadline, type ComplaintMove } from '@/lib/domain/complaint-rules';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import type { Refusal } from '@/lib/domain/registration-rules';
import { complaintMessageParams } from '@/lib/domain/notifications';
import type { ComplaintStatus } from '@/lib/domain/types';
import { recordActivity } from './activity';
import { audit } from './audit';
import { requireComplaintStaff } from './complaints';
import { getHqSettings } from './hq-settings';
import { notifyCustomer } from './notifications';
import { deliverSoon } from './outbox';

type Complaint = typeof complaints.$inferSelect;

const CONFLICTS = new Set(['complaint_already_taken', 'complaint_already_answered', 'complaint_closed', 'complaint_already_rated', 'complaint_confirm_expired']);

function refuse(refusal: Refusal): never {
  throw new DomainError(refusal.code, CONFLICTS.has(refusal.code) ? 'conflict' : refusal.code === 'forbidden' || refusal.code === 'complaint_not_owner' ? 'forbidden' : 'invalid_input');
}

/** Reads the complaint for a staff member of its province and checks the move against the rules. */
async function staffMove(tx: Tx, actor: Actor, complaintId: number, move: ComplaintMove, now: number) {
  const [before] = await tx.select().from(complaints).where(eq(complaints.id, complaintId));
  if (!before) throw notFound();
  const staff = requireComplaintStaff(actor, before.provinceCode);
  const refusal = complaintMoveRefusal(before, move, { kind: 'staff', staffId: staff.staffId, admin: staff.role === 'admin' }, now);
  if (refusal) refuse(refusal);
  return { before, staff };
}

/**
 * Writes the move only if the complaint is still as it was read: a concurrent move committed since
 * (PostgreSQL) leaves this one writing nothing, refused as the rules would now refuse it.
 */
async function moveFrom(tx: Tx, before: Complaint, set: Partial<Complaint>, conflict: string): Promise<Complaint> {
  const [after] = await tx
    .update(complaints)
    .set(set)
    .where(and(eq(complaints.id, before.id), eq(complaints.status, before.status as ComplaintStatus), before.ownerStaffId === null ? undefined : eq(complaints.ownerStaffId, before.ownerStaffId)))
    .returning();
  if (!after) throw new DomainError(conflict, 'conflict');
  return after;
}

const fact = (c: Complaint) => ({ customerId: c.customerId, kind: 'complaint' as const, refType: 'complaint', refId: c.id });

/** A staff member of the province takes an open complaint and owns it until it is closed (首问服务制). */
export async function takeComplaint(actor: Actor, input: { complaintId: number }, now = Date.now()) {
  return withTransaction(async (tx) => {
    const { before, staff } = await staffMove(tx, actor, input.complaintId, 'take', now);
    const after = await moveFrom(tx, before, { status: 'in_progress', ownerStaffId: staff.staffId }, 'complaint_already_taken');
    await tx.insert(complaintSteps).values({ complaintId: before.id, step: 'taken', staffId: staff.staffId, at: now });
    await audit(tx, staff, { action: 'complaint.take', entityType: 'complaint', entityId: before.id, before: { status: before.status }, after: { status: after.status, ownerStaffId: staff.staffId }, provinceCode: before.provinceCode });
    return after;
  });
}

/** The owner (or HQ's admin) hands a complaint to another operator of its province, saying why; the history keeps both. */
export async function transferComplaint(actor: Actor, input: { complaintId: number; toStaffId: number; reason: string }, now = Date.now()) {
  return withTransaction(async (tx) => {
    const { before, staff } = await staffMove(tx, actor, input.complaintId, 'transfer', now);
    const [target] = await tx.select({ id: staffTable.id, role: staffTable.role, provinceCode: staffTable.provinceCode, active: staffTable.active }).from(staffTable).where(eq(staffTable.id, input.toStaffId));
    if (!target || !target.active || target.role !== 'operator' || target.provinceCode !== before.provinceCode) throw new DomainError('transfer_target_invalid', 'invalid_input', {}, { toStaffId: 'transfer_target_invalid' });
    if (target.id === before.ownerStaffId) throw new DomainError('transfer_target_is_owner', 'invalid_input', {}, { toStaffId: 'transfer_target_is_owner' });
    const reason = input.reason.trim();
    const after = await moveFrom(tx, before, { ownerStaffId: target.id }, 'complaint_not_owner');
    await tx.insert(complaintSteps).values({ complaintId: before.id, step: 'transferred', staffId: staff.staffId, toStaffId: target.id, note: reason, at: now });
    await audit(tx, staff, { action: 'complaint.transfer', entityType: 'complaint', entityId: before.id, before: { ownerStaffId: before.ownerStaffId }, after: { ownerStaffId: target.id, reason }, provinceCode: before.provinceCode });
    return after;
  });
}

/**
 * The owner answers (answering an open complaint takes it): the customer is told the answer and has
 * the HQ setting's days to confirm or reopen it. A suggestion is acknowledged, with or without
 * words, and closes at once.
 */
export async function answerComplaint(actor: Actor, input: { complaintId: number; reply: string }, now = Date.now()) {
  const result = await withTransaction(async (tx) => {
    const { before, staff } = await staffMove(tx, actor, input.complaintId, 'answer', now);
    const reply = input.reply.trim();
    const refusal = answerRefusal(before.kind, reply);
    if (refusal) throw new DomainError(refusal.code, 'invalid_input', {}, { reply: refusal.code });
    const settings = await getHqSettings(tx);
    const suggestion = before.kind === 'suggestion';
    const after = await moveFrom(
      tx,
      before,
      {
        status: suggestion ? 'closed' : 'answered',
        ownerStaffId: before.ownerStaffId ?? staff.staffId,
        reply: reply || null,
        resolvedAt: now,
        resolvedByStaffId: staff.staffId,
        firstAnsweredAt: before.firstAnsweredAt ?? now,
        confirmBy: suggestion ? null : confirmDeadline(now, settings.complaintConfirmDays),
        closedAt: suggestion ? now : null,
      },
      'complaint_already_answered',
    );
    await tx.insert(complaintSteps).values([
      ...(before.status === 'open' ? [{ complaintId: before.id, step: 'taken' as const, staffId: staff.staffId, at: now }] : []),
      { complaintId: before.id, step: 'answered', staffId: staff.staffId, note: reply || null, at: now },
      ...(suggestion ? [{ complaintId: before.id, step: 'closed' as const, staffId: staff.staffId, at: now }] : []),
    ]);
    const [customer] = await tx.select({ id: customers.id, mobile: customers.mobile }).from(customers).where(eq(customers.id, before.customerId));
    await recordActivity(tx, { ...fact(before), staffId: staff.staffId, occurredAt: now, data: { step: 'resolved', topic: before.topic, complaintKind: before.kind } });
    if (reply) await notifyCustomer(tx, customer!, suggestion ? 'suggestion_answered' : 'complaint_resolved', complaintMessageParams(before, { reply }));
    await audit(tx, staff, { action: 'complaint.resolve', entityType: 'complaint', entityId: before.id, before: { status: before.status }, after: { status: after.status, reply }, provinceCode: before.provinceCode });
    return after;
  });
  deliverSoon();
  return result;
}

/** Reads the member's own complaint and checks the move against the rules. */
async function customerMove(tx: Tx, actor: Actor, complaintId: number, move: ComplaintMove, now: number) {
  if (actor.kind !== 'member') throw forbidden();
  const [before] = await tx.select().from(complaints).where(and(eq(complaints.id, complaintId), eq(complaints.customerId, actor.customerId)));
  if (!before) throw notFound();
  const refusal = complaintMoveRefusal(before, move, { kind: 'customer' }, now);
  if (refusal) refuse(refusal);
  return before;
}

/** The customer accepts the answer: the complaint closes. */
export async function confirmComplaint(actor: Actor, input: { complaintId: number }, now = Date.now()) {
  return withTransaction(async (tx) => {
    const before = await customerMove(tx, actor, input.complaintId, 'confirm', now);
    const after = await moveFrom(tx, before, { status: 'closed', closedAt: now }, 'complaint_closed');
    await tx.insert(complaintSteps).values([
      { complaintId: before.id, step: 'confirmed', at: now },
      { complaintId: before.id, step: 'closed', at: now },
    ]);
    await recordActivity(tx, { ...fact(before), occurredAt: now, data: { step: 'confirmed', topic: before.topic } });
    return after;
  });
}

/**
 * The customer is not satisfied: the complaint goes back to its owner's queue with the reason, to be
 * answered again within a new deadline of the segment's hours (and escalated again if it is not).
 */
export async function reopenComplaint(actor: Actor, input: { complaintId: number; reason: string }, now = Date.now()) {
  return withTransaction(async (tx) => {
    const before = await customerMove(tx, actor, input.complaintId, 'reopen', now);
    const reason = input.reason.trim();
    const settings = await getHqSettings(tx);
    const after = await moveFrom(
      tx,
      before,
      { status: 'in_progress', confirmBy: null, reopenCount: before.reopenCount + 1, deadlineAt: complaintDeadline(before.kind, before.segment, now, settings.complaintDeadlineHours), escalatedAt: null },
      'complaint_closed',
    );
    await tx.insert(complaintSteps).values({ complaintId: before.id, step: 'reopened', note: reason, at: now });
    await recordActivity(tx, { ...fact(before), occurredAt: now, data: { step: 'reopened', topic: before.topic } });
    return after;
  });
}

/** The customer rates the handling, 1 to 5, once the complaint is answered (also after it closed). */
export async function rateComplaint(actor: Actor, input: { complaintId: number; rating: number }, now = Date.now()) {
  return withTransaction(async (tx) => {
    const before = await customerMove(tx, actor, input.complaintId, 'rate', now);
    const [after] = await tx
      .update(complaints)
      .set({ rating: input.rating })
      .where(and(eq(complaints.id, before.id), isNull(complaints.rating)))
      .returning();
    if (!after) throw new DomainError('complaint_already_rated', 'conflict');
    await tx.insert(complaintSteps).values({ complaintId: before.id, step: 'rated', rating: input.rating, at: now });
    await recordActivity(tx, { ...fact(before), occurredAt: now, data: { step: 'rated', topic: before.topic, rating: input.rating } });
    return after;
  });
}
