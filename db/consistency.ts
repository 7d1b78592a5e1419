/**
 * The database's derived numbers, recounted from their sources. Each check's query returns the
 * rows that break its rule (none when the database is consistent). The test suite runs them after
 * its scenarios (tests/invariants.ts); backup and restore run them on a copy before calling it good
 * (db/backup.ts). Plain SQL, so that both a drizzle reader and a bare connection can run them,
 * written so that SQLite and PostgreSQL both read it the same way: conditional counts as
 * `count(*) filter (where …)` (not SQLite's sum of a comparison), `is distinct from` (not `is not`
 * between values), every subquery in FROM named (PostgreSQL 15 requires it).
 */
export interface ConsistencyCheck {
  name: string;
  /** The rule, as an operator reads it in a refusal. */
  rule: string;
  query: string;
}

export const CONSISTENCY_CHECKS: readonly ConsistencyCheck[] = [
  {
    name: 'ledgers',
    rule: "every customer's points and prepaid balances equal the sums of their ledgers and are not negative",
    query: `
      select id from customers c
      where points_balance <> (select coalesce(sum(delta), 0) from points_ledger where customer_id = c.id)
         or prepaid_balance_fen <> (select coalesce(sum(delta_fen), 0) from prepaid_ledger where customer_id = c.id)
         or points_balance < 0 or prepaid_balance_fen < 0`,
  },
  {
    name: 'seats',
    rule: "every event's seat and waiting-list counters equal its registrations, and no event is overbooked",
    query: `
      select id from events e
      where seats_taken <> (select count(*) from registrations where event_id = e.id and status in ('confirmed', 'attended', 'no_show'))
         or waitlisted <> (select count(*) from registrations where event_id = e.id and status = 'waitlisted')
         or seats_taken > capacity`,
  },
  {
    name: 'membership_segments',
    rule: "every membership carries its customer's segment",
    query: `select m.id from memberships m join customers c on c.id = m.customer_id where m.segment is distinct from c.segment`,
  },
  {
    name: 'service_slots',
    rule: "every service slot's booked count equals its bookings, within its capacity",
    query: `
      select id from service_slots s
      where booked <> (select count(*) from service_bookings where slot_id = s.id and status <> 'cancelled') or booked > capacity`,
  },
  {
    name: 'loaners',
    rule: 'a loaner phone is lent exactly when it has an open loan',
    query: `
      select id from loaner_phones p
      where (status = 'lent') <> exists (select 1 from loaner_loans where loaner_id = p.id and returned_at is null)`,
  },
  {
    name: 'event_stats',
    rule: 'the registration statistics (event_stats) equal a recount of the registrations',
    // Rows on either side only: (event, segment, channel) is unique on both.
    // Registrations that ever joined a waiting list, collected once: activities have no index by
    // reference, and a lookup per registration took over ten minutes on the national dataset.
    query: `
      with waitlist_joined as (select ref_id from activities where kind = 'waitlisted' and ref_type = 'registration'),
      recount as (
        select r.event_id, r.segment, r.channel, count(*) registrations,
          count(*) filter (where r.status = 'confirmed') confirmed, count(*) filter (where r.status = 'attended') attended,
          count(*) filter (where r.status = 'no_show') no_show, count(*) filter (where r.status = 'cancelled') cancelled,
          count(*) filter (where r.status = 'waitlisted') waitlisted,
          count(*) filter (where r.status = 'waitlisted' or r.id in (select ref_id from waitlist_joined)) waitlist_joins,
          sum(case when r.refunded_at is null then r.paid_points else 0 end) points_paid,
          sum(case when r.refunded_at is null then r.paid_fen else 0 end) fen_paid
        from registrations r group by 1, 2, 3),
      kept as (
        select event_id, segment, channel, registrations, confirmed, attended, no_show, cancelled, waitlisted, waitlist_joins, points_paid, fen_paid
        from event_stats where registrations > 0)
      select 'recounted' side, * from (select * from recount except select * from kept) missing
      union all
      select 'kept' side, * from (select * from kept except select * from recount) extra`,
  },
  {
    name: 'participation',
    rule: 'the participation counts equal a recount of the attended registrations',
    query: `
      with recount as (
        select k.period_key, k.club_code, k.province_code, r.customer_id, count(*) events_attended
        from registrations r join participation_keys k on k.event_id = r.event_id
        where r.status = 'attended' group by 1, 2, 3, 4),
      kept as (
        select period_key, club_code, province_code, customer_id, events_attended from participation where events_attended > 0)
      select 'recounted' side, * from (select * from recount except select * from kept) missing
      union all
      select 'kept' side, * from (select * from kept except select * from recount) extra`,
  },
];
