import { eq } from 'drizzle-orm';
import type { Tx } from '../client';
import {
  activities,
  charges,
  customers,
  events,
  memberships,
  pointsLedger,
  prepaidLedger,
  registrations,
  staff,
} from '../schema';
import { CLUB_CODES, type Channel, type ClubCode, type EventStatus, type PriceType, type Segment } from '@/lib/domain/types';
import { DAY, HOUR, shanghaiInstant } from '@/lib/domain/time';
import { newShortCode, newTicketSecret } from '@/lib/domain/ticket-codes';
import {
  DEMO_HALL_VIP,
  DEMO_MEMBERS,
  DEMO_PROVINCES,
  DEMO_STAFF,
  EVENT_TEMPLATES,
  GIVEN_NAME_CHARS,
  SURNAMES,
  UNICOM_PREFIXES,
} from './demo-data';
import { seedDemoBilling } from './demo-billing';
import { seedDemoCallbacks } from './demo-callbacks';
import { seedDemoComplaints } from './demo-complaints';
import { seedDemoCovers } from './demo-covers';
import { seedDemoDesk } from './demo-desk';
import { seedDemoFeedback } from './demo-feedback';
import { seedDemoHalls } from './demo-halls';
import { seedDemoInspections } from './demo-inspections';
import { seedDemoLedger } from './demo-ledger';
import { seedDemoMessages } from './demo-messages';
import { seedDemoServices } from './demo-services';
import { seedDemoSmsReceipts } from './demo-sms';
import { seedDemoWarranty } from './demo-warranty';
import { createRandom, type Random } from './random';
import { beijingDay, inOpeningHours, nextDemoStart, outOfTheNight } from './seed-time';

export interface DemoSeedInput {
  now: number;
  /** argon2 hashes computed before the transaction, keyed by username or mobile. */
  passwordHashes: Map<string, string>;
  customerCount: number;
}

export interface DemoSeedSummary {
  customers: number;
  memberships: number;
  events: number;
  registrations: number;
}

const JOIN_CHANNELS: Channel[] = ['hall', 'hall', 'hotline', 'online', 'sms', 'mobile', 'web'];

/** Minimum events per club, as seeded; several provinces fall short on purpose to show at-risk clubs. */
const EVENTS_PER_CLUB: Record<string, Record<ClubCode, number>> = {
  '440000': { music: 5, film: 4, gaming: 3, handset: 6 },
  '110000': { music: 3, film: 2, gaming: 1, handset: 3 },
  '310000': { music: 2, film: 2, gaming: 2, handset: 2 },
  '330000': { music: 2, film: 1, gaming: 1, handset: 2 },
  '510000': { music: 2, film: 1, gaming: 2, handset: 1 },
  '320000': { music: 1, film: 1, gaming: 0, handset: 2 },
};

function randomName(r: Random): string {
  const given = r.chance(0.35) ? r.pick(GIVEN_NAME_CHARS) : r.pick(GIVEN_NAME_CHARS) + r.pick(GIVEN_NAME_CHARS);
  return r.pick(SURNAMES) + given;
}

function pickProvince(r: Random): string {
  const total = DEMO_PROVINCES.reduce((s, p) => s + p.weight, 0);
  let x = r.next() * total;
  for (const p of DEMO_PROVINCES) {
    x -= p.weight;
    if (x < 0) return p.code;
  }
  return DEMO_PROVINCES[0]!.code;
}

/** A ticket's short code not yet used at the event (codes are unique per event). */
function unusedShortCode(used: Set<string>): string {
  let code: string;
  do code = newShortCode();
  while (used.has(code));
  used.add(code);
  return code;
}

type Seeded = { id: number; segment: Segment; provinceCode: string; active: boolean; clubs: ClubCode[] };

/** What a demo event's registrations need to know of it. */
interface DemoEvent {
  club: ClubCode;
  provinceCode: string;
  startsAt: number;
  endsAt: number;
  regOpensAt: number;
  vipOpensAt: number | null;
  priceType: PriceType;
  priceFen: number;
  pricePoints: number;
  operatorId: number | null;
}

type DemoCity = (typeof DEMO_PROVINCES)[number]['cities'][number];

async function addEvent(
  tx: Tx,
  e: DemoEvent & { template: (typeof EVENT_TEMPLATES)[ClubCode][number]; city: DemoCity; venue: DemoCity['venues'][number]; capacity: number; status: EventStatus },
): Promise<number> {
  const [event] = await tx
    .insert(events)
    .values({
      clubCode: e.club,
      provinceCode: e.provinceCode,
      kind: e.template.kind,
      titleZh: `${e.city.zh}·${e.template.zh}`,
      titleEn: e.template.en,
      descriptionZh: e.template.descZh,
      descriptionEn: e.template.descEn,
      venue: e.venue.zh,
      venueEn: e.venue.en,
      city: e.city.zh,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      capacity: e.capacity,
      regOpensAt: e.regOpensAt,
      regClosesAt: e.startsAt - DAY,
      vipOpensAt: e.vipOpensAt,
      priceType: e.priceType,
      priceFen: e.priceFen,
      pricePoints: e.pricePoints,
      eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
      status: e.status,
      createdByStaffId: e.operatorId,
      createdAt: e.regOpensAt - 14 * DAY,
      publishedAt: e.status === 'draft' ? null : e.regOpensAt - 7 * DAY,
      completedAt: e.status === 'completed' ? e.endsAt + 2 * HOUR : null,
    })
    .returning({ id: events.id });
  return event!.id;
}

/**
 * Events a demo member can do something about today, whatever the random draw gave: in every demo
 * province and club, one open for registration now (it opened five days ago, starts in ten days),
 * and in the music club one that opens in three days, to VIPs from tomorrow. Drawn without the
 * random source, after everything else, which stays as it was.
 */
async function seedOpenEvents(tx: Tx, now: number, operatorOf: (province: string) => number | null): Promise<number> {
  let count = 0;
  const evening = (days: number) => beijingDay(now, days) + 19 * HOUR + 30 * 60_000;
  for (const province of DEMO_PROVINCES) {
    for (const [i, club] of CLUB_CODES.entries()) {
      const templates = EVENT_TEMPLATES[club];
      const city = province.cities[i % province.cities.length]!;
      const startsAt = evening(10 + i);
      const open = { club, provinceCode: province.code, startsAt, endsAt: startsAt + 2 * HOUR, regOpensAt: beijingDay(now, -5) + 10 * HOUR, vipOpensAt: null, operatorId: operatorOf(province.code) } as const;
      // Music and gaming free, film and handset in points: every demo member, the prepaid one too (who pays no points), has one to take.
      const priced = i % 2 === 1 ? ({ priceType: 'points', priceFen: 0, pricePoints: 200 } as const) : ({ priceType: 'free', priceFen: 0, pricePoints: 0 } as const);
      await addEvent(tx, { ...open, ...priced, template: templates[1 % templates.length]!, city, venue: city.venues[0]!, capacity: 80, status: 'published' });
      count++;
    }
    const city = province.cities[0]!;
    const startsAt = evening(24);
    const regOpensAt = beijingDay(now, 3) + 10 * HOUR;
    await addEvent(tx, {
      club: 'music',
      provinceCode: province.code,
      startsAt,
      endsAt: startsAt + 2 * HOUR,
      regOpensAt,
      vipOpensAt: regOpensAt - 2 * DAY,
      priceType: 'points',
      priceFen: 0,
      pricePoints: 500,
      operatorId: operatorOf(province.code),
      template: EVENT_TEMPLATES.music[2 % EVENT_TEMPLATES.music.length]!,
      city,
      venue: city.venues[city.venues.length - 1]!,
      capacity: 200,
      status: 'published',
    });
    count++;
  }
  return count;
}

/** A confirmed registration (attended or not, once the event has ended) with its payment and its steps on the customer's record. */
async function addRegistration(tx: Tx, r: Random, event: DemoEvent & { id: number; ended: boolean }, c: Seeded, reg: { registeredAt: number; shortCode: string }) {
  const { registeredAt, shortCode } = reg;
  const attended = event.ended && r.chance(0.8);
  const [row] = await tx
    .insert(registrations)
    .values({
      eventId: event.id,
      customerId: c.id,
      status: event.ended ? (attended ? 'attended' : 'no_show') : 'confirmed',
      channel: r.pick(['web', 'web', 'hall', 'hotline', 'mobile'] as const),
      paidPoints: event.pricePoints,
      paidFen: event.priceFen,
      ticketSecret: newTicketSecret(),
      shortCode,
      createdAt: registeredAt,
      confirmedAt: registeredAt,
      checkedInAt: attended ? event.startsAt + r.int(-30, 40) * 60_000 : null,
      checkedInByStaffId: attended ? event.operatorId : null,
    })
    .returning({ id: registrations.id });
  const ref = { refType: 'registration', refId: row!.id, createdAt: registeredAt };
  if (event.priceType === 'points') {
    await tx.insert(pointsLedger).values({ customerId: c.id, delta: -event.pricePoints, reason: 'registration', ...ref });
  } else if (event.priceType === 'fee' && c.segment === 'prepaid') {
    await tx.insert(prepaidLedger).values({ customerId: c.id, deltaFen: -event.priceFen, reason: 'registration', ...ref });
  } else if (event.priceType === 'fee') {
    await tx.insert(charges).values({ customerId: c.id, registrationId: row!.id, amountFen: event.priceFen, description: `活动报名费 #${event.id}`, createdAt: registeredAt });
  }
  const activity = { customerId: c.id, clubCode: event.club, eventId: event.id, refType: 'registration', refId: row!.id } as const;
  await tx.insert(activities).values({ ...activity, kind: 'registered', channel: 'web', occurredAt: registeredAt });
  if (event.ended) {
    await tx.insert(activities).values({ ...activity, kind: attended ? 'attended' : 'no_show', occurredAt: attended ? event.startsAt : event.endsAt + 2 * HOUR });
  }
}

/** Writes the demo dataset in the caller's transaction. Balances move only through their ledgers. */
export async function seedDemoData(tx: Tx, input: DemoSeedInput): Promise<DemoSeedSummary> {
  const r = createRandom(20090517);
  const { now } = input;
  const hashOf = (key: string) => {
    const h = input.passwordHashes.get(key);
    if (!h) throw new Error(`seed: no password hash for ${key}`);
    return h;
  };

  for (const s of DEMO_STAFF) {
    await tx.insert(staff).values({ ...s, passwordHash: hashOf(s.username), createdAt: now - 400 * DAY });
  }
  const staffIds = new Map((await tx.select({ id: staff.id, username: staff.username }).from(staff)).map((s) => [s.username, s.id]));

  // Customers: the fixed demo members first, then generated ones.
  const seeded: Seeded[] = [];
  const usedMobiles = new Set(DEMO_MEMBERS.map((m) => m.mobile));

  // No note: the reason names the line in either UI language; a note is what staff type.
  const grant = async (customerId: number, points: number, prepaidFen: number, at: number) => {
    if (points > 0) {
      await tx.insert(pointsLedger).values({ customerId, delta: points, reason: 'grant', createdAt: at });
    }
    if (prepaidFen > 0) {
      await tx.insert(prepaidLedger).values({ customerId, deltaFen: prepaidFen, reason: 'topup', createdAt: at });
    }
  };

  for (const m of DEMO_MEMBERS) {
    const createdAt = inOpeningHours(now - 900 * DAY);
    const [row] = await tx
      .insert(customers)
      .values({ mobile: m.mobile, name: m.name, segment: m.segment, provinceCode: m.provinceCode, passwordHash: hashOf(m.mobile), createdAt })
      .returning({ id: customers.id });
    await grant(row!.id, m.points, m.prepaidFen, createdAt);
    seeded.push({ id: row!.id, segment: m.segment, provinceCode: m.provinceCode, active: true, clubs: m.clubs });
  }

  while (seeded.length < input.customerCount) {
    let mobile: string;
    do {
      mobile = r.pick(UNICOM_PREFIXES) + String(r.int(0, 99_999_999)).padStart(8, '0');
    } while (usedMobiles.has(mobile));
    usedMobiles.add(mobile);
    const roll = r.next();
    const segment: Segment = roll < 0.3 ? 'prepaid' : roll < 0.8 ? 'postpaid' : 'postpaid_vip';
    const statusRoll = r.next();
    const status = statusRoll < 0.92 ? 'active' : statusRoll < 0.97 ? 'suspended' : 'closed';
    const provinceCode = pickProvince(r);
    const createdAt = inOpeningHours(now - r.int(600, 900) * DAY);
    const [row] = await tx
      .insert(customers)
      .values({ mobile, name: randomName(r), segment, provinceCode, status, createdAt })
      .returning({ id: customers.id });
    const drawn = segment === 'postpaid_vip' ? r.int(3000, 30000) : r.int(0, 8000);
    // Prepaid customers earn no points (附表1 积分回馈); drawn all the same, so the rest of the draw stays as it was.
    const points = segment === 'prepaid' ? 0 : drawn;
    await grant(row!.id, points, segment === 'prepaid' ? r.int(10, 200) * 100 : 0, createdAt);
    const clubs = CLUB_CODES.filter(() => r.chance(0.35));
    seeded.push({ id: row!.id, segment, provinceCode, active: status === 'active', clubs });
  }

  // Memberships: joined over the past 18 months, a few left (and some of those rejoined).
  let membershipCount = 0;
  const memberSince = new Map<string, number>();
  for (const c of seeded) {
    for (const club of c.clubs) {
      const joinedAt = inOpeningHours(now - r.int(20, 540) * DAY);
      const channel = r.pick(JOIN_CHANNELS);
      const leaves = c.active && r.chance(0.08);
      const leftAt = leaves ? joinedAt + r.int(10, 15) * DAY : null;
      await tx.insert(memberships).values({ customerId: c.id, clubCode: club, provinceCode: c.provinceCode, joinedAt, joinChannel: channel, leftAt, leaveChannel: leaves ? 'web' : null, createdAt: joinedAt });
      membershipCount++;
      await tx.insert(activities).values({ customerId: c.id, kind: 'joined', clubCode: club, channel, occurredAt: joinedAt });
      if (leftAt !== null) {
        await tx.insert(activities).values({ customerId: c.id, kind: 'left', clubCode: club, channel: 'web', occurredAt: leftAt });
        const rejoinedAt = leftAt + r.int(5, 9) * DAY;
        await tx.insert(memberships).values({ customerId: c.id, clubCode: club, provinceCode: c.provinceCode, joinedAt: rejoinedAt, joinChannel: 'web', createdAt: rejoinedAt });
        membershipCount++;
        await tx.insert(activities).values({ customerId: c.id, kind: 'joined', clubCode: club, channel: 'web', occurredAt: rejoinedAt });
        memberSince.set(`${c.id}:${club}`, rejoinedAt);
      } else {
        memberSince.set(`${c.id}:${club}`, joinedAt);
      }
    }
  }

  const operatorOf = (province: string) => staffIds.get(province === '440000' ? 'gd.operator' : province === '110000' ? 'bj.operator' : 'admin') ?? null;

  // Events over the past ten months and the next three, with registrations and attendance.
  let eventCount = 0;
  let registrationCount = 0;
  for (const province of DEMO_PROVINCES) {
    const operatorId = operatorOf(province.code);
    for (const club of CLUB_CODES) {
      const count = EVENTS_PER_CLUB[province.code]?.[club] ?? 0;
      for (let i = 0; i < count; i++) {
        const template = EVENT_TEMPLATES[club][i % EVENT_TEMPLATES[club].length]!;
        const city = r.pick(province.cities);
        const dayOffset = Math.round(-300 + ((i + 0.5) / count) * 390) + r.int(-10, 10);
        const day = new Date(now + dayOffset * DAY + 8 * HOUR);
        const weekend = r.chance(0.6);
        const startsAt = shanghaiInstant(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), weekend ? 14 : 19, weekend ? 0 : 30);
        const endsAt = startsAt + (weekend ? 3 : 2) * HOUR;
        const regOpensAt = startsAt - 21 * DAY;
        const vipOpensAt = r.chance(0.4) ? regOpensAt - 2 * DAY : null;
        const priceRoll = r.next();
        const priceType = priceRoll < 0.45 ? 'free' : priceRoll < 0.8 ? 'points' : 'fee';
        const priceFen = priceType === 'fee' ? r.pick([1000, 2000, 3000, 5000]) : 0;
        const pricePoints = priceType === 'points' ? r.pick([200, 300, 500, 800, 1000]) : 0;
        const ended = endsAt < now;
        const status = ended ? 'completed' : dayOffset > 60 && r.chance(0.3) ? 'draft' : 'published';
        const capacity = r.pick([30, 50, 80, 100, 150, 200]);
        const event = { club, provinceCode: province.code, startsAt, endsAt, regOpensAt, vipOpensAt, priceType, priceFen, pricePoints, operatorId } as const;
        const eventId = await addEvent(tx, { ...event, template, city, venue: r.pick(city.venues), capacity, status });
        eventCount++;
        if (status === 'draft' || regOpensAt > now) continue;

        const candidates = seeded.filter((c) => {
          const since = memberSince.get(`${c.id}:${club}`);
          return c.active && c.provinceCode === province.code && since !== undefined && since < regOpensAt;
        });
        const usedCodes = new Set<string>();
        for (const c of candidates) {
          if (usedCodes.size >= capacity) break;
          if (!r.chance(ended ? 0.7 : 0.4)) continue;
          const registeredAt = Math.min(now - HOUR, outOfTheNight(regOpensAt + r.int(1, 18 * 24) * HOUR));
          const current = await tx
            .select({ points: customers.pointsBalance, prepaid: customers.prepaidBalanceFen })
            .from(customers)
            .where(eq(customers.id, c.id));
          const balance = current[0]!;
          if (priceType === 'points' && balance.points < pricePoints) continue;
          if (priceType === 'fee' && c.segment === 'prepaid' && balance.prepaid < priceFen) continue;
          await addRegistration(tx, r, { ...event, id: eventId, ended }, c, { registeredAt, shortCode: unusedShortCode(usedCodes) });
          registrationCount++;
        }
      }
    }
  }

  await seedDemoServices(
    tx,
    r,
    now,
    seeded.flatMap((c) => {
      const since = memberSince.get(`${c.id}:handset`);
      return c.active && since !== undefined ? [{ ...c, since }] : [];
    }),
    operatorOf,
  );
  await seedDemoDesk(tx, now, (username) => staffIds.get(username) ?? null);

  // Today's tournament in Guangzhou, so that the demo's operator has doors to open (check-in opens
  // three hours before the start). Drawn after everything else, which stays as it was.
  const guangzhou = DEMO_PROVINCES.find((p) => p.code === '440000')!.cities[0]!;
  const startsAt = nextDemoStart(now);
  const today = { club: 'gaming', provinceCode: '440000', startsAt, endsAt: startsAt + 3 * HOUR, regOpensAt: startsAt - 21 * DAY, vipOpensAt: null, priceType: 'free', priceFen: 0, pricePoints: 0, operatorId: operatorOf('440000') } as const;
  const todayId = await addEvent(tx, { ...today, template: EVENT_TEMPLATES.gaming[0]!, city: guangzhou, venue: guangzhou.venues[0]!, capacity: 60, status: 'published' });
  eventCount++;
  const usedCodes = new Set<string>();
  for (const c of seeded) {
    const since = memberSince.get(`${c.id}:gaming`);
    if (!c.active || c.provinceCode !== today.provinceCode || since === undefined || since >= today.regOpensAt) continue;
    const registeredAt = outOfTheNight(today.regOpensAt + r.int(1, 18 * 24) * HOUR);
    await addRegistration(tx, r, { ...today, id: todayId, ended: false }, c, { registeredAt, shortCode: unusedShortCode(usedCodes) });
    registrationCount++;
  }

  // Before the feedback, messages and callbacks, which the billing demo's registrations get as any other.
  await seedDemoBilling(tx, now, staffIds.get('admin') ?? null, operatorOf);
  await seedDemoFeedback(tx, r, now, operatorOf);
  await seedDemoComplaints(
    tx,
    now,
    DEMO_PROVINCES.map((p) => p.code),
    operatorOf,
  );
  await seedDemoInspections(tx, now, DEMO_PROVINCES.map((p) => p.code), (username) => staffIds.get(username) ?? null);
  await seedDemoMessages(tx, now);
  await seedDemoSmsReceipts(tx, now);
  await seedDemoLedger(tx, now, operatorOf('440000'));
  await seedDemoCovers(
    tx,
    now,
    DEMO_PROVINCES.map((p) => p.code),
    operatorOf,
  );
  eventCount += await seedOpenEvents(tx, now, operatorOf);
  await seedDemoHalls(
    tx,
    now,
    DEMO_PROVINCES.map((p) => p.code),
    operatorOf,
    hashOf(DEMO_HALL_VIP.mobile),
  );
  await seedDemoWarranty(tx, now, operatorOf);
  // Last: every VIP the demo makes (the hall demo's too) gets this period's callback.
  await seedDemoCallbacks(
    tx,
    now,
    DEMO_PROVINCES.map((p) => p.code),
    operatorOf,
  );
  return { customers: seeded.length, memberships: membershipCount, events: eventCount, registrations: registrationCount };
}
