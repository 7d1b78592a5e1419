import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '@/db/client';
import { customers } from '@/db/schema';
import type { Actor, MemberActor } from '@/lib/domain/access';
import { shanghaiInstant } from '@/lib/domain/time';
import { eventInput } from '@/lib/validation/events';
import { withTempDatabase } from '@/tests/temp-database';
import { buildEventsCalendar, eventUid } from './calendar';
import { createEvent, publishEvent } from './events';
import { joinClub } from './memberships';
import { customerOfFeedFile, getMyFeedPath, lastRegistrationChange, listFeedEvents, resetMyFeed } from './personal-calendar';
import { cancelRegistration, registerForEvent } from './registrations';

withTempDatabase();

const operator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const DURING_REGISTRATION = shanghaiInstant(2027, 2, 20, 10);
let alice: MemberActor;
let bob: MemberActor;
const ids = { seat: 0, cancelled: 0, bobs: 0 };

async function publishedEvent(titleZh: string, capacity: number): Promise<number> {
  const event = await createEvent(
    operator,
    eventInput.parse({
      clubCode: 'film',
      kind: 'film_premiere',
      titleZh,
      venue: '广州天河城飞扬影城3号厅',
      startsAt: '2027-03-06T14:00',
      endsAt: '2027-03-06T16:30',
      regOpensAt: '2027-02-10T10:00',
      regClosesAt: '2027-03-05T12:00',
      capacity: String(capacity),
      priceType: 'free',
      eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
    }),
  );
  await publishEvent(operator, event.id);
  return event.id;
}

const register = (who: MemberActor, eventId: number, waitlist = false) =>
  registerForEvent(who, { customerId: who.customerId, eventId, waitlist, idempotencyKey: crypto.randomUUID() }, DURING_REGISTRATION);

/** The last segment of a feed path: what the route receives. */
const fileOf = (path: string) => path.split('/').pop()!;

async function feedUids(customerId: number): Promise<string[]> {
  const text = buildEventsCalendar(await listFeedEvents(customerId, DURING_REGISTRATION), { name: '我的俱乐部活动', locale: 'zh-CN', baseUrl: 'https://club.example.cn' });
  const root = new ICAL.Component(ICAL.parse(text));
  return root.getAllSubcomponents('vevent').map((e) => String(e.getFirstPropertyValue('uid')));
}

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values (1, 'gd', '广东运营', 'x', 'operator', '440000', 0)`);
    const made = await tx
      .insert(customers)
      .values([
        { mobile: '18600000001', name: '陈一', segment: 'postpaid', provinceCode: '440000' },
        { mobile: '18600000002', name: '李二', segment: 'postpaid', provinceCode: '440000' },
      ])
      .returning({ id: customers.id, name: customers.name });
    const [a, b] = made.map((c): MemberActor => ({ kind: 'member', role: 'member', customerId: c.id, provinceCode: '440000', name: c.name }));
    alice = a!;
    bob = b!;
  });
  for (const who of [alice, bob]) await joinClub(who, { customerId: who.customerId, clubCode: 'film' });
  ids.seat = await publishedEvent('新片抢先看：《逆光飞行》', 1);
  ids.cancelled = await publishedEvent('影迷交流会', 10);
  ids.bobs = await publishedEvent('导演见面会', 10);
  await register(alice, ids.seat);
  await register(bob, ids.seat, true);
  const cancelled = await register(alice, ids.cancelled);
  await cancelRegistration(alice, { registrationId: cancelled.registrationId, idempotencyKey: crypto.randomUUID() }, DURING_REGISTRATION);
  await register(bob, ids.bobs);
});

describe('the personal feed URL', () => {
  it('names its member, and only them', async () => {
    const path = await getMyFeedPath(alice);
    expect(path).toMatch(new RegExp(`^/calendar/personal/${alice.customerId}-[A-Za-z0-9_-]{32}\\.ics$`));
    expect(await getMyFeedPath(alice)).toBe(path);
    expect(await customerOfFeedFile(fileOf(path))).toBe(alice.customerId);
    expect(await customerOfFeedFile(fileOf(await getMyFeedPath(bob)))).toBe(bob.customerId);
  });

  it('finds nobody for a tampered, borrowed or malformed URL', async () => {
    const file = fileOf(await getMyFeedPath(alice));
    const secret = file.slice(file.indexOf('-') + 1, -'.ics'.length);
    const flipped = `${secret[0] === 'A' ? 'B' : 'A'}${secret.slice(1)}`;
    expect(await customerOfFeedFile(`${alice.customerId}-${flipped}.ics`)).toBeNull();
    // Alice's secret does not open Bob's feed.
    expect(await customerOfFeedFile(`${bob.customerId}-${secret}.ics`)).toBeNull();
    for (const bad of [`${alice.customerId}-${secret}`, `${alice.customerId}-${secret.slice(1)}.ics`, `0${alice.customerId}-${secret}.ics`, '999999-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics', '']) {
      expect(await customerOfFeedFile(bad)).toBeNull();
    }
  });

  it('changes on a reset, and the old URL stops working at once', async () => {
    const before = await getMyFeedPath(alice);
    const after = await resetMyFeed(alice);
    expect(after).not.toBe(before);
    expect(await getMyFeedPath(alice)).toBe(after);
    expect(await customerOfFeedFile(fileOf(before))).toBeNull();
    expect(await customerOfFeedFile(fileOf(after))).toBe(alice.customerId);
    // Bob's feed is untouched by Alice's reset.
    expect(await customerOfFeedFile(fileOf(await getMyFeedPath(bob)))).toBe(bob.customerId);
  });

  it('is for members only', async () => {
    await expect(getMyFeedPath(operator)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(resetMyFeed(operator)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('the personal feed', () => {
  it('carries the events the member holds a seat for, not cancelled ones or anyone else’s', async () => {
    expect(await feedUids(alice.customerId)).toEqual([eventUid(ids.seat)]);
  });

  it('leaves out a place on the waiting list', async () => {
    expect(await feedUids(bob.customerId)).toEqual([eventUid(ids.bobs)]);
  });

  it('changes with the last registration change, a cancellation included: a feed’s Last-Modified', async () => {
    // Alice registered twice and cancelled one, all at the same moment of the registration period.
    expect(await lastRegistrationChange(alice.customerId)).toBe(DURING_REGISTRATION);
    await cancelRegistration(alice, { registrationId: (await register(alice, ids.bobs)).registrationId, idempotencyKey: crypto.randomUUID() }, DURING_REGISTRATION + 60_000);
    expect(await lastRegistrationChange(alice.customerId)).toBe(DURING_REGISTRATION + 60_000);
    expect(await lastRegistrationChange(999_999)).toBeNull();
  });
});
