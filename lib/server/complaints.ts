import 'server-only';
import { and, asc, desc, eq } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { complaints, customers } from '@/db/schema';
import { actingChannel, canActForCustomer, coversProvince, isOperational, workingProvince, type Actor } from '@/lib/domain/access';
import { compareComplaintQueue, resolveRefusal } from '@/lib/domain/complaint-rules';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { complaintMessageParams } from '@/lib/domain/notifications';
import type { Channel, ComplaintStatus, ComplaintTopic } from '@/lib/domain/types';
import { recordActivity } from './activity';
import { audit } from './audit';
import { runIdempotent } from './idempotency';
import { notifyCustomer } from './notifications';
import { deliverSoon } from './outbox';

/**
 * A complaint joins its province's queue, lands on the customer's record, and the customer is told
 * it was received. Members file their own online; operators of the customer's province (and
 * admins) take one down for a customer at a hall or on the 10010 hotline, naming the channel; the
 * operator's other systems file through the channel API. With a key (required from the API, the
 * page's from the staff form) a repeat returns the first complaint. Staff and systems are audited.
 */
export async function fileComplaint(
  actor: Actor,
  input: { topic: ComplaintTopic; body: string; customerId?: number; channel?: Channel; idempotencyKey?: string },
  now = Date.now(),
) {
  const channel = actingChannel(actor, input.channel);
  const customerId = actor.kind === 'member' ? actor.customerId : input.customerId;
  const file = async (tx: Tx) => {
    const [customer] = customerId ? await tx.select({ id: customers.id, mobile: customers.mobile, segment: customers.segment, provinceCode: customers.provinceCode, accountManagerId: customers.accountManagerId }).from(customers).where(eq(customers.id, customerId)) : [];
    if (!customer || (actor.kind !== 'member' && !canActForCustomer(actor, customer))) throw notFound();
    const [complaint] = await tx
      .insert(complaints)
      .values({ customerId: customer.id, provinceCode: customer.provinceCode, segment: customer.segment, topic: input.topic, body: input.body, channel, createdAt: now })
      .returning();
    const staffId = actor.kind === 'staff' ? actor.staffId : undefined;
    await recordActivity(tx, { customerId: customer.id, kind: 'complaint', refType: 'complaint', refId: complaint!.id, channel, staffId, occurredAt: now, data: { step: 'filed', topic: input.topic } });
    await notifyCustomer(tx, customer, 'complaint_received', complaintMessageParams(complaint!));
    await audit(tx, actor, { action: 'complaint.file', entityType: 'complaint', entityId: complaint!.id, after: { customerId: customer.id, topic: input.topic, channel }, provinceCode: customer.provinceCode });
    return complaint!;
  };
  const keyed = actor.kind === 'channel' || input.idempotencyKey !== undefined;
  const request = { op: 'complaint', customerId, channel, topic: input.topic, body: input.body };
  const result = keyed ? await runIdempotent(actor, input.idempotencyKey, request, file, now) : await withTransaction(file);
  deliverSoon();
  return result;
}

/** A customer's complaints, newest first, for those who act for them (operators of the province, admins, the province's systems). */
export async function listCustomerComplaints(actor: Actor, customerId: number) {
  const [customer] = await getReader().select({ provinceCode: customers.provinceCode }).from(customers).where(eq(customers.id, customerId));
  if (!customer || !canActForCustomer(actor, customer)) throw notFound();
  return getReader().select().from(complaints).where(eq(complaints.customerId, customerId)).orderBy(desc(complaints.createdAt), desc(complaints.id)).limit(50);
}

/** The member's own complaints, newest first, with the answers. */
export async function listMyComplaints(actor: Actor) {
  if (actor.kind !== 'member') throw forbidden();
  return getReader().select().from(complaints).where(eq(complaints.customerId, actor.customerId)).orderBy(desc(complaints.createdAt), desc(complaints.id)).limit(50);
}

/** Operators (and admins) of the province answer its complaints. */
function requireComplaintStaff(actor: Actor, provinceCode: string) {
  if (!isOperational(actor) || actor.kind !== 'staff' || !coversProvince(actor, provinceCode)) throw notFound();
  return actor;
}

/**
 * A province's complaints: the open ones in the order to handle them (VIPs first, then the oldest),
 * or the latest answered. Names and numbers as the staff member may see them.
 */
export async function listComplaints(actor: Actor, input: { provinceCode?: string; status: ComplaintStatus }) {
  const province = workingProvince(actor, input.provinceCode);
  const staff = requireComplaintStaff(actor, province);
  const rows = await getReader()
    .select({ complaint: complaints, name: customers.name, mobile: customers.mobile })
    .from(complaints)
    .innerJoin(customers, eq(customers.id, complaints.customerId))
    .where(and(eq(complaints.provinceCode, province), eq(complaints.status, input.status)))
    // Open: the oldest first (a long queue is cut at its newest), then in the order of the rule.
    .orderBy(...(input.status === 'open' ? [asc(complaints.createdAt), asc(complaints.id)] : [desc(complaints.resolvedAt), desc(complaints.id)]))
    .limit(input.status === 'open' ? 1000 : 100);
  const list = rows.map((r) => ({ ...r.complaint, ...presentIdentity({ name: r.name, mobile: r.mobile }, canActForCustomer(staff, r.complaint)) }));
  return input.status === 'open' ? list.sort(compareComplaintQueue) : list;
}

/** An operator answers a complaint, which resolves it: once, on the customer's record, and the customer is told the answer. */
export async function resolveComplaint(actor: Actor, input: { complaintId: number; reply: string }, now = Date.now()) {
  const result = await withTransaction(async (tx) => {
    const [before] = await tx.select().from(complaints).where(eq(complaints.id, input.complaintId));
    if (!before) throw notFound();
    const staff = requireComplaintStaff(actor, before.provinceCode);
    const refusal = resolveRefusal(before, input.reply);
    if (refusal) throw new DomainError(refusal.code, refusal.code === 'complaint_already_resolved' ? 'conflict' : 'invalid_input', {}, refusal.code === 'reply_required' ? { reply: 'reply_required' } : undefined);
    const reply = input.reply.trim();
    const [after] = await tx
      .update(complaints)
      .set({ status: 'resolved', reply, resolvedAt: now, resolvedByStaffId: staff.staffId })
      .where(and(eq(complaints.id, before.id), eq(complaints.status, 'open')))
      .returning();
    // Another operator's answer committed since the complaint was read (PostgreSQL): this one changes nothing.
    if (!after) throw new DomainError('complaint_already_resolved', 'conflict');
    const [customer] = await tx.select({ id: customers.id, mobile: customers.mobile }).from(customers).where(eq(customers.id, before.customerId));
    await recordActivity(tx, { customerId: before.customerId, kind: 'complaint', refType: 'complaint', refId: before.id, staffId: staff.staffId, occurredAt: now, data: { step: 'resolved', topic: before.topic } });
    await notifyCustomer(tx, customer!, 'complaint_resolved', complaintMessageParams(before, { reply }));
    await audit(tx, staff, { action: 'complaint.resolve', entityType: 'complaint', entityId: before.id, before: { status: before.status }, after: { status: 'resolved', reply }, provinceCode: before.provinceCode });
    return after!;
  });
  deliverSoon();
  return result;
}
