import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { getReader } from '@/db/client';

/**
 * The database's derived numbers, recounted from their sources: balances from ledgers, event seat
 * counters, event_stats and participation from registrations (waiting-list joins from the
 * activity record), service slot counters from bookings, loaner status from open loans, and each
 * membership's copy of its customer's segment.
 */
export async function expectDerivedNumbersConsistent(): Promise<void> {
  const db = getReader();
  expect(
    await db.all(sql`
      select id from customers c
      where points_balance <> (select coalesce(sum(delta), 0) from points_ledger where customer_id = c.id)
         or prepaid_balance_fen <> (select coalesce(sum(delta_fen), 0) from prepaid_ledger where customer_id = c.id)
         or points_balance < 0 or prepaid_balance_fen < 0`),
  ).toEqual([]);
  expect(
    await db.all(sql`
      select id from events e
      where seats_taken <> (select count(*) from registrations where event_id = e.id and status in ('confirmed', 'attended', 'no_show'))
         or waitlisted <> (select count(*) from registrations where event_id = e.id and status = 'waitlisted')
         or seats_taken > capacity`),
  ).toEqual([]);
  expect(await db.all(sql`select m.id from memberships m join customers c on c.id = m.customer_id where m.segment is not c.segment`)).toEqual([]);
  expect(
    await db.all(sql`
      select id from service_slots s
      where booked <> (select count(*) from service_bookings where slot_id = s.id and status <> 'cancelled') or booked > capacity`),
  ).toEqual([]);
  expect(
    await db.all(sql`
      select id from loaner_phones p
      where (status = 'lent') <> exists (select 1 from loaner_loans where loaner_id = p.id and returned_at is null)`),
  ).toEqual([]);
  const recount = await db.all(sql`
    select r.event_id, r.segment, r.channel, count(*) registrations,
      sum(r.status = 'confirmed') confirmed, sum(r.status = 'attended') attended, sum(r.status = 'no_show') no_show,
      sum(r.status = 'cancelled') cancelled, sum(r.status = 'waitlisted') waitlisted,
      sum(r.status = 'waitlisted' or exists (select 1 from activities a where a.ref_type = 'registration' and a.ref_id = r.id and a.kind = 'waitlisted')) waitlist_joins,
      sum(case when r.refunded_at is null then r.paid_points else 0 end) points_paid,
      sum(case when r.refunded_at is null then r.paid_fen else 0 end) fen_paid
    from registrations r group by 1, 2, 3 order by 1, 2, 3`);
  const kept = await db.all(sql`
    select event_id, segment, channel, registrations, confirmed, attended, no_show, cancelled, waitlisted, waitlist_joins, points_paid, fen_paid
    from event_stats where registrations > 0 order by 1, 2, 3`);
  expect(kept).toEqual(recount);
  const participants = await db.all(sql`
    select k.period_key, k.club_code, k.province_code, r.customer_id, count(*) events_attended
    from registrations r join participation_keys k on k.event_id = r.event_id
    where r.status = 'attended' group by 1, 2, 3, 4 order by 1, 2, 3, 4`);
  const keptParticipants = await db.all(sql`
    select period_key, club_code, province_code, customer_id, events_attended from participation where events_attended > 0 order by 1, 2, 3, 4`);
  expect(keptParticipants).toEqual(participants);
}
