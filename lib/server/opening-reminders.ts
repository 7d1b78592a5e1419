import 'server-only';
import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import { getReader, withTransaction } from '@/db/client';
import { customers, events, openingReminders, registrations } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DomainError, forbidden } from '@/lib/domain/errors';
import { eventMessageParams } from '@/lib/domain/notifications';
import { windowRefusal } from '@/lib/domain/registration-rules';
import { memberRegistrationState } from '@/lib/domain/registration-state';
import { getMemberEvent } from './events';
import { getHqSettings } from './hq-settings';
import { notifyCustomer } from './notifications';

function memberOf(actor: Actor) {
  if (actor.kind !== 'member') throw forbidden();
  return actor;
}

/** Whether the member asked to be told when this event's registration opens to them (and it has not been sent yet). */
export async function hasOpeningReminder(actor: Actor, eventId: number): Promise<boolean> {
  const member = memberOf(actor);
  const [row] = await getReader()
    .select({ id: openingReminders.id })
    .from(openingReminders)
    .where(and(eq(openingReminders.eventId, eventId), eq(openingReminders.customerId, member.customerId), isNull(openingReminders.sentAt)));
  return Boolean(row);
}

/**
 * The member asks to be told when registration opens to them. Only while it is not open to them
 * yet and will be (their club, their segment, the event still ahead): a reminder of anything else
 * could only be refused when it came. Asking twice keeps one.
 */
export async function requestOpeningReminder(actor: Actor, eventId: number, now = Date.now()): Promise<void> {
  const member = memberOf(actor);
  const event = await getMemberEvent(member, eventId);
  const [customer] = await getReader().select({ segment: customers.segment }).from(customers).where(eq(customers.id, member.customerId));
  const [live] = await getReader()
    .select({ status: registrations.status })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.customerId, member.customerId), inArray(registrations.status, ['confirmed', 'waitlisted'])));
  const state = memberRegistrationState({ event, segment: customer!.segment, isClubMember: event.isClubMember, registration: live ? { status: live.status, position: null } : null, segmentPoints: (await getHqSettings()).segmentPoints, now });
  if (state.kind !== 'not_open' && state.kind !== 'vip_only') throw new DomainError('reminder_not_needed', 'conflict');
  await withTransaction(async (tx) => {
    await tx.insert(openingReminders).values({ eventId, customerId: member.customerId, createdAt: now }).onConflictDoNothing();
    // Asked again after a reminder was sent (the event moved its opening later): send it again.
    await tx
      .update(openingReminders)
      .set({ sentAt: null })
      .where(and(eq(openingReminders.eventId, eventId), eq(openingReminders.customerId, member.customerId)));
  });
}

/** The member no longer wants the reminder (of an event they can see: another province's is not found). */
export async function cancelOpeningReminder(actor: Actor, eventId: number): Promise<void> {
  const member = memberOf(actor);
  await getMemberEvent(member, eventId);
  await withTransaction((tx) =>
    tx
      .delete(openingReminders)
      .where(and(eq(openingReminders.eventId, eventId), eq(openingReminders.customerId, member.customerId), isNull(openingReminders.sentAt))),
  );
}

/**
 * The scheduler's job: tells each member whose reminder is due that registration is open to them
 * now, by SMS and in the app, and marks the reminder sent in the same transaction (the job runs
 * on one server at a time, and the message's dedupe key holds it to once besides). A reminder of
 * an event no longer published, or whose registration closed, is dropped unsent. 1,000 a run.
 */
export async function sendOpeningReminders(now = Date.now()): Promise<number> {
  const pending = await getReader()
    .select({
      id: openingReminders.id,
      customerId: customers.id,
      mobile: customers.mobile,
      segment: customers.segment,
      eventId: events.id,
      status: events.status,
      titleZh: events.titleZh,
      titleEn: events.titleEn,
      startsAt: events.startsAt,
      regOpensAt: events.regOpensAt,
      regClosesAt: events.regClosesAt,
      vipOpensAt: events.vipOpensAt,
    })
    .from(openingReminders)
    .innerJoin(events, eq(events.id, openingReminders.eventId))
    .innerJoin(customers, eq(customers.id, openingReminders.customerId))
    // Only those whose event opens to someone by now: the rule itself (by segment) decides below.
    .where(and(isNull(openingReminders.sentAt), or(lte(events.regOpensAt, now), lte(events.vipOpensAt, now), eq(events.status, 'cancelled'))))
    .limit(1000);
  // Due: open to this member now, or never going to be (closed, cancelled): the latter are dropped unsent.
  const due = pending.filter((r) => {
    if (r.status !== 'published') return true;
    const refusal = windowRefusal(r, r.segment, now);
    return refusal === null || refusal.code === 'registration_closed';
  });
  if (due.length === 0) return 0;
  let sent = 0;
  await withTransaction(async (tx) => {
    for (const r of due) {
      const marked = await tx
        .update(openingReminders)
        .set({ sentAt: now })
        .where(and(eq(openingReminders.id, r.id), isNull(openingReminders.sentAt)))
        .returning({ id: openingReminders.id });
      if (marked.length === 0 || r.status !== 'published' || now >= r.regClosesAt) continue;
      await notifyCustomer(tx, { id: r.customerId, mobile: r.mobile }, 'registration_opened', eventMessageParams({ id: r.eventId, titleZh: r.titleZh, titleEn: r.titleEn, startsAt: r.startsAt }), `opening:${r.id}:${now}`);
      sent++;
    }
  });
  return sent;
}
