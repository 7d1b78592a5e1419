import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '@/db/client';
import { customers } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { shanghaiInstant } from '@/lib/domain/time';
import { eventInput } from '@/lib/validation/events';
import { withTempDatabase } from '@/tests/temp-database';
import { cancelEvent, createEvent, publishEvent } from './events';
import { joinClub } from './memberships';
import { registerForEvent } from './registrations';
import { getSharedEvent } from './shared-events';

withTempDatabase();

const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
let member: Actor & { kind: 'member' };

const form = (overrides: Record<string, unknown> = {}) =>
  eventInput.parse({
    clubCode: 'film',
    kind: 'film_premiere',
    titleZh: '新片抢先看：《逆光飞行》',
    titleEn: 'Premiere preview',
    descriptionZh: '映后主创交流。',
    venue: '广州天河城飞扬影城3号厅',
    startsAt: '2027-03-06T14:00',
    endsAt: '2027-03-06T16:30',
    regOpensAt: '2027-02-10T10:00',
    regClosesAt: '2027-03-05T12:00',
    capacity: '2',
    priceType: 'fee',
    priceYuan: '25',
    eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
    ...overrides,
  });

/** The fields of the poster, and nothing else: a new column must be chosen for the public page, not leak into it. */
const POSTER_FIELDS = [
  'capacity',
  'city',
  'clubCode',
  'descriptionEn',
  'descriptionZh',
  'eligibleSegments',
  'endsAt',
  'id',
  'kind',
  'priceFen',
  'pricePoints',
  'priceType',
  'regClosesAt',
  'regOpensAt',
  'registrationState',
  'seatsLeft',
  'startsAt',
  'status',
  'titleEn',
  'titleZh',
  'venue',
  'venueEn',
  'vipOpensAt',
];

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0)`);
    const [c] = await tx
      .insert(customers)
      .values({ mobile: '18600000001', name: '陈一', segment: 'postpaid', provinceCode: '440000' })
      .returning({ id: customers.id });
    member = { kind: 'member', role: 'member', customerId: c!.id, provinceCode: '440000', name: '陈一' };
  });
  await joinClub(member, { customerId: member.customerId, clubCode: 'film' });
});

describe('getSharedEvent', () => {
  it('does not exist while a draft, in any province', async () => {
    const gd = await createEvent(gdOperator, form());
    const bj = await createEvent(bjOperator, form({ venue: '北京首都电影院' }));
    await expect(getSharedEvent(gd.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getSharedEvent(bj.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(getSharedEvent(999_999)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('shows the poster of a published event, with seats left and no one who registered', async () => {
    const event = await createEvent(gdOperator, form());
    await publishEvent(gdOperator, event.id);
    const duringRegistration = shanghaiInstant(2027, 2, 20, 10);
    await registerForEvent(member, { customerId: member.customerId, eventId: event.id, idempotencyKey: crypto.randomUUID() }, duringRegistration);

    const shared = await getSharedEvent(event.id, duringRegistration);
    expect(Object.keys(shared).sort()).toEqual(POSTER_FIELDS);
    expect(shared).toMatchObject({ titleZh: '新片抢先看：《逆光飞行》', capacity: 2, seatsLeft: 1, priceType: 'fee', priceFen: 2500, status: 'published' });
    expect(shared.registrationState).toEqual({ kind: 'open', closesAt: shanghaiInstant(2027, 3, 5, 12), full: false, vipPriority: false });
    const text = JSON.stringify(shared);
    for (const personal of ['18600000001', '陈一', '广东运营']) expect(text).not.toContain(personal);
  });

  it('keeps an event cancelled after publication reachable, with registration ended', async () => {
    const event = await createEvent(gdOperator, form());
    await publishEvent(gdOperator, event.id);
    await cancelEvent(gdOperator, event.id);
    expect(await getSharedEvent(event.id)).toMatchObject({ status: 'cancelled', registrationState: { kind: 'ended' } });
  });
});
