import Database from 'better-sqlite3';
import { and, eq } from 'drizzle-orm';
import pg from 'pg';
import { getReader, withTransaction } from '@/db/client';
import { dialectOf } from '@/db/dialect';
import { customers, events, registrations } from '@/db/schema';
import { CLUB_CODES, EVENT_KINDS_BY_CLUB, type Segment } from '@/lib/domain/types';
import { DAY, HOUR, shanghaiInstant, shanghaiYear } from '@/lib/domain/time';
import { newShortCode, newTicketSecret } from '@/lib/domain/ticket-codes';
import { PROVINCES } from './reference';

/**
 * Fixtures for `npm run bench`, written straight into a migrated database (the use-cases would
 * take minutes at this size): the storm's thousands of customers with each engine's fastest means,
 * the smaller ones through the app's own handle. Balances still move only through ledger rows: the
 * triggers apply them.
 */
function open(file: string) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

function insertCustomers(db: Database.Database, count: number, provinceCode: (i: number) => string, points: number, offset = 0): number[] {
  const customer = db.prepare(`insert into customers (mobile, name, segment, province_code, status, created_at) values (?, ?, ?, ?, 'active', ?) returning id`);
  const grant = db.prepare(`insert into points_ledger (customer_id, delta, reason, created_at) values (?, ?, 'grant', ?)`);
  const ids: number[] = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const n = offset + i;
    const segment = n % 10 === 0 ? 'postpaid_vip' : 'postpaid';
    // 199: a number range no demo or national dataset customer uses.
    const { id } = customer.get(`199${String(n).padStart(8, '0')}`, `压测客户${n}`, segment, provinceCode(n), now) as { id: number };
    if (points > 0) grant.run(id, points, now);
    ids.push(id);
  }
  return ids;
}

/**
 * The registration storm: `contenders` postpaid members of the Guangdong film club with enough
 * points, one published points event with `seats` seats open for registration now, and a smaller
 * warm-up event of the same kind for the server's JIT to settle on before measuring.
 */
function seedStormFixture(file: string, options: { contenders: number; seats: number; pricePoints: number; firstCustomer?: number }): { eventId: number; warmupEventId: number; customerIds: number[] } {
  const db = open(file);
  try {
    return db.transaction(() => {
      const now = Date.now();
      // Storms added to an existing database (the national dataset) take the next free numbers.
      const first = options.firstCustomer ?? (db.prepare(`select count(*) as n from customers where mobile like '199%'`).get() as { n: number }).n;
      const customerIds = insertCustomers(db, options.contenders, () => '440000', options.pricePoints * 10, first);
      const membership = db.prepare(`insert into memberships (customer_id, club_code, province_code, joined_at, join_channel, created_at) values (?, 'film', '440000', ?, 'hall', ?)`);
      for (const id of customerIds) membership.run(id, now - DAY, now - DAY);
      const startsAt = now + 10 * DAY;
      const event = db.prepare(
        `insert into events (club_code, province_code, kind, title_zh, title_en, venue, starts_at, ends_at, capacity, reg_opens_at, reg_closes_at,
           price_type, price_points, eligible_segments, status, published_at, created_at)
         values ('film', '440000', 'film_premiere', ?, ?, '广州天河城飞扬影城', ?, ?, ?, ?, ?, 'points', ?, ?, 'published', ?, ?) returning id`,
      );
      const create = (zh: string, en: string, seats: number) =>
        (event.get(zh, en, startsAt, startsAt + 2 * HOUR, seats, now - HOUR, startsAt - DAY, options.pricePoints, JSON.stringify(['prepaid', 'postpaid', 'postpaid_vip']), now - 2 * HOUR, now - 2 * HOUR) as { id: number }).id;
      return {
        eventId: create('新片抢先看：压测专场', 'Premiere preview: load test', options.seats),
        warmupEventId: create('影迷交流会：压测热身', "Film fans' meetup: warm-up", Math.ceil(options.seats / 5)),
        customerIds,
      };
    })();
  } finally {
    db.close();
  }
}

/** Rows per multi-row insert: well inside both engines' limits on bound parameters. */
const BATCH = 200;

/**
 * A year of the compliance matrix at full size: every province and club with `perCell` events
 * spread over the year (Beijing time); past ones completed with attendees, the rest published.
 * Through the app's own handle, on either engine (a few thousand rows, in batches).
 */
export async function seedMatrixYear(perCell: number, now = Date.now()): Promise<{ year: number; events: number }> {
  const year = shanghaiYear(now);
  return withTransaction(async (tx) => {
    const attendees = (
      await tx
        .insert(customers)
        .values(
          Array.from({ length: PROVINCES.length * 5 }, (_, i) => ({
            mobile: `199${String(500_000 + i).padStart(8, '0')}`,
            name: `压测客户${500_000 + i}`,
            segment: 'postpaid' as const,
            provinceCode: PROVINCES[i % PROVINCES.length]!.code,
            createdAt: now,
          })),
        )
        .returning({ id: customers.id })
    ).map((c) => c.id);
    const planned = PROVINCES.flatMap((province, p) =>
      CLUB_CODES.flatMap((club) =>
        Array.from({ length: perCell }, (_, i) => {
          const day = 1 + Math.floor(((i + 0.5) / perCell) * 360);
          const startsAt = shanghaiInstant(year, 1, 1, 14) + (day - 1) * DAY;
          const done = startsAt + 3 * HOUR < now;
          return {
            p,
            done,
            row: {
              clubCode: club,
              provinceCode: province.code,
              kind: EVENT_KINDS_BY_CLUB[club][0]!,
              titleZh: `${province.nameZh}${club}活动${i + 1}`,
              venue: '营业厅',
              startsAt,
              endsAt: startsAt + 2 * HOUR,
              capacity: 100,
              regOpensAt: startsAt - 20 * DAY,
              regClosesAt: startsAt - DAY,
              eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'] as Segment[],
              status: done ? ('completed' as const) : ('published' as const),
              publishedAt: startsAt - 30 * DAY,
              completedAt: done ? startsAt + 3 * HOUR : null,
              createdAt: startsAt - 30 * DAY,
            },
          };
        }),
      ),
    );
    for (let i = 0; i < planned.length; i += BATCH) {
      const batch = planned.slice(i, i + BATCH);
      const ids = await tx.insert(events).values(batch.map((e) => e.row)).returning({ id: events.id });
      const attended = batch.flatMap((e, j) =>
        e.done
          ? Array.from({ length: 5 }, (_, a) => ({
              eventId: ids[j]!.id,
              customerId: attendees[e.p + a * PROVINCES.length]!,
              status: 'attended' as const,
              channel: 'web' as const,
              ticketSecret: newTicketSecret(),
              shortCode: newShortCode(),
              createdAt: e.row.startsAt - 5 * DAY,
              checkedInAt: e.row.startsAt,
            }))
          : [],
      );
      if (attended.length > 0) await tx.insert(registrations).values(attended);
    }
    return { year, events: planned.length };
  });
}

/**
 * The storm fixture (seedStormFixture) on PostgreSQL, where `target` is DATABASE_URL: the same
 * rows, written a few statements at a time (one row per round trip would take minutes).
 */
async function seedStormFixturePostgres(
  target: string,
  options: { contenders: number; seats: number; pricePoints: number; firstCustomer?: number },
): Promise<{ eventId: number; warmupEventId: number; customerIds: number[] }> {
  const client = new pg.Client({ connectionString: target });
  await client.connect();
  try {
    await client.query('begin');
    const now = Date.now();
    const first = options.firstCustomer ?? Number((await client.query(`select count(*) as n from customers where mobile like '199%'`)).rows[0].n);
    const inserted = await client.query<{ id: string; mobile: string }>(
      `insert into customers (mobile, name, segment, province_code, status, created_at)
       select '199' || lpad(n::text, 8, '0'), '压测客户' || n, case when n % 10 = 0 then 'postpaid_vip' else 'postpaid' end, '440000', 'active', $3
       from generate_series($1::bigint, $1::bigint + $2::bigint - 1) n returning id, mobile`,
      [first, options.contenders, now],
    );
    const customerIds = inserted.rows.sort((a, b) => a.mobile.localeCompare(b.mobile)).map((r) => Number(r.id));
    await client.query(`insert into points_ledger (customer_id, delta, reason, created_at) select id, $2, 'grant', $3 from unnest($1::bigint[]) id`, [customerIds, options.pricePoints * 10, now]);
    await client.query(
      `insert into memberships (customer_id, club_code, province_code, joined_at, join_channel, created_at) select id, 'film', '440000', $2, 'hall', $2 from unnest($1::bigint[]) id`,
      [customerIds, now - DAY],
    );
    const startsAt = now + 10 * DAY;
    const create = async (zh: string, en: string, seats: number) =>
      Number(
        (
          await client.query(
            `insert into events (club_code, province_code, kind, title_zh, title_en, venue, starts_at, ends_at, capacity, reg_opens_at, reg_closes_at,
               price_type, price_points, eligible_segments, status, published_at, created_at)
             values ('film', '440000', 'film_premiere', $1, $2, '广州天河城飞扬影城', $3, $4, $5, $6, $7, 'points', $8, $9, 'published', $10, $10) returning id`,
            [zh, en, startsAt, startsAt + 2 * HOUR, seats, now - HOUR, startsAt - DAY, options.pricePoints, JSON.stringify(['prepaid', 'postpaid', 'postpaid_vip']), now - 2 * HOUR],
          )
        ).rows[0].id,
      );
    const eventId = await create('新片抢先看：压测专场', 'Premiere preview: load test', options.seats);
    const warmupEventId = await create('影迷交流会：压测热身', "Film fans' meetup: warm-up", Math.ceil(options.seats / 5));
    await client.query('commit');
    return { eventId, warmupEventId, customerIds };
  } finally {
    await client.end();
  }
}

/** The storm's checks, one query each; `?` is the event. Plain SQL both engines read alike. */
const STORM_CHECKS = {
  confirmed: `select count(*) n from registrations where event_id = ? and status = 'confirmed'`,
  waitlisted: `select count(*) n from registrations where event_id = ? and status = 'waitlisted'`,
  customersRegisteredTwice: `select count(*) n from (select customer_id from registrations where event_id = ? and status <> 'cancelled' group by customer_id having count(*) > 1) twice`,
  chargedTwice: `select count(*) n from (select ref_id from points_ledger where reason = 'registration' and ref_id in (select id from registrations where event_id = ?) group by ref_id having count(*) > 1) twice`,
  balancesOff: `select count(*) n from customers c where points_balance < 0 or prepaid_balance_fen < 0
    or points_balance <> (select coalesce(sum(delta), 0) from points_ledger where customer_id = c.id)
    or prepaid_balance_fen <> (select coalesce(sum(delta_fen), 0) from prepaid_ledger where customer_id = c.id)`,
} as const;

type StormOutcome = Record<keyof typeof STORM_CHECKS, number>;

/** What a storm left behind: seats taken, waiting entries, and whether money and points add up. `target` is DATABASE_URL's value. */
export async function checkStormOutcome(target: string, eventId: number): Promise<StormOutcome> {
  const checks = Object.entries(STORM_CHECKS) as [keyof StormOutcome, string][];
  if (dialectOf(target) === 'postgres') {
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      const outcome = {} as StormOutcome;
      for (const [name, query] of checks) {
        const params = query.includes('?') ? [eventId] : [];
        outcome[name] = Number((await client.query(query.replace('?', '$1'), params)).rows[0].n);
      }
      return outcome;
    } finally {
      await client.end();
    }
  }
  const db = new Database(target, { readonly: true });
  try {
    return Object.fromEntries(checks.map(([name, query]) => [name, (db.prepare(query).get(...(query.includes('?') ? [eventId] : [])) as { n: number }).n])) as StormOutcome;
  } finally {
    db.close();
  }
}

/** Moves an event so that it starts in an hour, with registration closed: its doors are open now. */
export async function openDoorsOf(eventId: number): Promise<void> {
  const startsAt = Date.now() + HOUR;
  await withTransaction((tx) =>
    tx.update(events).set({ regOpensAt: startsAt - 2 * DAY, regClosesAt: startsAt - 60_000, startsAt, endsAt: startsAt + 2 * HOUR }).where(eq(events.id, eventId)),
  );
}

/** The short codes of an event's confirmed registrations. */
export async function shortCodesOf(eventId: number): Promise<string[]> {
  const rows = await getReader()
    .select({ code: registrations.shortCode })
    .from(registrations)
    .where(and(eq(registrations.eventId, eventId), eq(registrations.status, 'confirmed')));
  return rows.map((r) => r.code);
}

/** The storm fixture on the engine `target` (DATABASE_URL's value) names. */
export async function stormFixture(target: string, options: { contenders: number; seats: number; pricePoints: number; firstCustomer?: number }) {
  return dialectOf(target) === 'postgres' ? seedStormFixturePostgres(target, options) : seedStormFixture(target, options);
}
