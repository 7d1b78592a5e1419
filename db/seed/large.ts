import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { TZDate } from '@date-fns/tz';
import {
  CLUB_CODES,
  SEGMENTS,
  TIME_ZONE,
  type ActivityKind,
  type Channel,
  type ClubCode,
  type CustomerStatus,
  type EventStatus,
  type PriceType,
  type RegistrationStatus,
  type Segment,
} from '@/lib/domain/types';
import { DAY, HOUR, shanghaiInstant } from '@/lib/domain/time';
import { newShortCode } from '@/lib/domain/ticket-codes';
import { DEMO_PROVINCES, EVENT_TEMPLATES, GIVEN_NAME_CHARS, SURNAMES, UNICOM_PREFIXES } from './demo-data';
import { dialectOf } from '../dialect';
import { PROVINCES } from './reference';
import { createRandom, type Random } from './random';

/**
 * The national-scale dataset behind `npm run seed:large`: customers over all 31 provinces, their
 * club memberships, two years of events, registrations with attendance, payments, refunds and the
 * activity record, for measuring queries at the size of a national operator.
 *
 * It writes with prepared better-sqlite3 statements (on PostgreSQL, multi-row INSERTs of a thousand
 * rows: db/seed/large-postgres.ts) in large transactions instead of the drizzle use-cases, which
 * would take hours at this size. The database's own rules still hold because the
 * triggers and constraints run on every row: balances move only through ledger rows, and a ledger
 * row that overdraws a balance aborts the load. Everything derives from `seed` and `now`, except
 * ticket secrets and short codes: they are credentials, so they come from crypto randomness as in
 * production. A run that fails leaves an incomplete database, without some of its indexes: delete
 * it and generate again.
 */
export interface LargeDatasetOptions {
  /**
   * The SQLite file, or a PostgreSQL database's postgres:// URL; migrations and reference data must
   * already be applied, with no customers yet.
   */
  file: string;
  customers?: number;
  memberships?: number;
  events?: number;
  /** A target: events with too few eligible members, or members short of points, can leave it a little short. */
  registrations?: number;
  seed?: number;
  /** The instant the dataset is built around; defaults to the start of today in Asia/Shanghai. */
  now?: number;
  /** Rows per transaction. */
  batchSize?: number;
  /** Called as each phase ends, for progress output. */
  onPhase?: (phase: LargeDatasetPhase) => void;
}

export interface LargeDatasetPhase {
  name: string;
  ms: number;
  rows: number;
}

export interface LargeDatasetSummary {
  customers: number;
  memberships: number;
  events: number;
  registrations: number;
  phases: LargeDatasetPhase[];
}

export const LARGE_DATASET_DEFAULTS = {
  customers: 1_000_000,
  memberships: 300_000,
  events: 12_000,
  registrations: 2_000_000,
  // China Unicom received its 3G (WCDMA) licence on 7 January 2009.
  seed: 20090107,
  batchSize: 500_000,
} as const;

const MINUTE = 60 * 1000;
const YEAR = 365 * DAY;
const PAST_EVENT_DAYS = 547;
const FUTURE_EVENT_DAYS = 182;
const MEMBERSHIP_HISTORY = 3 * YEAR;
const LEAVE_SHARE = 0.08;
const REJOIN_SHARE = 0.3;
const CANCELLED_EVENT_SHARE = 0.03;
const VIP_WINDOW_SHARE = 0.4;
const SELF_CANCEL_SHARE = 0.05;
const ATTENDANCE_SHARE = 0.8;
const WAITLIST_MAX = 8;

/**
 * Population in 10,000s (2020 census) as each province's share of customers, and the cities its
 * events take place in. The six demo provinces use the demo's cities and venues.
 */
const PROVINCE_PROFILES: Record<string, { population: number; cities?: readonly string[] }> = {
  '110000': { population: 2189 },
  '120000': { population: 1387, cities: ['天津'] },
  '130000': { population: 7461, cities: ['石家庄', '唐山'] },
  '140000': { population: 3492, cities: ['太原'] },
  '150000': { population: 2405, cities: ['呼和浩特', '包头'] },
  '210000': { population: 4259, cities: ['沈阳', '大连'] },
  '220000': { population: 2407, cities: ['长春'] },
  '230000': { population: 3185, cities: ['哈尔滨'] },
  '310000': { population: 2487 },
  '320000': { population: 8475 },
  '330000': { population: 6457 },
  '340000': { population: 6103, cities: ['合肥'] },
  '350000': { population: 4154, cities: ['福州', '厦门'] },
  '360000': { population: 4519, cities: ['南昌'] },
  '370000': { population: 10153, cities: ['济南', '青岛'] },
  '410000': { population: 9937, cities: ['郑州', '洛阳'] },
  '420000': { population: 5775, cities: ['武汉'] },
  '430000': { population: 6644, cities: ['长沙'] },
  '440000': { population: 12601 },
  '450000': { population: 5013, cities: ['南宁', '桂林'] },
  '460000': { population: 1008, cities: ['海口', '三亚'] },
  '500000': { population: 3205, cities: ['重庆'] },
  '510000': { population: 8367 },
  '520000': { population: 3856, cities: ['贵阳'] },
  '530000': { population: 4721, cities: ['昆明'] },
  '540000': { population: 365, cities: ['拉萨'] },
  '610000': { population: 3953, cities: ['西安'] },
  '620000': { population: 2502, cities: ['兰州'] },
  '630000': { population: 592, cities: ['西宁'] },
  '640000': { population: 720, cities: ['银川'] },
  '650000': { population: 2585, cities: ['乌鲁木齐'] },
};

const VENUE_PATTERNS = ['中国联通{city}营业厅3G体验区', '{city}联通3G品牌店', '{city}大剧院小剧场', '{city}影城会员厅'];

/** Music draws the most members, as the plan expects of its flagship club. */
const CLUB_WEIGHTS: Record<ClubCode, number> = { music: 35, film: 25, gaming: 20, handset: 20 };
const JOIN_CHANNELS: readonly Channel[] = ['hall', 'hall', 'hall', 'hotline', 'hotline', 'online', 'sms', 'mobile', 'mobile', 'web'];
const REGISTRATION_CHANNELS: readonly Channel[] = ['web', 'web', 'web', 'mobile', 'mobile', 'hall', 'hotline', 'online', 'sms'];
const FEES_FEN = [1000, 2000, 3000, 5000];
const PRICES_POINTS = [200, 300, 500, 800, 1000];
const ALL_SEGMENTS_JSON = JSON.stringify(SEGMENTS);

interface City {
  zh: string;
  /** English names only for the demo's venues: the other cities have no English name here. */
  venues: ReadonlyArray<{ zh: string; en: string | null }>;
}

interface Province {
  code: string;
  population: number;
  cities: readonly City[];
}

function nationalProvinces(): Province[] {
  return PROVINCES.map(({ code }) => {
    const profile = PROVINCE_PROFILES[code];
    if (!profile) throw new Error(`seed:large: no population for province ${code}`);
    const demo = DEMO_PROVINCES.find((p) => p.code === code);
    const cities = demo?.cities ?? (profile.cities ?? []).map((zh) => ({ zh, venues: VENUE_PATTERNS.map((v) => ({ zh: v.replace('{city}', zh), en: null })) }));
    if (cities.length === 0) throw new Error(`seed:large: no cities for province ${code}`);
    return { code, population: profile.population, cities };
  });
}

function weightedIndex(weights: readonly number[]): (r: Random) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return (r) => {
    const x = r.next() * total;
    let i = 0;
    while (i < cumulative.length - 1 && cumulative[i]! <= x) i++;
    return i;
  };
}

/**
 * A unique Unicom number for customer `index`: the prefix cycles through the ranges, and an affine
 * map that is a bijection modulo 10^8 (its factor is prime to 10) scatters the eight digits after it.
 */
function mobileNumber(index: number): string {
  const prefix = UNICOM_PREFIXES[index % UNICOM_PREFIXES.length]!;
  const serial = Math.floor(index / UNICOM_PREFIXES.length);
  return prefix + String((serial * 61_803_399 + 20_090_107) % 100_000_000).padStart(8, '0');
}

function randomName(r: Random): string {
  const given = r.chance(0.35) ? r.pick(GIVEN_NAME_CHARS) : r.pick(GIVEN_NAME_CHARS) + r.pick(GIVEN_NAME_CHARS);
  return r.pick(SURNAMES) + given;
}

function startOfShanghaiDay(instant: number): number {
  const d = new TZDate(instant, TIME_ZONE);
  return shanghaiInstant(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

/** The rows the generator writes, by table; both engines' loaders insert these columns in this order. */
export const BULK_INSERTS = {
  customer: { table: 'customers', columns: ['id', 'mobile', 'name', 'segment', 'province_code', 'status', 'created_at'] },
  points: { table: 'points_ledger', columns: ['customer_id', 'delta', 'reason', 'ref_type', 'ref_id', 'note', 'created_at'] },
  prepaid: { table: 'prepaid_ledger', columns: ['customer_id', 'delta_fen', 'reason', 'ref_type', 'ref_id', 'note', 'created_at'] },
  membership: {
    table: 'memberships',
    columns: ['id', 'customer_id', 'club_code', 'province_code', 'joined_at', 'join_channel', 'left_at', 'leave_channel', 'created_at'],
  },
  event: {
    table: 'events',
    columns: [
      'id', 'club_code', 'province_code', 'kind', 'title_zh', 'title_en', 'description_zh', 'description_en', 'venue', 'venue_en', 'city',
      'starts_at', 'ends_at', 'capacity', 'reg_opens_at', 'reg_closes_at', 'vip_opens_at', 'price_type', 'price_fen', 'price_points',
      'eligible_segments', 'status', 'created_at', 'updated_at', 'published_at', 'cancelled_at', 'completed_at',
    ],
  },
  registration: {
    table: 'registrations',
    columns: [
      'id', 'event_id', 'customer_id', 'status', 'channel', 'paid_points', 'paid_fen', 'refunded_at', 'waitlist_rank',
      'ticket_secret', 'short_code', 'created_at', 'confirmed_at', 'cancelled_at', 'checked_in_at', 'updated_at', 'segment',
    ],
  },
  charge: { table: 'charges', columns: ['customer_id', 'registration_id', 'amount_fen', 'description', 'created_at'] },
  activity: {
    table: 'activities',
    columns: ['customer_id', 'kind', 'club_code', 'event_id', 'ref_type', 'ref_id', 'channel', 'occurred_at', 'created_at'],
  },
} as const;

export type BulkKind = keyof typeof BULK_INSERTS;
export type BulkValue = string | number | null;
export type Statements = Record<BulkKind, { run: (...values: BulkValue[]) => void }>;

function prepareStatements(db: Database.Database): Statements {
  const entries = Object.entries(BULK_INSERTS).map(([kind, { table, columns }]) => {
    const statement = db.prepare(`insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`);
    return [kind, { run: (...values: BulkValue[]) => void statement.run(...values) }];
  });
  return Object.fromEntries(entries) as Statements;
}


/**
 * Counts the rows written and commits every `size` of them: one transaction per row would be a
 * thousand times slower. On PostgreSQL `add` also sends the rows gathered so far (a promise).
 */
export interface Batcher {
  add(rows: number): void | Promise<void>;
  finish(): void | Promise<void>;
  readonly total: number;
}

function createBatcher(db: Database.Database, size: number): Batcher {
  let pending = 0;
  let total = 0;
  db.exec('BEGIN IMMEDIATE');
  return {
    add(rows: number) {
      pending += rows;
      total += rows;
      if (pending >= size) {
        db.exec('COMMIT');
        db.exec('BEGIN IMMEDIATE');
        pending = 0;
      }
    },
    finish() {
      db.exec('COMMIT');
    },
    get total() {
      return total;
    },
  };
}

interface Context {
  now: number;
  stmt: Statements;
  batch: Batcher;
  ticketSecret: () => string;
  provinces: Province[];
  /** An independent stream per phase, so that changing one count leaves the earlier phases as they were. */
  random: (phase: number) => Random;
}

/** What later phases need to know of each customer, by index (id - 1). */
interface People {
  count: number;
  province: Uint8Array;
  segment: Uint8Array;
  active: Uint8Array;
  createdAt: Float64Array;
  points: Float64Array;
  prepaidFen: Float64Array;
}

const SEGMENT_INDEX = { prepaid: 0, postpaid: 1, postpaid_vip: 2 } as const satisfies Record<Segment, number>;

async function generateCustomers(ctx: Context, count: number): Promise<People> {
  const r = ctx.random(1);
  const { now, stmt, batch } = ctx;
  const pickProvince = weightedIndex(ctx.provinces.map((p) => p.population));
  const people: People = {
    count,
    province: new Uint8Array(count),
    segment: new Uint8Array(count),
    active: new Uint8Array(count),
    createdAt: new Float64Array(count),
    points: new Float64Array(count),
    prepaidFen: new Float64Array(count),
  };
  for (let i = 0; i < count; i++) {
    const id = i + 1;
    const province = pickProvince(r);
    const segmentRoll = r.next();
    const segment: Segment = segmentRoll < 0.3 ? 'prepaid' : segmentRoll < 0.8 ? 'postpaid' : 'postpaid_vip';
    const statusRoll = r.next();
    const status: CustomerStatus = statusRoll < 0.92 ? 'active' : statusRoll < 0.97 ? 'suspended' : 'closed';
    const createdAt = r.between(now - 6 * YEAR, now - 30 * DAY);
    stmt.customer.run(id, mobileNumber(i), randomName(r), segment, ctx.provinces[province]!.code, status, createdAt);
    let rows = 1;
    if (r.chance(0.6)) {
      const points = segment === 'postpaid_vip' ? r.int(3000, 30000) : r.int(100, 8000);
      stmt.points.run(id, points, 'grant', null, null, null, createdAt);
      people.points[i] = points;
      rows++;
    }
    if (segment === 'prepaid') {
      const fen = r.int(10, 200) * 100;
      stmt.prepaid.run(id, fen, 'topup', null, null, null, createdAt);
      people.prepaidFen[i] = fen;
      rows++;
    }
    people.province[i] = province;
    people.segment[i] = SEGMENT_INDEX[segment];
    people.active[i] = status === 'active' ? 1 : 0;
    people.createdAt[i] = createdAt;
    await batch.add(rows);
  }
  return people;
}

/** Memberships grouped by province and club ("bucket"), each group sorted by joining time. */
interface Members {
  customer: Int32Array;
  joinedAt: Float64Array;
  /** Infinity while the membership is open. */
  leftAt: Float64Array;
  buckets: Array<{ members: Int32Array; joinedAt: Float64Array }>;
  largestBucket: number;
}

const bucketOf = (province: number, club: number) => province * CLUB_CODES.length + club;

async function generateMemberships(ctx: Context, people: People, count: number): Promise<Members> {
  const r = ctx.random(2);
  const { now, stmt, batch } = ctx;
  const pickClub = weightedIndex(CLUB_CODES.map((c) => CLUB_WEIGHTS[c]));
  const members: Members = {
    customer: new Int32Array(count),
    joinedAt: new Float64Array(count),
    leftAt: new Float64Array(count),
    buckets: [],
    largestBucket: 0,
  };
  const bucket = new Int32Array(count);
  const taken = new Set<number>();
  let n = 0;
  const write = async (customer: number, club: number, joinedAt: number, leftAt: number | null) => {
    const id = n + 1;
    const clubCode = CLUB_CODES[club]!;
    const channel = r.pick(JOIN_CHANNELS);
    const leaveChannel = leftAt === null ? null : r.pick(REGISTRATION_CHANNELS);
    stmt.membership.run(id, customer + 1, clubCode, ctx.provinces[people.province[customer]!]!.code, joinedAt, channel, leftAt, leaveChannel, joinedAt);
    stmt.activity.run(customer + 1, 'joined', clubCode, null, 'membership', id, channel, joinedAt, joinedAt);
    if (leftAt !== null) stmt.activity.run(customer + 1, 'left', clubCode, null, 'membership', id, leaveChannel, leftAt, leftAt);
    await batch.add(leftAt === null ? 2 : 3);
    members.customer[n] = customer;
    members.joinedAt[n] = joinedAt;
    members.leftAt[n] = leftAt ?? Infinity;
    bucket[n] = bucketOf(people.province[customer]!, club);
    n++;
  };
  while (n < count) {
    const customer = r.int(0, people.count - 1);
    const club = pickClub(r);
    const key = customer * CLUB_CODES.length + club;
    if (taken.has(key)) continue;
    taken.add(key);
    const joinedAt = r.between(Math.max(people.createdAt[customer]!, now - MEMBERSHIP_HISTORY), now - HOUR);
    const leftAt = r.chance(LEAVE_SHARE) ? r.between(joinedAt + MINUTE, now) : null;
    await write(customer, club, joinedAt, leftAt);
    // Some come back: their history then holds a closed period and an open one.
    if (leftAt !== null && leftAt < now - HOUR && n < count && r.chance(REJOIN_SHARE)) await write(customer, club, r.between(leftAt + MINUTE, now), null);
  }

  const sizes = new Int32Array(ctx.provinces.length * CLUB_CODES.length);
  for (let m = 0; m < count; m++) sizes[bucket[m]!]!++;
  const lists = Array.from(sizes, (size) => ({ members: new Int32Array(size), filled: 0 }));
  for (let m = 0; m < count; m++) {
    const list = lists[bucket[m]!]!;
    list.members[list.filled++] = m;
  }
  members.buckets = lists.map(({ members: list }) => {
    list.sort((a, b) => members.joinedAt[a]! - members.joinedAt[b]!);
    return { members: list, joinedAt: Float64Array.from(list, (m) => members.joinedAt[m]!) };
  });
  members.largestBucket = Math.max(0, ...sizes);
  return members;
}

interface PlannedEvent {
  id: number;
  bucket: number;
  club: ClubCode;
  startsAt: number;
  endsAt: number;
  capacity: number;
  regOpensAt: number;
  regClosesAt: number;
  vipOpensAt: number | null;
  priceType: PriceType;
  priceFen: number;
  pricePoints: number;
  status: EventStatus;
  cancelledAt: number | null;
  completedAt: number | null;
}

/** Splits `total` in proportion to `weights` (largest remainder), so the parts add up exactly. */
function apportion(total: number, weights: ArrayLike<number>): number[] {
  const sum = Array.from(weights).reduce((s, w) => s + w, 0);
  if (sum === 0) return Array.from(weights, () => 0);
  const exact = Array.from(weights, (w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  let left = total - parts.reduce((s, p) => s + p, 0);
  for (const { i } of order) {
    if (left-- <= 0) break;
    parts[i]!++;
  }
  return parts;
}

/**
 * Venues are sized to the local club: about 40% of its members at most, between 50 and 300 seats,
 * so that small provinces can fill their events and large ones run big fan events.
 */
function capacityFor(bucketSize: number, r: Random): number {
  const most = Math.min(30, Math.max(5, Math.floor((bucketSize * 0.4) / 10)));
  const least = Math.max(5, Math.round(most * 0.6));
  return 10 * r.int(least, most);
}

async function generateEvents(ctx: Context, members: Members, count: number): Promise<PlannedEvent[]> {
  const r = ctx.random(3);
  const { now, stmt, batch } = ctx;
  const today = startOfShanghaiDay(now);
  const perBucket = apportion(count, members.buckets.map((b) => b.members.length));
  const planned: Array<Omit<PlannedEvent, 'id'> & { write: (id: number) => void }> = [];
  perBucket.forEach((events, bucket) => {
    const province = ctx.provinces[Math.floor(bucket / CLUB_CODES.length)]!;
    const club = CLUB_CODES[bucket % CLUB_CODES.length]!;
    for (let k = 0; k < events; k++) {
      const template = r.pick(EVENT_TEMPLATES[club]);
      const city = r.pick(province.cities);
      // Asia/Shanghai has kept UTC+8 without daylight saving since 1991: every day is 24 hours.
      const day = today + r.int(-PAST_EVENT_DAYS, FUTURE_EVENT_DAYS) * DAY;
      const weekday = new TZDate(day, TIME_ZONE).getDay();
      const weekend = weekday === 0 || weekday === 6;
      const startsAt = day + (weekend ? 14 * HOUR : 19 * HOUR + 30 * MINUTE);
      const endsAt = startsAt + (weekend ? 3 : 2) * HOUR;
      const regOpensAt = startsAt - 21 * DAY;
      const regClosesAt = startsAt - DAY;
      const vipOpensAt = r.chance(VIP_WINDOW_SHARE) ? regOpensAt - 2 * DAY : null;
      const priceRoll = r.next();
      const priceType: PriceType = priceRoll < 0.45 ? 'free' : priceRoll < 0.8 ? 'points' : 'fee';
      const priceFen = priceType === 'fee' ? r.pick(FEES_FEN) : 0;
      const pricePoints = priceType === 'points' ? r.pick(PRICES_POINTS) : 0;
      const capacity = capacityFor(members.buckets[bucket]!.members.length, r);
      // A week before registration opens, but never after now: events far ahead were published lately.
      const publishedAt = Math.min((vipOpensAt ?? regOpensAt) - 7 * DAY, now - r.int(1, 14) * DAY);
      const createdAt = publishedAt - r.int(1, 14) * DAY;
      const cancelledAt = r.chance(CANCELLED_EVENT_SHARE) ? r.between(publishedAt, Math.min(startsAt, now)) : null;
      const ended = endsAt <= now;
      const completedAt = cancelledAt === null && ended ? Math.min(endsAt + 2 * HOUR, now) : null;
      const status: EventStatus = cancelledAt !== null ? 'cancelled' : ended ? 'completed' : 'published';
      const event = {
        bucket,
        club,
        startsAt,
        endsAt,
        capacity,
        regOpensAt,
        regClosesAt,
        vipOpensAt,
        priceType,
        priceFen,
        pricePoints,
        status,
        cancelledAt,
        completedAt,
      };
      const venue = r.pick(city.venues);
      const write = (id: number) =>
        stmt.event.run(
          id,
          club,
          province.code,
          template.kind,
          `${city.zh}·${template.zh}`,
          template.en,
          template.descZh,
          template.descEn,
          venue.zh,
          venue.en,
          city.zh,
          startsAt,
          endsAt,
          capacity,
          regOpensAt,
          regClosesAt,
          vipOpensAt,
          priceType,
          priceFen,
          pricePoints,
          ALL_SEGMENTS_JSON,
          status,
          createdAt,
          completedAt ?? cancelledAt ?? publishedAt,
          publishedAt,
          cancelledAt,
          completedAt,
        );
      planned.push({ ...event, write });
    }
  });
  // Ids in order of start, and registrations later in the same order, so that points and prepaid
  // balances are spent roughly in time order.
  planned.sort((a, b) => a.startsAt - b.startsAt || a.bucket - b.bucket);
  const written: PlannedEvent[] = [];
  for (const [i, { write, ...event }] of planned.entries()) {
    write(i + 1);
    await batch.add(1);
    written.push({ id: i + 1, ...event });
  }
  return written;
}

/** When members could register for an event, up to now; null when the window has not opened. */
function registrationWindow(event: PlannedEvent, now: number): { vipFrom: number; from: number; until: number } | null {
  const vipFrom = event.vipOpensAt ?? event.regOpensAt;
  const until = Math.min(event.regClosesAt, now, event.cancelledAt ?? Infinity);
  return until > vipFrom ? { vipFrom, from: event.regOpensAt, until } : null;
}

interface Registrant {
  customer: number;
  at: number;
  channel: Channel;
}

/**
 * Picks registrants at random among the members of the event's club in its province: active
 * customers whose membership was open at the moment they registered, once each, and able to pay.
 */
function pickRegistrants(
  r: Random,
  event: PlannedEvent,
  window: { vipFrom: number; from: number; until: number },
  wanted: number,
  people: People,
  members: Members,
  taken: Int32Array,
  scratch: Int32Array,
): Registrant[] {
  const bucket = members.buckets[event.bucket]!;
  let pool = 0;
  let high = bucket.joinedAt.length;
  while (pool < high) {
    const mid = (pool + high) >>> 1;
    if (bucket.joinedAt[mid]! < window.until) pool = mid + 1;
    else high = mid;
  }
  scratch.set(bucket.members.subarray(0, pool));
  const picked: Registrant[] = [];
  for (let j = 0; j < pool && picked.length < wanted; j++) {
    const k = j + Math.floor(r.next() * (pool - j));
    const m = scratch[k]!;
    scratch[k] = scratch[j]!;
    const customer = members.customer[m]!;
    if (!people.active[customer] || taken[customer] === event.id) continue;
    if (event.priceType === 'points' && people.points[customer]! < event.pricePoints) continue;
    if (event.priceType === 'fee' && people.segment[customer] === SEGMENT_INDEX.prepaid && people.prepaidFen[customer]! < event.priceFen) continue;
    const opens = people.segment[customer] === SEGMENT_INDEX.postpaid_vip ? window.vipFrom : window.from;
    const from = Math.max(opens, members.joinedAt[m]! + MINUTE);
    const until = Math.min(window.until, members.leftAt[m]!);
    if (from >= until) continue;
    taken[customer] = event.id;
    picked.push({ customer, at: r.between(from, until), channel: r.pick(REGISTRATION_CHANNELS) });
  }
  return picked.sort((a, b) => a.at - b.at || a.customer - b.customer);
}

async function generateRegistrations(ctx: Context, people: People, members: Members, events: PlannedEvent[], target: number): Promise<number> {
  const r = ctx.random(4);
  const { now, stmt, batch } = ctx;
  const taken = new Int32Array(people.count);
  const scratch = new Int32Array(members.largestBucket);
  const windows = events.map((e) => registrationWindow(e, now));
  // The most rows an event takes: its seats, the cancellations that freed some, a short waiting list.
  const most = events.map((e, i) =>
    windows[i] ? Math.ceil(e.capacity / (1 - SELF_CANCEL_SHARE)) + (e.status === 'published' ? WAITLIST_MAX : 0) : 0,
  );
  let roomLeft = most.reduce((s, n) => s + n, 0);
  let left = target;
  let nextId = 1;

  for (const [i, event] of events.entries()) {
    const window = windows[i];
    if (!window) continue;
    // What is still to be written is shared out over the room still ahead, so that later events
    // make up for those short of eligible members. Upcoming events take all they can: full events
    // with waiting lists are what operators handle every day, so the dataset has some at any scale.
    const share = roomLeft > 0 ? left / roomLeft : 0;
    roomLeft -= most[i]!;
    const demand = share >= 1 || event.status === 'published' ? 1 : share * (0.85 + 0.3 * r.next());
    const wanted = Math.min(most[i]!, left, Math.round(most[i]! * demand));
    if (wanted <= 0) continue;
    const registrants = pickRegistrants(r, event, window, wanted, people, members, taken, scratch);

    const shortCodes = new Set<string>();
    let seats = 0;
    const waitlist: Registrant[] = [];
    for (const registrant of registrants) {
      if (seats >= event.capacity) {
        if (event.status === 'published') waitlist.push(registrant);
        continue;
      }
      // A cancellation frees its seat for a later registrant.
      const selfCancelled = r.chance(SELF_CANCEL_SHARE);
      if (!selfCancelled) seats++;
      let shortCode: string;
      do shortCode = newShortCode();
      while (shortCodes.has(shortCode));
      shortCodes.add(shortCode);
      const cancelledAt = selfCancelled ? r.between(registrant.at, window.until) : event.cancelledAt;
      const attended = cancelledAt === null && event.status === 'completed' && r.chance(ATTENDANCE_SHARE);
      await writeSeat(ctx, people, event, registrant, {
        id: nextId++,
        status: cancelledAt !== null ? 'cancelled' : event.status === 'completed' ? (attended ? 'attended' : 'no_show') : 'confirmed',
        shortCode,
        cancelledAt,
        cancelledByEvent: !selfCancelled && cancelledAt !== null,
        checkedInAt: attended ? event.startsAt + r.int(-30, 40) * MINUTE : null,
      });
    }
    // VIPs first, then by time, as the waiting list is ordered.
    waitlist.sort((a, b) => vipFirst(people, a, b) || a.at - b.at);
    for (const [rank, registrant] of waitlist.entries()) {
      let shortCode: string;
      do shortCode = newShortCode();
      while (shortCodes.has(shortCode));
      shortCodes.add(shortCode);
      const id = nextId++;
      const customerId = registrant.customer + 1;
      stmt.registration.run(id, event.id, customerId, 'waitlisted', registrant.channel, 0, 0, null, rank + 1, ctx.ticketSecret(), shortCode, registrant.at, null, null, null, null, SEGMENTS[people.segment[registrant.customer]!]!);
      stmt.activity.run(customerId, 'waitlisted', event.club, event.id, 'registration', id, registrant.channel, registrant.at, registrant.at);
      await batch.add(2);
    }
    left -= shortCodes.size;
  }
  return nextId - 1;
}

function vipFirst(people: People, a: Registrant, b: Registrant): number {
  const vip = (x: Registrant) => (people.segment[x.customer] === SEGMENT_INDEX.postpaid_vip ? 0 : 1);
  return vip(a) - vip(b);
}

/**
 * Writes a registration that held a seat, with its payment, its refund when cancelled, and its
 * facts on the customer's activity record; keeps the in-memory balances in step with the ledgers.
 */
async function writeSeat(
  ctx: Context,
  people: People,
  event: PlannedEvent,
  registrant: Registrant,
  seat: { id: number; status: RegistrationStatus; shortCode: string; cancelledAt: number | null; cancelledByEvent: boolean; checkedInAt: number | null },
) {
  const { stmt, batch } = ctx;
  const { id, status, cancelledAt, checkedInAt } = seat;
  const c = registrant.customer;
  const customerId = c + 1;
  const at = registrant.at;
  const prepaid = people.segment[c] === SEGMENT_INDEX.prepaid;
  const paidPoints = event.pricePoints;
  const paidFen = event.priceFen;
  const refunded = cancelledAt !== null && (paidPoints > 0 || paidFen > 0);
  const noShowAt = status === 'no_show' ? event.completedAt : null;
  stmt.registration.run(
    id,
    event.id,
    customerId,
    status,
    registrant.channel,
    paidPoints,
    paidFen,
    refunded ? cancelledAt : null,
    null,
    ctx.ticketSecret(),
    seat.shortCode,
    at,
    at,
    cancelledAt,
    checkedInAt,
    cancelledAt ?? checkedInAt ?? noShowAt,
    SEGMENTS[people.segment[c]!]!,
  );
  let rows = 1;
  if (paidPoints > 0) {
    stmt.points.run(customerId, -paidPoints, 'registration', 'registration', id, null, at);
    people.points[c]! -= paidPoints;
    rows++;
    if (refunded) {
      stmt.points.run(customerId, paidPoints, 'refund', 'registration', id, null, cancelledAt);
      people.points[c]! += paidPoints;
      rows++;
    }
  } else if (paidFen > 0 && prepaid) {
    stmt.prepaid.run(customerId, -paidFen, 'registration', 'registration', id, null, at);
    people.prepaidFen[c]! -= paidFen;
    rows++;
    if (refunded) {
      stmt.prepaid.run(customerId, paidFen, 'refund', 'registration', id, null, cancelledAt);
      people.prepaidFen[c]! += paidFen;
      rows++;
    }
  } else if (paidFen > 0) {
    stmt.charge.run(customerId, id, paidFen, `活动报名费 #${event.id}`, at);
    rows++;
    if (refunded) {
      stmt.charge.run(customerId, id, -paidFen, `活动报名费退款 #${event.id}`, cancelledAt);
      rows++;
    }
  }
  const fact = (kind: ActivityKind, channel: Channel | null, occurredAt: number) => {
    stmt.activity.run(customerId, kind, event.club, event.id, 'registration', id, channel, occurredAt, occurredAt);
    rows++;
  };
  fact('registered', registrant.channel, at);
  if (cancelledAt !== null) fact(seat.cancelledByEvent ? 'event_cancelled' : 'cancelled', seat.cancelledByEvent ? null : registrant.channel, cancelledAt);
  else if (checkedInAt !== null) fact('attended', null, checkedInAt);
  else if (noShowAt !== null) fact('no_show', null, noShowAt);
  await batch.add(rows);
}

/**
 * Ticket secrets in the format of newTicketSecret (16 random bytes, base64url), cut from one crypto
 * buffer at a time: a crypto call per ticket costs more than writing the registration.
 */
function createTicketSecrets(): () => string {
  const size = 16;
  let pool = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset === pool.length) {
      pool = randomBytes(size * 4096);
      offset = 0;
    }
    offset += size;
    return pool.toString('base64url', offset - size, offset);
  };
}

/**
 * What a bulk load needs of its database: the SQLite file (sqliteLoader, below) or PostgreSQL
 * (db/seed/large-postgres.ts). The generator above writes through `statements` and `batch` alike.
 */
export interface BulkLoader {
  /** The first column of a query's rows (no parameters). */
  column(query: string): Promise<unknown[]>;
  /**
   * Drops the secondary indexes of the tables about to be filled and returns their definitions as
   * stored in the schema, to be run again after the load: building an index once from sorted keys
   * is far cheaper than millions of random insertions into it. Re-creating a unique index also
   * checks that the whole load kept it unique.
   */
  dropDeferrableIndexes(): Promise<Array<{ name: string; sql: string }>>;
  statements(): Statements;
  batcher(size: number): Batcher;
  /** Runs one statement (index definitions). */
  exec(statement: string): Promise<void>;
  /** After the rows and the indexes: what the engine needs to carry on from explicit ids. */
  afterLoad(): Promise<void>;
  /** Rolls back what is not committed and closes the connection. */
  close(): Promise<void>;
}

/** Tables the generator fills. */
export const BULK_TABLES = ['customers', 'points_ledger', 'prepaid_ledger', 'memberships', 'events', 'registrations', 'charges', 'activities'];
/** The ledger triggers sum a customer's rows through these on every insert; without them each sum is a scan. */
export const INDEXES_KEPT = ['points_ledger_customer', 'prepaid_ledger_customer'];

function sqliteLoader(file: string): BulkLoader {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // A crash mid-load leaves a file to delete and generate again, so durability buys nothing here.
  db.pragma('synchronous = OFF');
  db.pragma('foreign_keys = ON');
  db.pragma('cache_size = -1048576');
  db.pragma('temp_store = MEMORY');
  return {
    column: async (query) => db.prepare(query).pluck().all(),
    async dropDeferrableIndexes() {
      const indexes = db
        .prepare(
          `select name, sql from sqlite_schema
           where type = 'index' and sql is not null
             and tbl_name in (${BULK_TABLES.map(() => '?').join(', ')}) and name not in (${INDEXES_KEPT.map(() => '?').join(', ')})
           order by rowid`,
        )
        .all(...BULK_TABLES, ...INDEXES_KEPT) as Array<{ name: string; sql: string }>;
      for (const { name } of indexes) db.exec(`drop index "${name}"`);
      return indexes;
    },
    statements: () => prepareStatements(db),
    batcher: (size) => createBatcher(db, size),
    exec: async (statement) => void db.exec(statement),
    afterLoad: async () => undefined,
    async close() {
      if (db.inTransaction) db.exec('ROLLBACK');
      db.close();
    },
  };
}

async function assertReady(loader: BulkLoader, provinces: Province[]) {
  const known = new Set(await loader.column('select code from provinces'));
  const clubs = new Set(await loader.column('select code from clubs'));
  if (provinces.some((p) => !known.has(p.code)) || CLUB_CODES.some((c) => !clubs.has(c))) {
    throw new Error('seed:large: provinces and clubs are missing; run the migrations and ensureReferenceData() first.');
  }
  if (Number((await loader.column('select count(*) from customers'))[0]) > 0) {
    throw new Error('seed:large: the database already has customers; start from an empty database.');
  }
}

function checkedCount(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`seed:large: ${name} must be a whole number >= 0, got ${value}`);
  return value;
}

/** The database a load fills: a SQLite file, or a PostgreSQL database by its postgres:// URL. */
async function openLoader(target: string): Promise<BulkLoader> {
  if (dialectOf(target) === 'postgres') return (await import('./large-postgres')).postgresLoader(target);
  return sqliteLoader(target);
}

/**
 * Generates the dataset into `options.file` (a SQLite file or a postgres:// URL): one long write on
 * one connection, with the same rows on both engines.
 */
const LINK_REVERSALS =
  'update charges set reverses_charge_id = (select c.id from charges c where c.registration_id = charges.registration_id and c.amount_fen > 0 order by c.id limit 1) where amount_fen < 0 and registration_id is not null';

export async function generateLargeDataset(options: LargeDatasetOptions): Promise<LargeDatasetSummary> {
  const customers = checkedCount('customers', options.customers ?? LARGE_DATASET_DEFAULTS.customers);
  const membershipCount = checkedCount('memberships', options.memberships ?? LARGE_DATASET_DEFAULTS.memberships);
  const eventCount = checkedCount('events', options.events ?? LARGE_DATASET_DEFAULTS.events);
  const registrationTarget = checkedCount('registrations', options.registrations ?? LARGE_DATASET_DEFAULTS.registrations);
  const seed = options.seed ?? LARGE_DATASET_DEFAULTS.seed;
  const now = options.now ?? startOfShanghaiDay(Date.now());
  if (customers > UNICOM_PREFIXES.length * 100_000_000) throw new Error('seed:large: more customers than Unicom numbers');
  // Memberships are distinct customer x club pairs drawn at random; at most half of all pairs keeps the draw quick.
  if (membershipCount > (customers * CLUB_CODES.length) / 2) throw new Error('seed:large: at most two memberships per customer');

  const provinces = nationalProvinces();
  const loader = await openLoader(options.file);
  try {
    await assertReady(loader, provinces);
    const deferred = await loader.dropDeferrableIndexes();
    const batch = loader.batcher(options.batchSize ?? LARGE_DATASET_DEFAULTS.batchSize);
    const phases: LargeDatasetPhase[] = [];
    const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const started = performance.now();
      const before = batch.total;
      const result = await run();
      const done = { name, ms: Math.round(performance.now() - started), rows: batch.total - before };
      phases.push(done);
      options.onPhase?.(done);
      return result;
    };
    const ctx: Context = {
      now,
      stmt: loader.statements(),
      batch,
      provinces,
      ticketSecret: createTicketSecrets(),
      random: (n) => createRandom(seed + n * 0x9e3779b9),
    };
    const people = await phase('customers and their grants', () => generateCustomers(ctx, customers));
    const members = await phase('memberships', () => generateMemberships(ctx, people, membershipCount));
    const events = await phase('events', () => generateEvents(ctx, members, eventCount));
    const registrations = await phase('registrations, payments and attendance', () => generateRegistrations(ctx, people, members, events, registrationTarget));
    await batch.finish();
    await phase('secondary indexes', async () => {
      for (const index of deferred) await loader.exec(index.sql);
      await loader.afterLoad();
    });
    // Charge lines go in without ids; each refund is linked to the fee it reverses once all are in.
    await phase('refunds linked to their charges', () => loader.exec(LINK_REVERSALS));
    return { customers, memberships: membershipCount, events: events.length, registrations, phases };
  } finally {
    await loader.close();
  }
}

/** Refreshes the statistics the query planner chooses indexes by. */
export async function analyzeDatabase(target: string): Promise<void> {
  const loader = await openLoader(target);
  try {
    await loader.exec('ANALYZE');
  } finally {
    await loader.close();
  }
}

/** Rows per table, for the report at the end of a run. */
export async function countTableRows(target: string): Promise<Record<string, number>> {
  const loader = await openLoader(target);
  try {
    const tables = (await loader.column(
      dialectOf(target) === 'postgres'
        ? 'select tablename from pg_tables where schemaname = current_schema() order by tablename'
        : "select name from sqlite_schema where type = 'table' and name not like 'sqlite_%' and name not like '\\_\\_%' escape '\\' order by name",
    )) as string[];
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = Number((await loader.column(`select count(*) from "${t}"`))[0]);
    return counts;
  } finally {
    await loader.close();
  }
}
