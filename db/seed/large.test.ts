import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../client';
import { generateLargeDataset, type LargeDatasetSummary } from './large';
import { UNICOM_PREFIXES } from './demo-data';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { shanghaiInstant } from '@/lib/domain/time';
import { newTicketSecret, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH } from '@/lib/domain/ticket-codes';
import { EVENT_KINDS_BY_CLUB, type ClubCode } from '@/lib/domain/types';

const temp = withTempDatabase();

// Small, but with enough members per province and club for events to fill: eligibility is per
// club and province, so far fewer memberships than these would leave most events empty.
const COUNTS = { customers: 6000, memberships: 9000, events: 150, registrations: 4000 };
const NOW = shanghaiInstant(2026, 3, 1);

describe('the national-scale dataset, generated small', () => {
  let db: Database.Database;
  let summary: LargeDatasetSummary;
  let againFile: string;
  let indexesBefore: unknown[];
  const indexes = (connection: Database.Database) =>
    connection.prepare("select name, tbl_name, sql from sqlite_schema where type = 'index' order by name").all();

  beforeAll(async () => {
    // The app's connections were only needed for migrations and reference data; the generator opens its own.
    await closeDatabase();
    againFile = path.join(path.dirname(temp.path), 'again.db');
    fs.copyFileSync(temp.path, againFile);
    const before = new Database(temp.path, { readonly: true });
    indexesBefore = indexes(before);
    before.close();
    summary = generateLargeDataset({ file: temp.path, ...COUNTS, now: NOW, batchSize: 1000 });
    db = new Database(temp.path, { readonly: true });
  });

  afterAll(() => db.close());

  const all = <T>(query: string, ...params: unknown[]) => db.prepare(query).all(...params) as T[];
  const value = (query: string, ...params: unknown[]) => db.prepare(query).pluck().get(...params) as number;

  it('writes the requested rows, and nearly all the requested registrations', () => {
    expect(value('select count(*) from customers')).toBe(COUNTS.customers);
    expect(value('select count(*) from memberships')).toBe(COUNTS.memberships);
    expect(value('select count(*) from events')).toBe(COUNTS.events);
    const registrations = value('select count(*) from registrations');
    expect(registrations).toBe(summary.registrations);
    expect(registrations).toBeGreaterThanOrEqual(COUNTS.registrations * 0.9);
    expect(registrations).toBeLessThanOrEqual(COUNTS.registrations);
    expect(all('pragma foreign_key_check')).toEqual([]);
    expect(db.pragma('quick_check', { simple: true })).toBe('ok');
  });

  it('restores every index it set aside for the load, exactly as the migrations made it', () => {
    expect(indexes(db)).toEqual(indexesBefore);
  });

  it('spreads customers over all 31 provinces by population, with the planned segments and statuses', () => {
    const byProvince = new Map(all<{ code: string; n: number }>('select province_code code, count(*) n from customers group by 1').map((r) => [r.code, r.n]));
    expect(byProvince.size).toBe(31);
    expect(byProvince.get('440000')!).toBeGreaterThan(byProvince.get('540000')! * 10);
    const share = (where: string) => value(`select count(*) from customers where ${where}`) / COUNTS.customers;
    expect(share("segment = 'prepaid'")).toBeCloseTo(0.3, 1);
    expect(share("segment = 'postpaid_vip'")).toBeCloseTo(0.2, 1);
    expect(share("status = 'active'")).toBeCloseTo(0.92, 1);
    expect(share('exists (select 1 from points_ledger l where l.customer_id = customers.id and l.reason = \'grant\')')).toBeCloseTo(0.6, 1);
    expect(value("select count(*) from customers c where (c.segment = 'prepaid') <> exists (select 1 from prepaid_ledger l where l.customer_id = c.id and l.reason = 'topup')")).toBe(0);
  });

  it('gives every customer a unique 11-digit Unicom mobile', () => {
    const mobiles = db.prepare('select mobile from customers').pluck().all() as string[];
    expect(new Set(mobiles).size).toBe(mobiles.length);
    expect(mobiles.filter((m) => !/^\d{11}$/.test(m) || !UNICOM_PREFIXES.includes(m.slice(0, 3)))).toEqual([]);
  });

  it('keeps every balance equal to its ledger sum, never below zero', () => {
    const mismatches = all(`
      select c.id from customers c
      where c.points_balance <> (select coalesce(sum(delta), 0) from points_ledger where customer_id = c.id)
         or c.prepaid_balance_fen <> (select coalesce(sum(delta_fen), 0) from prepaid_ledger where customer_id = c.id)
         or c.points_balance < 0 or c.prepaid_balance_fen < 0`);
    expect(mismatches).toEqual([]);
  });

  it('keeps memberships in the customer’s province, with at most one open per customer and club, and records them', () => {
    expect(all('select customer_id, club_code from memberships where left_at is null group by 1, 2 having count(*) > 1')).toEqual([]);
    expect(value('select count(*) from memberships m join customers c on c.id = m.customer_id where m.province_code <> c.province_code')).toBe(0);
    expect(value('select count(*) from memberships where left_at is not null') / COUNTS.memberships).toBeCloseTo(0.08, 1);
    expect(value("select count(*) from activities where kind = 'joined'")).toBe(COUNTS.memberships);
    expect(value("select count(*) from activities where kind = 'left'")).toBe(value('select count(*) from memberships where left_at is not null'));
  });

  it('schedules events of the club’s kinds, completed in the past and published ahead, some cancelled', () => {
    const events = all<{ club: ClubCode; kind: string; status: string; ends: number; completed: number | null; cancelled: number | null }>(
      'select club_code club, kind, status, ends_at ends, completed_at completed, cancelled_at cancelled from events',
    );
    expect(events.filter((e) => !EVENT_KINDS_BY_CLUB[e.club].includes(e.kind as never))).toEqual([]);
    for (const e of events) {
      if (e.status === 'cancelled') expect(e.cancelled).not.toBeNull();
      else if (e.ends <= NOW) expect([e.status, e.completed !== null]).toEqual(['completed', true]);
      else expect([e.status, e.completed]).toEqual(['published', null]);
    }
    expect(new Set(events.map((e) => e.status))).toEqual(new Set(['completed', 'published', 'cancelled']));
  });

  it('never seats more than capacity, nor one customer twice for an event', () => {
    const over = all(`
      select e.id from events e
      where (select count(*) from registrations r where r.event_id = e.id and r.status in ('confirmed', 'attended', 'no_show')) > e.capacity`);
    expect(over).toEqual([]);
    expect(all('select event_id, customer_id from registrations group by 1, 2 having count(*) > 1')).toEqual([]);
  });

  it('gives every ticket a unique secret like newTicketSecret’s and a short code unique within its event', () => {
    const secrets = db.prepare('select ticket_secret from registrations').pluck().all() as string[];
    expect(new Set(secrets).size).toBe(secrets.length);
    const format = new RegExp(`^[A-Za-z0-9_-]{${newTicketSecret().length}}$`);
    expect(secrets.filter((s) => !format.test(s))).toEqual([]);
    const codes = db.prepare('select short_code from registrations').pluck().all() as string[];
    expect(codes.filter((c) => c.length !== SHORT_CODE_LENGTH || [...c].some((ch) => !SHORT_CODE_ALPHABET.includes(ch)))).toEqual([]);
    expect(all('select event_id, short_code from registrations group by 1, 2 having count(*) > 1')).toEqual([]);
  });

  it('registers only active customers who were members of the club in the event’s province then, inside the window', () => {
    expect(value("select count(*) from registrations r join customers c on c.id = r.customer_id where c.status <> 'active'")).toBe(0);
    const notMembers = all(`
      select r.id from registrations r join events e on e.id = r.event_id
      where not exists (
        select 1 from memberships m
        where m.customer_id = r.customer_id and m.club_code = e.club_code and m.province_code = e.province_code
          and m.joined_at <= r.created_at and (m.left_at is null or m.left_at > r.created_at))`);
    expect(notMembers).toEqual([]);
    const outsideWindow = all(
      `select r.id from registrations r join events e on e.id = r.event_id join customers c on c.id = r.customer_id
       where r.created_at >= e.reg_closes_at or r.created_at > ?
          or r.created_at < case when c.segment = 'postpaid_vip' then coalesce(e.vip_opens_at, e.reg_opens_at) else e.reg_opens_at end`,
      NOW,
    );
    expect(outsideWindow).toEqual([]);
  });

  it('records attendance for completed events, a waiting list for full ones ahead, refunds for cancelled events', () => {
    const statuses = (eventStatus: string) =>
      new Set(db.prepare('select distinct r.status from registrations r join events e on e.id = r.event_id where e.status = ?').pluck().all(eventStatus));
    expect(statuses('completed')).toEqual(new Set(['attended', 'no_show', 'cancelled']));
    expect([...statuses('published')].every((s) => ['confirmed', 'waitlisted', 'cancelled'].includes(s as string))).toBe(true);
    expect(statuses('cancelled')).toEqual(new Set(['cancelled']));
    expect(value("select count(*) from registrations where status = 'attended' and checked_in_at is null")).toBe(0);
    expect(value("select count(*) from registrations where status <> 'attended' and checked_in_at is not null")).toBe(0);
    expect(value("select count(*) from registrations where status = 'cancelled' and (cancelled_at is null or ((paid_points > 0 or paid_fen > 0) <> (refunded_at is not null)))")).toBe(0);
    const attended = value("select count(*) from registrations r join events e on e.id = r.event_id where e.status = 'completed' and r.status = 'attended'");
    const seated = value("select count(*) from registrations r join events e on e.id = r.event_id where e.status = 'completed' and r.status in ('attended', 'no_show')");
    expect(attended / seated).toBeCloseTo(0.8, 1);
    const waitlists = all<{ ranks: string }>(
      "select group_concat(waitlist_rank) ranks from (select * from registrations where status = 'waitlisted' order by waitlist_rank) group by event_id",
    );
    expect(waitlists.length).toBeGreaterThan(0);
    for (const { ranks } of waitlists) {
      const list = ranks.split(',').map(Number);
      expect(list).toEqual(list.map((_, i) => i + 1));
    }
    expect(value("select count(*) from registrations where (status = 'waitlisted') <> (waitlist_rank is not null)")).toBe(0);
  });

  it('charges each registration its price through the right ledger, and refunds cancelled ones once', () => {
    const wrongPrice = all(`
      select r.id from registrations r join events e on e.id = r.event_id
      where (r.paid_points, r.paid_fen) <> (case when r.status = 'waitlisted' then 0 else e.price_points end, case when r.status = 'waitlisted' then 0 else e.price_fen end)`);
    expect(wrongPrice).toEqual([]);
    const wrongMoney = all(`
      select r.id from registrations r join customers c on c.id = r.customer_id
      where coalesce((select sum(delta) from points_ledger where ref_type = 'registration' and ref_id = r.id), 0)
              <> case when r.refunded_at is null then -r.paid_points else 0 end
         or coalesce((select sum(delta_fen) from prepaid_ledger where ref_type = 'registration' and ref_id = r.id), 0)
              <> case when c.segment = 'prepaid' and r.refunded_at is null then -r.paid_fen else 0 end
         or coalesce((select sum(amount_fen) from charges where registration_id = r.id), 0)
              <> case when c.segment <> 'prepaid' and r.refunded_at is null then r.paid_fen else 0 end
         or (select count(*) from points_ledger where ref_type = 'registration' and ref_id = r.id and reason = 'refund')
            + (select count(*) from prepaid_ledger where ref_type = 'registration' and ref_id = r.id and reason = 'refund')
            + (select count(*) from charges where registration_id = r.id and amount_fen < 0)
              <> (r.refunded_at is not null)`);
    expect(wrongMoney).toEqual([]);
  });

  it('writes each registration’s facts to the activity record', () => {
    const facts = (kind: string) => value('select count(*) from activities where kind = ?', kind);
    const registrations = (where: string) => value(`select count(*) from registrations r join events e on e.id = r.event_id where ${where}`);
    expect(facts('registered')).toBe(registrations("r.status <> 'waitlisted'"));
    expect(facts('waitlisted')).toBe(registrations("r.status = 'waitlisted'"));
    expect(facts('attended')).toBe(registrations("r.status = 'attended'"));
    expect(facts('no_show')).toBe(registrations("r.status = 'no_show'"));
    expect(facts('cancelled') + facts('event_cancelled')).toBe(registrations("r.status = 'cancelled'"));
    const unlinked = all(`
      select a.id from activities a left join registrations r on r.id = a.ref_id and a.ref_type = 'registration'
      join events e on e.id = a.event_id
      where r.id is null or r.customer_id <> a.customer_id or r.event_id <> a.event_id or a.club_code <> e.club_code`);
    expect(unlinked).toEqual([]);
  });

  it('leaves the triggers\' counters and statistics equal to a recount of the registrations', async () => {
    await expectDerivedNumbersConsistent();
  });

  it('is deterministic: the same seed and time give the same data, credentials apart', () => {
    generateLargeDataset({ file: againFile, ...COUNTS, now: NOW });
    const again = new Database(againFile, { readonly: true });
    try {
      const queries = [
        'select * from customers order by id',
        'select * from memberships order by id',
        'select * from events order by id',
        `select id, event_id, customer_id, status, channel, paid_points, paid_fen, refunded_at, waitlist_rank, created_at,
           confirmed_at, cancelled_at, checked_in_at, updated_at from registrations order by id`,
        'select * from points_ledger order by id',
        'select * from prepaid_ledger order by id',
        'select * from charges order by id',
        'select * from activities order by id',
      ];
      for (const query of queries) expect(again.prepare(query).all()).toEqual(db.prepare(query).all());
    } finally {
      again.close();
    }
  });
});
