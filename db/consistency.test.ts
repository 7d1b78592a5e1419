import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '@/db/client';
import { seedDemo } from '@/db/seed';
import { withTempDatabase } from '@/tests/temp-database';
import { CONSISTENCY_CHECKS } from './consistency';

const temp = withTempDatabase();
let db: Database.Database;

beforeAll(async () => {
  // The demo data has rows of every kind the checks recount (slots, loans, attendance, waiting lists).
  await seedDemo(Date.UTC(2027, 2, 1, 4));
  await closeDatabase();
  db = new Database(temp.path);
}, 60_000);

afterAll(() => db.close());

/**
 * A change that only a damaged or hand-edited file holds: the triggers that keep each derived
 * number refuse it, so they are dropped first. Each runs in a transaction that is rolled back.
 */
const BREAKAGES: Record<string, string> = {
  ledgers: `drop trigger points_balance_guard; update customers set points_balance = points_balance + 1 where id = (select min(id) from customers)`,
  seats: `update events set seats_taken = seats_taken - 1 where id = (select min(id) from events where seats_taken > 0)`,
  membership_segments: `update memberships set segment = case segment when 'prepaid' then 'postpaid' else 'prepaid' end where id = (select min(id) from memberships)`,
  service_slots: `update service_slots set booked = booked + 1 where id = (select min(id) from service_slots where booked < capacity)`,
  loaners: `update loaner_phones set status = 'available' where id = (select min(id) from loaner_phones where status = 'lent')`,
  event_stats: `update event_stats set confirmed = confirmed + 1 where rowid = (select min(rowid) from event_stats where registrations > 0)`,
  participation: `update participation set events_attended = events_attended + 1 where rowid = (select min(rowid) from participation where events_attended > 0)`,
};

function offending(query: string): unknown[] {
  return db.prepare(query).all();
}

describe('the consistency checks', () => {
  it('find nothing in a consistent database', () => {
    for (const check of CONSISTENCY_CHECKS) expect(offending(check.query), check.name).toEqual([]);
  });

  it.each(CONSISTENCY_CHECKS.map((c) => [c.name, c] as const))('%s: finds the row that breaks its rule, and only that check does', (name, check) => {
    expect(Object.keys(BREAKAGES)).toContain(name);
    db.exec('begin');
    try {
      db.exec(BREAKAGES[name]!);
      expect(offending(check.query).length).toBeGreaterThan(0);
      const others = CONSISTENCY_CHECKS.filter((c) => c !== check && offending(c.query).length > 0).map((c) => c.name);
      expect(others).toEqual([]);
    } finally {
      db.exec('rollback');
    }
  });
});
