import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTempDatabase } from '@/tests/temp-database';
import { CONSISTENCY_CHECKS } from './consistency';
import { DIALECT } from './dialect';

/**
 * The triggers of db/migrations-pg (0001_triggers, 0002_membership_segment_lock) with two writers
 * at once, each on a connection of its own, interleaved on purpose: the first holds its transaction
 * open while the second writes, then commits. SQLite runs one writer at a time: nothing to interleave.
 */
describe.skipIf(DIALECT !== 'postgres')('triggers with concurrent writers (PostgreSQL only: SQLite has one writer)', () => {
  withTempDatabase();
  let first: pg.Client;
  let second: pg.Client;
  let watcher: pg.Client;
  let customerId: number;

  const connect = async () => {
    const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    return client;
  };

  /** Resolves once `client`'s backend waits for a lock, so that the other may then commit. */
  async function waitingForLock(client: pg.Client): Promise<void> {
    const pid = (client as unknown as { processID: number }).processID;
    for (let i = 0; i < 200; i++) {
      const { rows } = await watcher.query(`select 1 from pg_stat_activity where pid = $1 and wait_event_type = 'Lock'`, [pid]);
      if (rows.length > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('the second writer never waited for the first');
  }

  const broken = async (name: string) => watcher.query(CONSISTENCY_CHECKS.find((c) => c.name === name)!.query).then((r) => r.rows);
  const segmentsOf = async (id: number) =>
    (await watcher.query(`select c.segment as customer, m.segment as membership from memberships m join customers c on c.id = m.customer_id where c.id = $1`, [id])).rows;

  beforeAll(async () => {
    [first, second, watcher] = await Promise.all([connect(), connect(), connect()]);
    const { rows } = await watcher.query(`insert into customers (mobile, name, segment, province_code, created_at) values ('18609990001', '并发', 'prepaid', '440000', 0) returning id`);
    customerId = Number(rows[0].id);
  });

  afterAll(async () => {
    await Promise.all([first, second, watcher].map((c) => c?.end()));
  });

  const joinClub = (client: pg.Client, club: string) =>
    client.query(`insert into memberships (customer_id, club_code, province_code, joined_at, join_channel, created_at) values ($1, $2, '440000', 0, 'web', 0)`, [customerId, club]);
  const setSegment = (client: pg.Client, segment: string) => client.query(`update customers set segment = $1 where id = $2`, [segment, customerId]);

  it("copies the customer's segment onto a membership joined while the segment changes, whichever commits first", async () => {
    // The membership first: the segment change waits for it, then copies the new segment onto it.
    await first.query('begin');
    await joinClub(first, 'music');
    await second.query('begin');
    const change = setSegment(second, 'postpaid');
    await waitingForLock(second);
    await first.query('commit');
    await change;
    await second.query('commit');
    expect(await segmentsOf(customerId)).toEqual([{ customer: 'postpaid', membership: 'postpaid' }]);

    // The segment change first: the membership waits for it, then reads the committed segment.
    await first.query('begin');
    await setSegment(first, 'postpaid_vip');
    await second.query('begin');
    const join = joinClub(second, 'film');
    await waitingForLock(second);
    await first.query('commit');
    await join;
    await second.query('commit');
    expect(await segmentsOf(customerId)).toEqual([
      { customer: 'postpaid_vip', membership: 'postpaid_vip' },
      { customer: 'postpaid_vip', membership: 'postpaid_vip' },
    ]);
    expect(await broken('membership_segments')).toEqual([]);
  });

  it("refuses the second of two writers taking an event's last seat, with SQLite's text, and counts one", async () => {
    const at = Date.UTC(2027, 5, 1);
    const { rows } = await watcher.query(
      `insert into events (club_code, province_code, kind, title_zh, venue, starts_at, ends_at, capacity, reg_opens_at, reg_closes_at, eligible_segments, created_at)
       values ('music', '440000', 'music_fan_event', '最后一座', '广州', $1, $2, 1, $3, $4, '["prepaid", "postpaid", "postpaid_vip"]', 0) returning id`,
      [at, at + 1, at - 2, at - 1],
    );
    const eventId = Number(rows[0].id);
    const other = await watcher.query(`insert into customers (mobile, name, segment, province_code, created_at) values ('18609990002', '并发二', 'prepaid', '440000', 0) returning id`);
    const register = (client: pg.Client, who: number, code: string) =>
      client.query(
        `insert into registrations (event_id, customer_id, status, channel, ticket_secret, short_code, created_at) values ($1, $2, 'confirmed', 'web', $3, $3, 0)`,
        [eventId, who, code],
      );

    await first.query('begin');
    await register(first, customerId, 'SEAT01');
    await second.query('begin');
    const late = register(second, Number(other.rows[0].id), 'SEAT02').then(
      () => 'written',
      (error: Error) => error.message,
    );
    await waitingForLock(second);
    await first.query('commit');
    expect(await late).toBe('an event cannot hold more seats than its capacity');
    await second.query('rollback');

    const counters = (await watcher.query(`select seats_taken, waitlisted from events where id = $1`, [eventId])).rows[0];
    expect(counters).toEqual({ seats_taken: '1', waitlisted: '0' });
    for (const name of ['seats', 'event_stats', 'ledgers']) expect(await broken(name), name).toEqual([]);
  });
});
