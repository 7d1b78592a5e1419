import 'server-only';
import { aliasedTable, and, asc, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { activities, callbacks, customers, events, staff } from '@/db/schema';
import { canActForCustomer, coversClub, isAccountManagerOf, isOperational, seesIdentity, type Actor } from '@/lib/domain/access';
import { afterAttempt, callbackDueAt, callbackPeriodRange, callbackWorkAt, type CallbackOutcome } from '@/lib/domain/callback-rules';
import { DomainError, forbidden, notFound } from '@/lib/domain/errors';
import { presentIdentity } from '@/lib/domain/masking';
import { DAY } from '@/lib/domain/time';
import type { ComplaintKind, ComplaintTopic } from '@/lib/domain/types';
import { recordActivity } from './activity';
import { audit } from './audit';
import { fileComplaint } from './complaints';
import { eventsInClubScope } from './event-scope';
import { getHqSettings } from './hq-settings';

/** VIPs given their task per transaction, so that a first run over a whole country never holds the writer long. */
const SCHEDULE_BATCH = 2000;

/**
 * Gives every active VIP without one their periodic callback of the current period (HQ's
 * callbackPeriod), due on their day of the period and assigned to their account manager if they
 * have one. One task per customer and period (a unique index): a run repeated, or two servers at
 * once, add nothing twice, and a customer who became a VIP since the last run gets theirs on the next.
 */
export async function scheduleVipCallbacks(now = Date.now()): Promise<number> {
  const period = callbackPeriodRange((await getHqSettings()).callbackPeriod, now);
  let made = 0;
  for (;;) {
    const batch = await scheduleBatch(period, now);
    made += batch;
    if (batch < SCHEDULE_BATCH) return made;
  }
}

async function scheduleBatch(period: { start: number; end: number }, now: number): Promise<number> {
  const due = await getReader()
    .select({ id: customers.id, provinceCode: customers.provinceCode, accountManagerId: customers.accountManagerId })
    .from(customers)
    .leftJoin(callbacks, and(eq(callbacks.customerId, customers.id), eq(callbacks.periodStart, period.start)))
    .where(and(eq(customers.segment, 'postpaid_vip'), eq(customers.status, 'active'), isNull(callbacks.id)))
    .orderBy(asc(customers.id))
    .limit(SCHEDULE_BATCH);
  if (due.length === 0) return 0;
  await withTransaction(async (tx) => {
    for (const c of due) {
      const dueAt = callbackDueAt(c.id, period, now);
      await tx
        .insert(callbacks)
        .values({ kind: 'periodic', customerId: c.id, provinceCode: c.provinceCode, periodStart: period.start, dueAt, assignedStaffId: c.accountManagerId, createdAt: now })
        .onConflictDoNothing();
    }
  });
  return due.length;
}

export type CallbackView = 'open' | 'done';

const workAt = sql<number>`coalesce(${callbacks.nextAttemptAt}, ${callbacks.dueAt})`;

/**
 * Whose tasks the actor works: the hotline (operators of the province, admins) the province's,
 * club-limited operators after-event tasks of their clubs only (periodic ones are the
 * province's); an account manager those assigned to them.
 */
function whoseTasks(actor: Actor): SQL | undefined {
  if (actor.kind === 'staff' && actor.role === 'account_manager') return and(eq(callbacks.assignedStaffId, actor.staffId), eq(callbacks.provinceCode, actor.provinceCode!));
  if (!isOperational(actor)) throw forbidden();
  const clubs = eventsInClubScope(actor);
  return and(actor.provinceCode ? eq(callbacks.provinceCode, actor.provinceCode) : undefined, clubs ? or(isNull(callbacks.eventId), clubs) : undefined);
}

/** Open: the tasks due now (retries once their next attempt came); the hotline sees an account manager's task only once it is overdue. */
function inView(actor: Actor, view: CallbackView, now: number): SQL | undefined {
  if (view === 'done') return inArray(callbacks.status, ['reached', 'not_reached', 'declined']);
  const hotline = !(actor.kind === 'staff' && actor.role === 'account_manager');
  return and(eq(callbacks.status, 'open'), lte(workAt, now), hotline ? or(isNull(callbacks.assignedStaffId), lte(callbacks.dueAt, now - DAY)) : undefined);
}

const manager = aliasedTable(staff, 'manager');

/** The actor's callback queue: due and overdue first (by when they are to be worked: due day, or next attempt), or the tasks done, latest first. */
export async function listCallbacks(actor: Actor, view: CallbackView = 'open', now = Date.now()) {
  return selectCallbacks(actor, and(whoseTasks(actor), inView(actor, view, now)), view === 'open' ? [asc(workAt), asc(callbacks.id)] : [desc(callbacks.completedAt), desc(callbacks.id)]);
}

/** One task of the actor's, whatever its state (the page names the one just recorded); undefined outside their tasks. */
export async function findCallback(actor: Actor, callbackId: number) {
  const [task] = await selectCallbacks(actor, and(whoseTasks(actor), eq(callbacks.id, callbackId)), []);
  return task;
}

async function selectCallbacks(actor: Actor, where: SQL | undefined, order: SQL[]) {
  const rows = await getReader()
    .select({
      id: callbacks.id,
      kind: callbacks.kind,
      status: callbacks.status,
      opinion: callbacks.opinion,
      dueAt: callbacks.dueAt,
      attempts: callbacks.attempts,
      nextAttemptAt: callbacks.nextAttemptAt,
      createdAt: callbacks.createdAt,
      completedAt: callbacks.completedAt,
      managerName: manager.displayName,
      eventId: callbacks.eventId,
      eventTitleZh: events.titleZh,
      eventTitleEn: events.titleEn,
      eventStartsAt: events.startsAt,
      customerId: customers.id,
      name: customers.name,
      mobile: customers.mobile,
      provinceCode: customers.provinceCode,
      accountManagerId: customers.accountManagerId,
    })
    .from(callbacks)
    .leftJoin(events, eq(events.id, callbacks.eventId))
    .leftJoin(manager, eq(manager.id, callbacks.assignedStaffId))
    .innerJoin(customers, eq(customers.id, callbacks.customerId))
    .where(where)
    .orderBy(...order)
    .limit(200);
  return rows.map(({ accountManagerId, ...r }) => presentIdentity(r, seesIdentity(actor, { id: r.customerId, provinceCode: r.provinceCode, accountManagerId })));
}

/** The last few facts of each listed customer's record, newest first, to read before calling. */
export async function recentActivity(actor: Actor, customerIds: number[], perCustomer = 4) {
  const scope = actor.kind === 'staff' && actor.role === 'account_manager' ? eq(customers.accountManagerId, actor.staffId) : isOperational(actor) ? (actor.provinceCode ? eq(customers.provinceCode, actor.provinceCode) : undefined) : forbiddenScope();
  const ranked = getReader()
    .select({
      id: activities.id,
      customerId: activities.customerId,
      rank: sql<number>`row_number() over (partition by ${activities.customerId} order by ${activities.occurredAt} desc, ${activities.id} desc)`.as('rank'),
    })
    .from(activities)
    .innerJoin(customers, eq(customers.id, activities.customerId))
    .where(and(inArray(activities.customerId, customerIds.length > 0 ? customerIds : [0]), scope))
    .as('ranked');
  const rows = await getReader()
    .select({
      id: activities.id,
      customerId: activities.customerId,
      kind: activities.kind,
      clubCode: activities.clubCode,
      channel: activities.channel,
      occurredAt: activities.occurredAt,
      data: activities.data,
      eventTitleZh: events.titleZh,
      eventTitleEn: events.titleEn,
      staffName: staff.displayName,
    })
    .from(ranked)
    .innerJoin(activities, eq(activities.id, ranked.id))
    .leftJoin(events, eq(events.id, activities.eventId))
    .leftJoin(staff, eq(staff.id, activities.staffId))
    .where(lte(ranked.rank, perCustomer))
    .orderBy(desc(activities.occurredAt), desc(activities.id));
  const out = new Map<number, typeof rows>();
  for (const r of rows) {
    const list = out.get(r.customerId);
    if (list) list.push(r);
    else out.set(r.customerId, [r]);
  }
  return out;
}

export interface CallbackOutcomeInput {
  callbackId: number;
  outcome: CallbackOutcome;
  opinion: string;
  /** A complaint the customer raised on the call, filed in the same step. */
  complaint?: { kind: ComplaintKind; topic: ComplaintTopic; body: string };
}

/**
 * Records one attempt at a callback: reached or declined ends it, not reached schedules the next
 * try (HQ's callbackRetryHours) until the last of callbackMaxAttempts; a complaint raised on the
 * call is filed through the hotline in the same transaction. Every attempt lands on the customer's
 * record. The hotline staff of the province (club-limited operators: after-event tasks of their
 * clubs) or the VIP's own account manager.
 */
export async function recordCallback(actor: Actor, input: CallbackOutcomeInput, now = Date.now()) {
  return withTransaction(async (tx) => {
    const [task] = await tx
      .select({ task: callbacks, accountManagerId: customers.accountManagerId, clubCode: events.clubCode })
      .from(callbacks)
      .innerJoin(customers, eq(customers.id, callbacks.customerId))
      .leftJoin(events, eq(events.id, callbacks.eventId))
      .where(eq(callbacks.id, input.callbackId));
    if (!task) throw notFound();
    const { task: before, accountManagerId, clubCode } = task;
    const customer = { provinceCode: before.provinceCode, accountManagerId };
    const mine = isAccountManagerOf(actor, customer) && before.assignedStaffId === staffIdOf(actor);
    // The queue lists only the operator's clubs: a task of another club does not exist for them.
    const hotline = isOperational(actor) && canActForCustomer(actor, customer) && (clubCode === null || coversClub(actor, clubCode));
    if (!mine && !hotline) throw notFound();
    if (before.status !== 'open') throw new DomainError('callback_done', 'conflict');
    if (callbackWorkAt(before) > now && before.attempts > 0) throw new DomainError('callback_retry_later', 'conflict');
    const next = afterAttempt(input.outcome, before.attempts, await getHqSettings(tx), now);
    const opinion = input.opinion || null;
    // Conditional on the attempt it saw: two staff recording at once cannot both count one attempt.
    const updated = await tx
      .update(callbacks)
      .set({ ...next, opinion: opinion ?? before.opinion, staffId: staffIdOf(actor) })
      .where(and(eq(callbacks.id, before.id), eq(callbacks.status, 'open'), eq(callbacks.attempts, before.attempts)))
      .returning({ id: callbacks.id });
    if (updated.length === 0) throw new DomainError('callback_done', 'conflict');
    await recordActivity(tx, {
      customerId: before.customerId,
      kind: 'callback',
      clubCode,
      eventId: before.eventId,
      refType: 'callback',
      refId: before.id,
      channel: 'hotline',
      staffId: staffIdOf(actor),
      occurredAt: now,
      data: { status: input.outcome, opinion: input.opinion, attempt: next.attempts, final: next.status !== 'open' },
    });
    await audit(tx, actor, {
      action: 'callback.record',
      entityType: 'callback',
      entityId: before.id,
      before: { status: before.status, attempts: before.attempts },
      after: { status: next.status, attempts: next.attempts, outcome: input.outcome, opinion: input.opinion },
      provinceCode: before.provinceCode,
    });
    const complaint = input.complaint ? await fileComplaint(actor, { ...input.complaint, customerId: before.customerId, channel: 'hotline' }, now) : null;
    return { callbackId: before.id, status: next.status, outcome: input.outcome, nextAttemptAt: next.nextAttemptAt, complaintId: complaint?.id ?? null };
  });
}

const staffIdOf = (actor: Actor) => (actor.kind === 'staff' ? actor.staffId : null);

function forbiddenScope(): never {
  throw forbidden();
}
