import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/db/client';
import { DIALECT } from '@/db/dialect';
import { seedDemo } from '@/db/seed';
import { withTempDatabase } from '@/tests/temp-database';
import { CONSISTENCY_CHECKS } from './consistency';

const temp = withTempDatabase();

/** A bare connection to the test's database, as backup's inspection and an operator's shell have. */
interface Connection {
  all(query: string): Promise<unknown[]>;
  exec(statements: string): Promise<void>;
  close(): Promise<void>;
}

function sqliteConnection(file: string): Connection {
  const db = new Database(file);
  return {
    all: async (query) => db.prepare(query).all(),
    exec: async (statements) => void db.exec(statements),
    close: async () => void db.close(),
  };
}

async function postgresConnection(url: string): Promise<Connection> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    all: async (query) => (await client.query(query)).rows,
    exec: async (statements) => void (await client.query(statements)),
    close: () => client.end(),
  };
}

let db: Connection;

beforeAll(async () => {
  // The demo data has rows of every kind the checks recount (slots, loans, attendance, waiting lists).
  await seedDemo(Date.UTC(2027, 2, 1, 4));
  await closeDatabase();
  db = DIALECT === 'postgres' ? await postgresConnection(process.env.DATABASE_URL!) : sqliteConnection(temp.path);
}, 60_000);

afterAll(() => db.close());

/**
 * A change that only a damaged or hand-edited database holds: the triggers that keep each derived
 * number refuse it, so they are dropped first. Each runs in a transaction that is rolled back.
 */
const BREAKAGES: Record<string, string> = {
  ledgers: `drop trigger points_balance_guard${DIALECT === 'postgres' ? ' on customers' : ''}; update customers set points_balance = points_balance + 1 where id = (select min(id) from customers)`,
  seats: `update events set seats_taken = seats_taken - 1 where id = (select min(id) from events where seats_taken > 0)`,
  membership_segments: `update memberships set segment = case segment when 'prepaid' then 'postpaid' else 'prepaid' end where id = (select min(id) from memberships)`,
  service_slots: `update service_slots set booked = booked + 1 where id = (select min(id) from service_slots where booked < capacity)`,
  loaners: `update loaner_phones set status = 'available' where id = (select min(id) from loaner_phones where status = 'lent')`,
  event_stats: `update event_stats set confirmed = confirmed + 1 where (event_id, segment, channel) = (select event_id, segment, channel from event_stats where registrations > 0 order by 1, 2, 3 limit 1)`,
  participation_chain: `update participation_chain set next_at = next_at - 1 where (customer_id, province_code, club_code, starts_at, registration_id) = (select customer_id, province_code, club_code, starts_at, registration_id from participation_chain order by 1, 2, 3, 4, 5 limit 1)`,
  event_attendees: `update events set attendees = attendees + 1 where id = (select min(id) from events)`,
  monthly_stats: `update monthly_stats set attended = attended + 1 where (month, province_code, club_code, kind, segment, channel) = (select month, province_code, club_code, kind, segment, channel from monthly_stats order by 1, 2, 3, 4, 5, 6 limit 1)`,
  participation_cells: `update participation_cells set attendances = attendances + 1 where (club_code, province_code, month, prev_month, prev2_month) = (select club_code, province_code, month, prev_month, prev2_month from participation_cells where attendances > 0 order by 1, 2, 3, 4, 5 limit 1)`,
  membership_stats: `update membership_stats set joins = joins + 1 where (month, club_code, province_code, segment, join_channel) = (select month, club_code, province_code, segment, join_channel from membership_stats order by 1, 2, 3, 4, 5 limit 1)`,
  complaint_history: `update complaints set reopen_count = reopen_count + 1 where id = (select min(id) from complaints)`,
  charge_reversals: `update charges set amount_fen = amount_fen - 100 where id = (select min(id) from charges where reverses_charge_id is not null)`,
  inspection_scores: `update inspections set score = (score + 1) % 101 where id = (select min(id) from inspections)`,
  sms_delivery: `update outbox set segments = segments + 1 where id = (select min(id) from outbox where status = 'delivered')`,
};

describe('the consistency checks', () => {
  it('find nothing in a consistent database', async () => {
    for (const check of CONSISTENCY_CHECKS) expect(await db.all(check.query), check.name).toEqual([]);
  });

  it.each(CONSISTENCY_CHECKS.map((c) => [c.name, c] as const))('%s: finds the row that breaks its rule, and only that check does', async (name, check) => {
    expect(Object.keys(BREAKAGES)).toContain(name);
    await db.exec('begin');
    try {
      await db.exec(BREAKAGES[name]!);
      expect((await db.all(check.query)).length).toBeGreaterThan(0);
      const others: string[] = [];
      for (const c of CONSISTENCY_CHECKS) if (c !== check && (await db.all(c.query)).length > 0) others.push(c.name);
      expect(others).toEqual([]);
    } finally {
      await db.exec('rollback');
    }
  });
});
