import 'server-only';
import { aliasedTable, and, asc, desc, eq, inArray } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { complaints, complaintSteps, customers, staff as staffTable } from '@/db/schema';
import { actingChannel, canActForCustomer, coversProvince, isOperational, workingProvince, type Actor } from '@/lib/domain/access';
import { compareComplaintQueue, complaintDeadline, type ComplaintQueueTab } from '@/lib/domain/complaint-rules';
import { forbidden, notFound } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { complaintMessageParams } from '@/lib/domain/notifications';
import type { Channel, ComplaintKind, ComplaintStatus, ComplaintTopic } from '@/lib/domain/types';
import { recordActivity } from './activity';
import { audit } from './audit';
import { getHqSettings } from './hq-settings';
import { runIdempotent } from './idempotency';
import { notifyCustomer } from './notifications';
import { deliverSoon } from './outbox';

/**
 * A complaint or suggestion joins its province's queue, lands on the customer's record, and the
 * customer is told it was received. Members file their own online; operators of the customer's
 * province (and admins) take one down for a customer at a hall or on the 10010 hotline, naming the
 * channel, and own it from then on (首问服务制: the one the customer spoke to); the operator's other
 * systems file through the channel API. A complaint's deadline is set by the customer's segment
 * (HQ setting). With a key (required from the API, the page's from the staff form) a repeat
 * returns the first one. Staff and systems are audited.
 */
export async function fileComplaint(
  actor: Actor,
  input: { topic: ComplaintTopic; body: string; kind?: ComplaintKind; customerId?: number; channel?: Channel; idempotencyKey?: string },
  now = Date.now(),
) {
  const channel = actingChannel(actor, input.channel);
  const kind = input.kind ?? 'complaint';
  const customerId = actor.kind === 'member' ? actor.customerId : input.customerId;
  const file = async (tx: Tx) => {
    const [customer] = customerId ? await tx.select({ id: customers.id, mobile: customers.mobile, segment: customers.segment, provinceCode: customers.provinceCode, accountManagerId: customers.accountManagerId }).from(customers).where(eq(customers.id, customerId)) : [];
    if (!customer || (actor.kind !== 'member' && !canActForCustomer(actor, customer))) throw notFound();
    const settings = await getHqSettings(tx);
    const staffId = actor.kind === 'staff' ? actor.staffId : null;
    const [complaint] = await tx
      .insert(complaints)
      .values({
        customerId: customer.id,
        provinceCode: customer.provinceCode,
        kind,
        segment: customer.segment,
        topic: input.topic,
        body: input.body,
        channel,
        status: staffId === null ? 'open' : 'in_progress',
        ownerStaffId: staffId,
        deadlineAt: complaintDeadline(kind, customer.segment, now, settings.complaintDeadlineHours),
        createdAt: now,
      })
      .returning();
    await tx.insert(complaintSteps).values([{ complaintId: complaint!.id, step: 'filed', staffId, at: now }, ...(staffId === null ? [] : [{ complaintId: complaint!.id, step: 'taken' as const, staffId, at: now }])]);
    await recordActivity(tx, { customerId: customer.id, kind: 'complaint', refType: 'complaint', refId: complaint!.id, channel, staffId, occurredAt: now, data: { step: 'filed', topic: input.topic, complaintKind: kind } });
    await notifyCustomer(tx, customer, kind === 'suggestion' ? 'suggestion_received' : 'complaint_received', complaintMessageParams(complaint!));
    await audit(tx, actor, { action: 'complaint.file', entityType: 'complaint', entityId: complaint!.id, after: { customerId: customer.id, kind, topic: input.topic, channel }, provinceCode: customer.provinceCode });
    return complaint!;
  };
  const keyed = actor.kind === 'channel' || input.idempotencyKey !== undefined;
  const request = { op: 'complaint', customerId, channel, kind, topic: input.topic, body: input.body };
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

const owner = aliasedTable(staffTable, 'owner');

/** The member's own complaints and suggestions, newest first, with the answers and the name of the staff member who owns each. */
export async function listMyComplaints(actor: Actor) {
  if (actor.kind !== 'member') throw forbidden();
  const rows = await getReader()
    .select({ complaint: complaints, ownerName: owner.displayName })
    .from(complaints)
    .leftJoin(owner, eq(owner.id, complaints.ownerStaffId))
    .where(eq(complaints.customerId, actor.customerId))
    .orderBy(desc(complaints.createdAt), desc(complaints.id))
    .limit(50);
  return rows.map((r) => ({ ...r.complaint, ownerName: r.ownerName }));
}

/** Operators (and admins) of the province handle its complaints. */
export function requireComplaintStaff(actor: Actor, provinceCode: string) {
  if (!isOperational(actor) || actor.kind !== 'staff' || !coversProvince(actor, provinceCode)) throw notFound();
  return actor;
}

const TAB_STATUSES: Record<ComplaintQueueTab, ComplaintStatus[]> = { open: ['open', 'in_progress'], answered: ['answered'], closed: ['closed'] };

/**
 * A province's complaints and suggestions: the unanswered ones in the order to handle them
 * (escalated first, then VIPs, then the oldest), or the latest answered or closed, each with its
 * owner and history. Names and numbers as the staff member may see them.
 */
export async function listComplaints(actor: Actor, input: { provinceCode?: string; status: ComplaintQueueTab }) {
  const province = workingProvince(actor, input.provinceCode);
  const staff = requireComplaintStaff(actor, province);
  const waiting = input.status === 'open';
  const rows = await getReader()
    .select({ complaint: complaints, name: customers.name, mobile: customers.mobile, ownerName: owner.displayName })
    .from(complaints)
    .innerJoin(customers, eq(customers.id, complaints.customerId))
    .leftJoin(owner, eq(owner.id, complaints.ownerStaffId))
    .where(and(eq(complaints.provinceCode, province), inArray(complaints.status, TAB_STATUSES[input.status])))
    // Waiting: the oldest first (a long queue is cut at its newest), then in the order of the rule.
    .orderBy(...(waiting ? [asc(complaints.createdAt), asc(complaints.id)] : [desc(complaints.resolvedAt), desc(complaints.id)]))
    .limit(waiting ? 1000 : 100);
  const list = rows.map((r) => ({ ...r.complaint, ownerName: r.ownerName, ...presentIdentity({ name: r.name, mobile: r.mobile }, canActForCustomer(staff, r.complaint)) }));
  return waiting ? list.sort(compareComplaintQueue) : list;
}

const byStaff = aliasedTable(staffTable, 'by_staff');
const toStaff = aliasedTable(staffTable, 'to_staff');

/**
 * The histories of the complaints listed, oldest step first, with the names of the staff involved:
 * a member's own complaints, or those of the provinces a staff member handles (the scope is in the query).
 */
export async function listComplaintSteps(actor: Actor, complaintIds: number[]) {
  const scope =
    actor.kind === 'member' ? eq(complaints.customerId, actor.customerId) : isOperational(actor) && actor.kind === 'staff' ? (actor.provinceCode === null ? undefined : eq(complaints.provinceCode, actor.provinceCode)) : null;
  if (scope === null) throw forbidden();
  if (complaintIds.length === 0) return [];
  return getReader()
    .select({ id: complaintSteps.id, complaintId: complaintSteps.complaintId, step: complaintSteps.step, note: complaintSteps.note, rating: complaintSteps.rating, at: complaintSteps.at, by: byStaff.displayName, to: toStaff.displayName })
    .from(complaintSteps)
    .innerJoin(complaints, eq(complaints.id, complaintSteps.complaintId))
    .leftJoin(byStaff, eq(byStaff.id, complaintSteps.staffId))
    .leftJoin(toStaff, eq(toStaff.id, complaintSteps.toStaffId))
    .where(and(inArray(complaintSteps.complaintId, complaintIds), scope))
    .orderBy(asc(complaintSteps.at), asc(complaintSteps.id));
}

/** Who a complaint of the province may be transferred to: its active operators. */
export async function listComplaintHandlers(actor: Actor, provinceCode: string) {
  requireComplaintStaff(actor, provinceCode);
  return getReader()
    .select({ id: staffTable.id, name: staffTable.displayName })
    .from(staffTable)
    .where(and(eq(staffTable.provinceCode, provinceCode), eq(staffTable.role, 'operator'), eq(staffTable.active, true)))
    .orderBy(asc(staffTable.displayName), asc(staffTable.id));
}
