import { count, eq, sql } from 'drizzle-orm';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getImage } from '@/app/images/[hash]/route';
import { getReader, withTransaction } from '@/db/client';
import { auditLog, clubCovers, customers, events, images } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { MAX_COVER_BYTES } from '@/lib/domain/cover-images';
import { eventInput } from '@/lib/validation/events';
import { withTempDatabase } from '@/tests/temp-database';
import { clubCoversIn, eventCovers, removeClubCover, removeEventCover, setClubCover, setEventCover } from './covers';
import { cancelEvent, createEvent, publishEvent } from './events';

withTempDatabase();

const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const gdMusicOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: ['music'], name: '广东音乐运营' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const admin: Actor = { kind: 'staff', role: 'admin', staffId: 3, provinceCode: null, clubCodes: null, name: '总部' };
const gdAnalyst: Actor = { kind: 'staff', role: 'analyst', staffId: 5, provinceCode: '440000', clubCodes: null, name: '广东分析' };
let gdMember: Actor;

/** A PNG of the given size, its pixels a shade so that two calls with different shades differ. */
function png(width: number, height: number, shade = 0): Buffer {
  const image = new PNG({ width, height });
  image.data.fill(shade);
  return PNG.sync.write(image);
}

const filmEvent = () =>
  eventInput.parse({
    clubCode: 'film',
    kind: 'film_premiere',
    titleZh: '新片抢先看',
    venue: '广州天河城飞扬影城3号厅',
    startsAt: '2027-03-06T14:00',
    endsAt: '2027-03-06T16:30',
    regOpensAt: '2027-02-10T10:00',
    regClosesAt: '2027-03-05T12:00',
    capacity: '50',
    priceType: 'free',
    eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
  });

const imageCount = async () => (await getReader().select({ n: count() }).from(images))[0]!.n;

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0),
      (3, 'hq', '总部', 'x', 'admin', null, 0), (5, 'gda', '广东分析', 'x', 'analyst', '440000', 0)`);
    const [c] = await tx.insert(customers).values({ mobile: '18600000001', name: '陈一', segment: 'postpaid', provinceCode: '440000' }).returning({ id: customers.id });
    gdMember = { kind: 'member', role: 'member', customerId: c!.id, provinceCode: '440000', name: '陈一' };
  });
});

describe('club covers', () => {
  it('are set per province by its operators and admins, replaced and removed, with an audit entry each', async () => {
    const first = await setClubCover(gdOperator, { provinceCode: '440000', clubCode: 'music' }, png(64, 36, 10));
    expect(await clubCoversIn('440000')).toEqual({ music: first.sha256 });
    expect(await clubCoversIn('110000')).toEqual({});
    const second = await setClubCover(admin, { provinceCode: '440000', clubCode: 'music' }, png(64, 36, 20));
    expect(await clubCoversIn('440000')).toEqual({ music: second.sha256 });
    // The replaced picture is gone: nothing shows it any more.
    const [old] = await getReader().select({ id: images.id }).from(images).where(eq(images.sha256, first.sha256));
    expect(old).toBeUndefined();
    await removeClubCover(gdOperator, { provinceCode: '440000', clubCode: 'music' });
    expect(await clubCoversIn('440000')).toEqual({});
    expect(await imageCount()).toBe(0);
    const entries = await getReader().select({ action: auditLog.action, provinceCode: auditLog.provinceCode }).from(auditLog).where(eq(auditLog.entityType, 'club'));
    expect(entries.map((e) => e.action)).toEqual(['club.cover.set', 'club.cover.set', 'club.cover.remove']);
    expect(entries.every((e) => e.provinceCode === '440000')).toBe(true);
  });

  it('are refused to another province\'s operator, an operator of other clubs, analysts and members, writing nothing', async () => {
    const scope = { provinceCode: '440000', clubCode: 'film' as const };
    for (const actor of [gdMusicOperator, gdAnalyst, gdMember]) {
      await expect(setClubCover(actor, scope, png(8, 8))).rejects.toMatchObject({ category: 'forbidden' });
      await expect(removeClubCover(actor, scope)).rejects.toMatchObject({ category: 'forbidden' });
    }
    // Another province's clubs are out of its operators' scope: as if they did not exist.
    await expect(setClubCover(bjOperator, scope, png(8, 8))).rejects.toMatchObject({ category: 'not_found' });
    await expect(removeClubCover(bjOperator, scope)).rejects.toMatchObject({ category: 'not_found' });
    expect(await getReader().select().from(clubCovers)).toEqual([]);
    expect(await imageCount()).toBe(0);
  });

  it('refuse a file that is not a JPEG, PNG or WebP by its bytes, or too large, and write nothing', async () => {
    const scope = { provinceCode: '440000', clubCode: 'gaming' as const };
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    await expect(setClubCover(gdOperator, scope, svg)).rejects.toMatchObject({ code: 'cover_type' });
    const big = Buffer.alloc(MAX_COVER_BYTES + 1);
    png(4, 4).copy(big);
    await expect(setClubCover(gdOperator, scope, big)).rejects.toMatchObject({ code: 'cover_too_large', params: { limitMb: 2 } });
    await expect(setClubCover(gdOperator, scope, new Uint8Array())).rejects.toMatchObject({ code: 'cover_empty' });
    expect(await getReader().select().from(clubCovers)).toEqual([]);
    expect(await imageCount()).toBe(0);
  });
});

describe('event covers', () => {
  it('are set by the event\'s managers; members see the event\'s own, else its club\'s in its province, else none', async () => {
    const event = await createEvent(gdOperator, filmEvent());
    await publishEvent(gdOperator, event.id);
    expect(await eventCovers([event.id])).toEqual(new Map());
    const club = await setClubCover(gdOperator, { provinceCode: '440000', clubCode: 'film' }, png(64, 36, 30));
    expect(await eventCovers([event.id])).toEqual(new Map([[event.id, club.sha256]]));
    const own = await setEventCover(admin, event.id, png(64, 36, 40));
    expect(await eventCovers([event.id])).toEqual(new Map([[event.id, own.sha256]]));
    await removeEventCover(gdOperator, event.id);
    expect(await eventCovers([event.id])).toEqual(new Map([[event.id, club.sha256]]));
  });

  it('keep one stored copy of a picture used twice, until neither uses it', async () => {
    const event = await createEvent(gdOperator, filmEvent());
    const bytes = png(16, 9, 50);
    const before = await imageCount();
    await setEventCover(gdOperator, event.id, bytes);
    await setClubCover(gdOperator, { provinceCode: '440000', clubCode: 'handset' }, bytes);
    expect(await imageCount()).toBe(before + 1);
    await removeEventCover(gdOperator, event.id);
    expect(await imageCount()).toBe(before + 1);
    await removeClubCover(gdOperator, { provinceCode: '440000', clubCode: 'handset' });
    expect(await imageCount()).toBe(before);
  });

  it('are refused outside the event\'s scope (as if it did not exist), to members and analysts, and on a cancelled event', async () => {
    const event = await createEvent(gdOperator, filmEvent());
    await expect(setEventCover(bjOperator, event.id, png(8, 8))).rejects.toMatchObject({ category: 'not_found' });
    await expect(setEventCover(gdMusicOperator, event.id, png(8, 8))).rejects.toMatchObject({ category: 'not_found' });
    await expect(setEventCover(gdAnalyst, event.id, png(8, 8))).rejects.toMatchObject({ category: 'forbidden' });
    await expect(setEventCover(gdMember, event.id, png(8, 8))).rejects.toMatchObject({ category: 'forbidden' });
    await expect(removeEventCover(bjOperator, event.id)).rejects.toMatchObject({ category: 'not_found' });
    await expect(setEventCover(gdOperator, event.id, Buffer.from('GIF89a'))).rejects.toMatchObject({ code: 'cover_type' });
    await cancelEvent(gdOperator, event.id);
    await expect(setEventCover(gdOperator, event.id, png(8, 8))).rejects.toMatchObject({ code: 'event_locked' });
    const [row] = await getReader().select({ coverImageId: events.coverImageId }).from(events).where(eq(events.id, event.id));
    expect(row!.coverImageId).toBeNull();
  });
});

describe('GET /images/<sha256>', () => {
  const get = (hash: string, headers: Record<string, string> = {}) =>
    getImage(new Request(`http://localhost/images/${hash}`, { headers }), { params: Promise.resolve({ hash }) });

  it('serves a stored cover with its type, an ETag and a year of immutable caching; 304 when the ETag matches', async () => {
    const bytes = png(20, 10, 60);
    const { sha256 } = await setClubCover(gdOperator, { provinceCode: '440000', clubCode: 'gaming' }, bytes);
    const answer = await get(sha256);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/png');
    expect(answer.headers.get('content-length')).toBe(String(bytes.length));
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(answer.headers.get('etag')).toBe(`"${sha256}"`);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await answer.arrayBuffer()).equals(bytes)).toBe(true);

    const again = await get(sha256, { 'if-none-match': `"${sha256}"` });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(`"${sha256}"`);
    expect(again.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await again.text()).toBe('');
    expect((await get(sha256, { 'if-none-match': `W/"other", W/"${sha256}"` })).status).toBe(304);
    expect((await get(sha256, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('answers 404 for an unknown hash, a removed cover, and anything that is not a hash', async () => {
    const { sha256 } = await setClubCover(gdOperator, { provinceCode: '440000', clubCode: 'gaming' }, png(20, 10, 70));
    await removeClubCover(gdOperator, { provinceCode: '440000', clubCode: 'gaming' });
    for (const hash of [sha256, 'f'.repeat(64), '1', '../../.data/club-hub.db', sha256.toUpperCase(), `${sha256}.png`]) {
      const answer = await get(hash);
      expect(answer.status, hash).toBe(404);
      expect(answer.headers.get('cache-control')).toBe('no-store');
    }
  });
});
