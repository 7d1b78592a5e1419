import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../client';
import { DIALECT } from '../dialect';
import { generateLargeDataset, type LargeDatasetSummary } from './large';
import { UNICOM_PREFIXES } from './demo-data';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { adminQuery, databaseUrl } from '@/tests/postgres-setup';
import { withTempDatabase } from '@/tests/temp-database';
import { shanghaiInstant } from '@/lib/domain/time';
import { newTicketSecret, SHORT_CODE_ALPHABET, SHORT_CODE_LENGTH } from '@/lib/domain/ticket-codes';
import { EVENT_KINDS_BY_CLUB, type ClubCode } from '@/lib/domain/types';

const temp = withTempDatabase();

// Small, but with enough members per province and club for events to fill: eligibility is per
// club and province, so far fewer memberships than these would leave most events empty.
const COUNTS = { customers: 6000, memberships: 9000, events: 150, registrations: 4000 };
const NOW = shanghaiInstant(2026, 3, 1);
const onPostgres = DIALECT === 'postgres';

/** Plain SQL on the generated database, on either engine (`?` parameters), with integers as numbers. */
interface Connection {
  all<T>(query: string, ...params: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

async function connect(target: string): Promise<Connection> {
  if (onPostgres) {
    const client = new pg.Client({ connectionString: target, types: { getTypeParser: (oid: number, format?: 'text' | 'binary') => (oid === 20 || oid === 1700 ? Number : pg.types.getTypeParser(oid, format)) } });
    await client.connect();
    const numbered = (query: string) => {
      let n = 0;
      return query.replace(/\?/g, () => `$${++n}`);
    };
    return {
      all: async <T,>(query: string, ...params: unknown[]) => (await client.query({ text: numbered(query), values: params })).rows as T[],
      close: () => client.end(),
    };
  }
  const db = new Database(target, { readonly: true });
  return { all: async <T,>(query: string, ...params: unknown[]) => db.prepare(query).all(...params) as T[], close: async () => void db.close() };
}

const INDEXES = onPostgres
  ? 'select indexname as name, tablename as tbl_name, indexdef as sql from pg_indexes where schemaname = current_schema() order by indexname'
  : "select name, tbl_name, sql from sqlite_schema where type = 'index' order by name";

describe('the national-scale dataset, generated small', async () => {
  let db: Connection;
  let summary: LargeDatasetSummary;
  let target: string;
  let againTarget: string;
  let indexesBefore: unknown[];
  const againDatabase = `club_hub_again_${process.pid}_${Date.now().toString(36)}`;

  // The load takes a few seconds on a quiet machine, and as long as the second generation below on a
  // busy one (18 s on PostgreSQL with other tests running): it gets the same time.
  beforeAll(async () => {
    // The app's connections were only needed for migrations and reference data; the generator opens its own.
    await closeDatabase();
    if (onPostgres) {
      target = process.env.DATABASE_URL!;
      await adminQuery(process.env.TEST_POSTGRES_URL!, `create database ${againDatabase} template ${new URL(target).pathname.slice(1)}`);
      againTarget = databaseUrl(process.env.TEST_POSTGRES_URL!, againDatabase);
    } else {
      target = temp.path;
      againTarget = path.join(path.dirname(temp.path), 'again.db');
      fs.copyFileSync(temp.path, againTarget);
    }
    const before = await connect(target);
    indexesBefore = await before.all(INDEXES);
    await before.close();
    summary = await generateLargeDataset({ file: target, ...COUNTS, now: NOW, batchSize: 1000 });
    db = await connect(target);
  }, 90_000);

  afterAll(async () => {
    await db?.close();
    if (onPostgres) await adminQuery(process.env.TEST_POSTGRES_URL!, `drop database if exists ${againDatabase} with (force)`);
  });

  const all = <T,>(query: string, ...params: unknown[]) => db.all<T>(query, ...params);
  const column = async <T,>(query: string, ...params: unknown[]) => (await all<Record<string, T>>(query, ...params)).map((row) => Object.values(row)[0] as T);
  const value = async (query: string, ...params: unknown[]) => Number((await column(query, ...params))[0]);

  it('writes the requested rows, and nearly all the requested registrations', async () => {
    expect(await value('select count(*) from customers')).toBe(COUNTS.customers);
    expect(await value('select count(*) from memberships')).toBe(COUNTS.memberships);
    expect(await value('select count(*) from events')).toBe(COUNTS.events);
    const registrations = await value('select count(*) from registrations');
    expect(registrations).toBe(summary.registrations);
    expect(registrations).toBeGreaterThanOrEqual(COUNTS.registrations * 0.9);
    expect(registrations).toBeLessThanOrEqual(COUNTS.registrations);
  });

  // PostgreSQL checks every foreign key as each row goes in, and has no quick_check.
  it.skipIf(onPostgres)('leaves the SQLite file sound, every foreign key satisfied', async () => {
    expect(await all('pragma foreign_key_check')).toEqual([]);
    expect(await column('pragma quick_check')).toEqual(['ok']);
  });

  it('restores every index it set aside for the load, exactly as the migrations made it', async () => {
    expect(await all(INDEXES)).toEqual(indexesBefore);
  });

  it('carries on from the ids it chose: the next row gets the next id', async () => {
    if (!onPostgres) return expect(await value("select seq from sqlite_sequence where name = 'customers'")).toBe(COUNTS.customers);
    expect(await value("select nextval(pg_get_serial_sequence('customers', 'id'))")).toBe(COUNTS.customers + 1);
  });

  it('spreads customers over all 31 provinces by population, with the planned segments and statuses', async () => {
    const byProvince = new Map((await all<{ code: string; n: number }>('select province_code code, count(*) n from customers group by 1')).map((r) => [r.code, r.n]));
    expect(byProvince.size).toBe(31);
    expect(byProvince.get('440000')!).toBeGreaterThan(byProvince.get('540000')! * 10);
    const share = async (where: string) => (await value(`select count(*) from customers where ${where}`)) / COUNTS.customers;
    expect(await share("segment = 'prepaid'")).toBeCloseTo(0.3, 1);
    expect(await share("segment = 'postpaid_vip'")).toBeCloseTo(0.2, 1);
    expect(await share("status = 'active'")).toBeCloseTo(0.92, 1);
    expect(await share('exists (select 1 from points_ledger l where l.customer_id = customers.id and l.reason = \'grant\')')).toBeCloseTo(0.6, 1);
    expect(await value("select count(*) from customers c where (c.segment = 'prepaid') <> exists (select 1 from prepaid_ledger l where l.customer_id = c.id and l.reason = 'topup')")).toBe(0);
  });

  it('gives every customer a unique 11-digit Unicom mobile', async () => {
    const mobiles = await column<string>('select mobile from customers');
    expect(new Set(mobiles).size).toBe(mobiles.length);
    expect(mobiles.filter((m) => !/^\d{11}$/.test(m) || !UNICOM_PREFIXES.includes(m.slice(0, 3)))).toEqual([]);
  });

  it('keeps every balance equal to its ledger sum, never below zero', async () => {
    const mismatches = await all(`
      select c.id from customers c
      where c.points_balance <> (select coalesce(sum(delta), 0) from points_ledger where customer_id = c.id)
         or c.prepaid_balance_fen <> (select coalesce(sum(delta_fen), 0) from prepaid_ledger where customer_id = c.id)
         or c.points_balance < 0 or c.prepaid_balance_fen < 0`);
    expect(mismatches).toEqual([]);
  });

  it('keeps memberships in the customer’s province, with at most one open per customer and club, and records them', async () => {
    expect(await all('select customer_id, club_code from memberships where left_at is null group by 1, 2 having count(*) > 1')).toEqual([]);
    expect(await value('select count(*) from memberships m join customers c on c.id = m.customer_id where m.province_code <> c.province_code')).toBe(0);
    expect((await value('select count(*) from memberships where left_at is not null')) / COUNTS.memberships).toBeCloseTo(0.08, 1);
    expect(await value("select count(*) from activities where kind = 'joined'")).toBe(COUNTS.memberships);
    expect(await value("select count(*) from activities where kind = 'left'")).toBe(await value('select count(*) from memberships where left_at is not null'));
  });

  it('schedules events of the club’s kinds, completed in the past and published ahead, some cancelled', async () => {
    const events = await all<{ club: ClubCode; kind: string; status: string; ends: number; completed: number | null; cancelled: number | null }>(
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

  it('never seats more than capacity, nor one customer twice for an event', async () => {
    const over = await all(`
      select e.id from events e
      where (select count(*) from registrations r where r.event_id = e.id and r.status in ('confirmed', 'attended', 'no_show')) > e.capacity`);
    expect(over).toEqual([]);
    expect(await all('select event_id, customer_id from registrations group by 1, 2 having count(*) > 1')).toEqual([]);
  });

  it('gives every ticket a unique secret like newTicketSecret’s and a short code unique within its event', async () => {
    const secrets = await column<string>('select ticket_secret from registrations');
    expect(new Set(secrets).size).toBe(secrets.length);
    const format = new RegExp(`^[A-Za-z0-9_-]{${newTicketSecret().length}}$`);
    expect(secrets.filter((s) => !format.test(s))).toEqual([]);
    const codes = await column<string>('select short_code from registrations');
    expect(codes.filter((c) => c.length !== SHORT_CODE_LENGTH || [...c].some((ch) => !SHORT_CODE_ALPHABET.includes(ch)))).toEqual([]);
    expect(await all('select event_id, short_code from registrations group by 1, 2 having count(*) > 1')).toEqual([]);
  });

  it('registers only active customers who were members of the club in the event’s province then, inside the window', async () => {
    expect(await value("select count(*) from registrations r join customers c on c.id = r.customer_id where c.status <> 'active'")).toBe(0);
    const notMembers = await all(`
      select r.id from registrations r join events e on e.id = r.event_id
      where not exists (
        select 1 from memberships m
        where m.customer_id = r.customer_id and m.club_code = e.club_code and m.province_code = e.province_code
          and m.joined_at <= r.created_at and (m.left_at is null or m.left_at > r.created_at))`);
    expect(notMembers).toEqual([]);
    const outsideWindow = await all(
      `select r.id from registrations r join events e on e.id = r.event_id join customers c on c.id = r.customer_id
       where r.created_at >= e.reg_closes_at or r.created_at > ?
          or r.created_at < case when c.segment = 'postpaid_vip' then coalesce(e.vip_opens_at, e.reg_opens_at) else e.reg_opens_at end`,
      NOW,
    );
    expect(outsideWindow).toEqual([]);
  });

  it('records attendance for completed events, a waiting list for full ones ahead, refunds for cancelled events', async () => {
    const statuses = async (eventStatus: string) =>
      new Set(await column<string>('select distinct r.status from registrations r join events e on e.id = r.event_id where e.status = ?', eventStatus));
    expect(await statuses('completed')).toEqual(new Set(['attended', 'no_show', 'cancelled']));
    expect([...(await statuses('published'))].every((s) => ['confirmed', 'waitlisted', 'cancelled'].includes(s))).toBe(true);
    expect(await statuses('cancelled')).toEqual(new Set(['cancelled']));
    expect(await value("select count(*) from registrations where status = 'attended' and checked_in_at is null")).toBe(0);
    expect(await value("select count(*) from registrations where status <> 'attended' and checked_in_at is not null")).toBe(0);
    expect(await value("select count(*) from registrations where status = 'cancelled' and (cancelled_at is null or ((paid_points > 0 or paid_fen > 0) <> (refunded_at is not null)))")).toBe(0);
    const attended = await value("select count(*) from registrations r join events e on e.id = r.event_id where e.status = 'completed' and r.status = 'attended'");
    const seated = await value("select count(*) from registrations r join events e on e.id = r.event_id where e.status = 'completed' and r.status in ('attended', 'no_show')");
    expect(attended / seated).toBeCloseTo(0.8, 1);
    const waiting = await all<{ event: number; rank: number }>("select event_id as event, waitlist_rank as rank from registrations where status = 'waitlisted' order by event_id, waitlist_rank");
    const waitlists = new Map<number, number[]>();
    for (const w of waiting) waitlists.set(w.event, [...(waitlists.get(w.event) ?? []), w.rank]);
    expect(waitlists.size).toBeGreaterThan(0);
    for (const ranks of waitlists.values()) expect(ranks).toEqual(ranks.map((_, i) => i + 1));
    expect(await value("select count(*) from registrations where (status = 'waitlisted') <> (waitlist_rank is not null)")).toBe(0);
  });

  it('charges each registration its price through the right ledger, and refunds cancelled ones once', async () => {
    const wrongPrice = await all(`
      select r.id from registrations r join events e on e.id = r.event_id
      where (r.paid_points, r.paid_fen) <> (case when r.status = 'waitlisted' then 0 else e.price_points end, case when r.status = 'waitlisted' then 0 else e.price_fen end)`);
    expect(wrongPrice).toEqual([]);
    const wrongMoney = await all(`
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
              <> case when r.refunded_at is not null then 1 else 0 end`);
    expect(wrongMoney).toEqual([]);
  });

  it('writes each registration’s facts to the activity record', async () => {
    const facts = (kind: string) => value('select count(*) from activities where kind = ?', kind);
    const registrations = (where: string) => value(`select count(*) from registrations r join events e on e.id = r.event_id where ${where}`);
    expect(await facts('registered')).toBe(await registrations("r.status <> 'waitlisted'"));
    expect(await facts('waitlisted')).toBe(await registrations("r.status = 'waitlisted'"));
    expect(await facts('attended')).toBe(await registrations("r.status = 'attended'"));
    expect(await facts('no_show')).toBe(await registrations("r.status = 'no_show'"));
    expect((await facts('cancelled')) + (await facts('event_cancelled'))).toBe(await registrations("r.status = 'cancelled'"));
    const unlinked = await all(`
      select a.id from activities a left join registrations r on r.id = a.ref_id and a.ref_type = 'registration'
      join events e on e.id = a.event_id
      where r.id is null or r.customer_id <> a.customer_id or r.event_id <> a.event_id or a.club_code <> e.club_code`);
    expect(unlinked).toEqual([]);
  });

  it('leaves the triggers\' counters and statistics equal to a recount of the registrations', async () => {
    await expectDerivedNumbersConsistent();
  });

  it('is deterministic: the same seed and time give the same data, credentials apart', async () => {
    await generateLargeDataset({ file: againTarget, ...COUNTS, now: NOW });
    const again = await connect(againTarget);
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
      for (const query of queries) expect(await again.all(query)).toEqual(await db.all(query));
    } finally {
      await again.close();
    }
    // A second generation of the dataset: 18.5 s on PostgreSQL alone (its triggers keep the
    // participation chain row by row), past the default 20 s beside the other test files.
  }, 90_000);
});
