import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Tx } from '../client';
import { activities, complaints, customers, events, halls, outbox, serviceBookings, services, serviceSlots } from '../schema';
import { complaintMessageParams, eventMessageParams, serviceMessageParams, smsBody, type NotificationParams, type NotificationTemplate } from '@/lib/domain/notifications';
import { DAY, HOUR } from '@/lib/domain/time';

/** In-app messages older than this have been read; newer ones still show as new. */
const READ_AFTER = 3 * DAY;

interface Message {
  customerId: number;
  mobile: string;
  template: NotificationTemplate;
  params: NotificationParams;
  at: number;
  /** The key the use-case gives a once-only message, so that the scheduler does not send it again. */
  dedupeKey?: string;
}

/**
 * The messages the demo's registrations, service bookings and complaints would have sent, read back from the
 * customers' records: each as an SMS (sent) and in the app (read, unless recent), at the time the
 * use-case would have sent it: confirmations when registered, reminders a day before, feedback
 * requests when the event was closed, and each step of a service booking.
 */
export async function seedDemoMessages(tx: Tx, now: number): Promise<void> {
  const booking = alias(serviceBookings, 'booking');
  const rows = await tx
    .select({
      kind: activities.kind,
      at: activities.occurredAt,
      refId: activities.refId,
      customerId: customers.id,
      mobile: customers.mobile,
      event: { titleZh: events.titleZh, titleEn: events.titleEn, venue: events.venue, venueEn: events.venueEn, startsAt: events.startsAt, completedAt: events.completedAt },
      notes: booking.notes,
      service: { nameZh: services.nameZh, nameEn: services.nameEn },
      slot: { startsAt: serviceSlots.startsAt, place: serviceSlots.place },
      placeEn: sql<string | null>`coalesce(${halls.nameEn}, ${serviceSlots.placeEn})`,
      hallAddress: halls.address,
      complaint: { kind: complaints.kind, topic: complaints.topic, createdAt: complaints.createdAt, reply: complaints.reply },
      data: activities.data,
    })
    .from(activities)
    .innerJoin(customers, eq(customers.id, activities.customerId))
    .leftJoin(events, eq(events.id, activities.eventId))
    .leftJoin(booking, and(eq(activities.refType, 'service_booking'), eq(booking.id, activities.refId)))
    .leftJoin(services, eq(services.id, booking.serviceId))
    .leftJoin(serviceSlots, eq(serviceSlots.id, booking.slotId))
    .leftJoin(halls, eq(halls.id, serviceSlots.hallId))
    .leftJoin(complaints, and(eq(activities.refType, 'complaint'), eq(complaints.id, activities.refId)))
    .where(inArray(activities.kind, ['registered', 'attended', 'service_booked', 'service_done', 'service_cancelled', 'complaint']))
    .orderBy(activities.occurredAt, activities.id);

  const messages: Message[] = [];
  for (const row of rows) {
    const to = { customerId: row.customerId, mobile: row.mobile };
    const { event, service, slot } = row;
    if (event && (row.kind === 'registered' || row.kind === 'attended')) {
      const params = eventMessageParams(event);
      if (row.kind === 'registered') {
        messages.push({ ...to, template: 'registration_confirmed', params, at: row.at });
        const remindedAt = event.startsAt - DAY;
        if (remindedAt > row.at && remindedAt <= now) messages.push({ ...to, template: 'event_reminder', params, at: remindedAt, dedupeKey: `reminder:${row.refId}` });
      } else if (event.completedAt !== null && event.completedAt <= now) {
        messages.push({ ...to, template: 'feedback_request', params, at: event.completedAt, dedupeKey: `feedback:${row.refId}` });
      }
    } else if (service && slot) {
      // A booking's notes say what was done, or why it was cancelled.
      const [template, extra]: [NotificationTemplate, Record<string, string>] =
        row.kind === 'service_done' ? ['service_done', { notes: row.notes ?? '' }] : row.kind === 'service_cancelled' ? ['service_cancelled', { reason: row.notes ?? '' }] : ['service_booked', {}];
      if (row.at <= now) messages.push({ ...to, template, params: serviceMessageParams(service, { ...slot, placeEn: row.placeEn, hallAddress: row.hallAddress }, extra), at: row.at });
    } else if (row.complaint) {
      // Received when filed; the answer when answered (a suggestion's, when it has words). The customer's own steps send nothing.
      const step = (row.data as { step?: string } | null)?.step;
      const suggestion = row.complaint.kind === 'suggestion';
      if (step === 'filed') messages.push({ ...to, template: suggestion ? 'suggestion_received' : 'complaint_received', params: complaintMessageParams(row.complaint), at: row.at });
      if (step === 'resolved' && row.complaint.reply) {
        messages.push({ ...to, template: suggestion ? 'suggestion_answered' : 'complaint_resolved', params: complaintMessageParams(row.complaint, { reply: row.complaint.reply }), at: row.at });
      }
    }
  }

  for (const m of messages) {
    const common = { customerId: m.customerId, mobile: m.mobile, template: m.template, params: m.params, body: smsBody(m.template, m.params), status: 'sent', createdAt: m.at, sentAt: m.at } as const;
    await tx.insert(outbox).values([
      { ...common, channel: 'sms', dedupeKey: m.dedupeKey ? `${m.dedupeKey}:sms` : null },
      { ...common, channel: 'inapp', dedupeKey: m.dedupeKey ? `${m.dedupeKey}:inapp` : null, readAt: m.at < now - READ_AFTER ? m.at + HOUR : null },
    ]);
  }
}
