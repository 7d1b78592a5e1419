/**
 * The database's derived numbers, recounted from their sources. Each check's query returns the
 * rows that break its rule (none when the database is consistent). The test suite runs them after
 * its scenarios (tests/invariants.ts); backup and restore run them on a copy before calling it good
 * (db/backup.ts). Plain SQL that SQLite and PostgreSQL read alike (no sum of a comparison, no
 * `IS NOT` between values, every derived table named), so that a drizzle reader on either engine
 * and a bare connection can run them; participation_scopes, participation_chain_months,
 * event_months and membership_months are views in both schemas.
 */
import { INSPECTION_ITEMS } from '@/lib/domain/inspections';
import { NO_NEXT_ATTENDANCE } from './schema/stats';

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
        select r.event_id, r.segment, r.channel, count(*) as registrations,
          sum(case when r.status = 'confirmed' then 1 else 0 end) as confirmed,
          sum(case when r.status = 'attended' then 1 else 0 end) as attended,
          sum(case when r.status = 'no_show' then 1 else 0 end) as no_show,
          sum(case when r.status = 'cancelled' then 1 else 0 end) as cancelled,
          sum(case when r.status = 'waitlisted' then 1 else 0 end) as waitlisted,
          sum(case when r.status = 'waitlisted' or r.id in (select ref_id from waitlist_joined) then 1 else 0 end) as waitlist_joins,
          sum(case when r.refunded_at is null then r.paid_points else 0 end) as points_paid,
          sum(case when r.refunded_at is null then r.paid_fen else 0 end) as fen_paid
        from registrations r group by r.event_id, r.segment, r.channel),
      kept as (
        select event_id, segment, channel, registrations, confirmed, attended, no_show, cancelled, waitlisted, waitlist_joins, points_paid, fen_paid
        from event_stats where registrations > 0)
      select 'recounted' as side, d.* from (select * from recount except select * from kept) d
      union all
      select 'kept' as side, d.* from (select * from kept except select * from recount) d`,
  },
  {
    name: 'participation_chain',
    rule: "the participation chain equals each customer's attended registrations per scope and province, in order, with their neighbours",
    query: `
      with recount as (
        select customer_id, province_code, club_code, starts_at, registration_id,
          coalesce(lag(starts_at, 1) over w, 0) as prev_at, coalesce(lag(starts_at, 2) over w, 0) as prev2_at,
          coalesce(lead(starts_at, 1) over w, ${NO_NEXT_ATTENDANCE}) as next_at, coalesce(lead(starts_at, 2) over w, ${NO_NEXT_ATTENDANCE}) as next2_at
        from participation_scopes
        window w as (partition by customer_id, province_code, club_code order by starts_at, registration_id)),
      kept as (
        select customer_id, province_code, club_code, starts_at, registration_id, prev_at, prev2_at, next_at, next2_at from participation_chain)
      select 'recounted' as side, d.* from (select * from recount except select * from kept) d
      union all
      select 'kept' as side, d.* from (select * from kept except select * from recount) d`,
  },
  {
    name: 'event_attendees',
    rule: "every event's attendee count equals its statistics' attended registrations",
    query: `select id from events e where attendees <> (select coalesce(sum(attended), 0) from event_stats where event_id = e.id)`,
  },
  {
    name: 'monthly_stats',
    rule: 'the monthly statistics equal the registration statistics added up by month, province, club, kind, segment and channel, in all segments and channels, and in all clubs',
    query: `
      with cells as (
        select m.month, e.province_code, e.club_code, e.kind, s.segment, s.channel, s.registrations, s.attended, s.no_show, s.cancelled, s.waitlist_joins, s.points_paid, s.fen_paid
        from event_stats s join events e on e.id = s.event_id join event_months m on m.event_id = e.id
        union all
        select m.month, e.province_code, e.club_code, e.kind, '*', '*', s.registrations, s.attended, s.no_show, s.cancelled, s.waitlist_joins, s.points_paid, s.fen_paid
        from event_stats s join events e on e.id = s.event_id join event_months m on m.event_id = e.id
        union all
        select m.month, e.province_code, '*', '*', s.segment, s.channel, s.registrations, s.attended, s.no_show, s.cancelled, s.waitlist_joins, s.points_paid, s.fen_paid
        from event_stats s join events e on e.id = s.event_id join event_months m on m.event_id = e.id),
      recount as (
        select month, province_code, club_code, kind, segment, channel, sum(registrations) as registrations, sum(attended) as attended,
          sum(no_show) as no_show, sum(cancelled) as cancelled, sum(waitlist_joins) as waitlist_joins, sum(points_paid) as points_paid, sum(fen_paid) as fen_paid
        from cells group by month, province_code, club_code, kind, segment, channel
        having sum(registrations) <> 0),
      kept as (
        select month, province_code, club_code, kind, segment, channel, registrations, attended, no_show, cancelled, waitlist_joins, points_paid, fen_paid
        from monthly_stats
        where registrations <> 0 or attended <> 0 or no_show <> 0 or cancelled <> 0 or waitlist_joins <> 0 or points_paid <> 0 or fen_paid <> 0)
      select 'recounted' as side, d.* from (select * from recount except select * from kept) d
      union all
      select 'kept' as side, d.* from (select * from kept except select * from recount) d`,
  },
  {
    name: 'participation_cells',
    rule: 'the participation cells equal a count of the chain by scope, province (and all provinces), month and the months of the two attendances before',
    query: `
      with recount as (
        select club_code, province_code, month, prev_month, prev2_month, count(*) as attendances from (
          select club_code, province_code, month, prev_month, prev2_month from participation_chain_months
          union all
          select club_code, '*', month, prev_month, prev2_month from participation_chain_months) m
        group by club_code, province_code, month, prev_month, prev2_month),
      kept as (select club_code, province_code, month, prev_month, prev2_month, attendances from participation_cells where attendances <> 0)
      select 'recounted' as side, d.* from (select * from recount except select * from kept) d
      union all
      select 'kept' as side, d.* from (select * from kept except select * from recount) d`,
  },
  {
    name: 'membership_stats',
    rule: 'the membership counts equal a count of the memberships joined and left in each month and in all, per segment and channel and in all',
    query: `
      with moves as (
        select k.joined_month as month, m.club_code, m.province_code, coalesce(m.segment, '') as segment, m.join_channel, 1 as joins, 0 as leaves
        from memberships m join membership_months k on k.membership_id = m.id
        union all
        select k.left_month, m.club_code, m.province_code, coalesce(m.segment, ''), m.join_channel, 0, 1
        from memberships m join membership_months k on k.membership_id = m.id where m.left_at is not null
        union all
        select '*', club_code, province_code, coalesce(segment, ''), join_channel, 1, case when left_at is null then 0 else 1 end from memberships),
      levels as (
        select month, club_code, province_code, segment, join_channel, joins, leaves from moves
        union all
        select month, club_code, province_code, '*', '*', joins, leaves from moves),
      recount as (select month, club_code, province_code, segment, join_channel, sum(joins) as joins, sum(leaves) as leaves
        from levels group by month, club_code, province_code, segment, join_channel),
      kept as (select month, club_code, province_code, segment, join_channel, joins, leaves from membership_stats where joins <> 0 or leaves <> 0)
      select 'recounted' as side, d.* from (select * from recount except select * from kept) d
      union all
      select 'kept' as side, d.* from (select * from kept except select * from recount) d`,
  },
  {
    name: 'complaint_history',
    rule: "every complaint's reopen count and rating agree with its history, and it has an owner once taken",
    query: `
      select id from complaints c
      where reopen_count <> (select count(*) from complaint_steps where complaint_id = c.id and step = 'reopened')
         or (rating is null and exists (select 1 from complaint_steps where complaint_id = c.id and step = 'rated'))
         or (rating is not null and not exists (select 1 from complaint_steps where complaint_id = c.id and step = 'rated'))
         or (status = 'open' and owner_staff_id is not null)
         or (status <> 'open' and owner_staff_id is null)`,
  },
  {
    name: 'charge_reversals',
    rule: "every reversal on a bill undoes one charge of the same customer, for exactly its amount (lib/server/billing.ts)",
    query: `
      select r.id from charges r
      join charges c on c.id = r.reverses_charge_id
      where r.customer_id <> c.customer_id or r.amount_fen <> -c.amount_fen or c.reverses_charge_id is not null`,
  },
  {
    name: 'inspection_scores',
    rule: "every inspection's score equals its scorecard's weighted total (lib/domain/inspections.ts)",
    query: `
      select i.id from inspections i
      where i.score <> coalesce((
        select round(100.0 * sum(case w.rating when 'pass' then w.weight when 'partial' then w.weight * 0.5 else 0 end) / nullif(sum(case when w.rating <> 'na' then w.weight else 0 end), 0))
        from (select it.rating, case it.item_key ${INSPECTION_ITEMS.map((item) => `when '${item.key}' then ${item.weight}`).join(' ')} end as weight
              from inspection_items it where it.inspection_id = i.id) w), -1)`,
  },
  {
    name: 'sms_delivery',
    rule: 'an SMS is delivered exactly when the receipts of all its segments say delivered, and one that a receipt says failed is not sent or delivered',
    query: `
      select id from outbox o
      where channel = 'sms'
        and ((status = 'delivered' and segments is null)
          or (status in ('sent', 'delivered') and segments is not null
            and ((status = 'delivered') <> (segments = (select count(*) from sms_parts p where p.outbox_id = o.id and p.outcome = 'delivered'))
              or exists (select 1 from sms_parts p where p.outbox_id = o.id and p.outcome = 'failed'))))`,
  },
];
