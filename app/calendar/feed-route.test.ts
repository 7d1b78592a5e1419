import ICAL from 'ical.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTransaction } from '@/db/client';
import type { Actor } from '@/lib/domain/access';
import { HOUR } from '@/lib/domain/time';
import { eventUid } from '@/lib/server/calendar';
import { cancelEvent, createEvent, publishEvent, updateEvent } from '@/lib/server/events';
import { eventInput } from '@/lib/validation/events';
import { withTempDatabase } from '@/tests/temp-database';
import { GET } from './[province]/[file]/route';

withTempDatabase();

/*
 * The public feed of a club in a province as a calendar app fetches it: the route, its validators
 * and 304s, and what the calendar says after each change of the event.
 */

const operator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const created = Date.now() - 3 * HOUR;
const input = {
  clubCode: 'film',
  kind: 'film_premiere',
  titleZh: '新片抢先看：《逆光飞行》',
  venue: '广州天河城飞扬影城3号厅',
  startsAt: '2027-03-06T14:00',
  endsAt: '2027-03-06T16:30',
  regOpensAt: '2027-02-10T10:00',
  regClosesAt: '2027-03-05T12:00',
  capacity: '80',
  priceType: 'free',
  eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
};
let eventId = 0;

const fetchFeed = (headers: Record<string, string> = {}) =>
  GET(new Request('http://localhost:3000/calendar/440000/film.ics', { headers }), { params: Promise.resolve({ province: '440000', file: 'film.ics' }) });

async function entry(response: Response) {
  const text = await response.text();
  const root = new ICAL.Component(ICAL.parse(text));
  const event = root.getAllSubcomponents('vevent').find((e) => e.getFirstPropertyValue('uid') === eventUid(eventId))!;
  const at = (name: string) => (event.getFirstPropertyValue(name) as ICAL.Time).toJSDate().getTime();
  return { text, event, sequence: event.getFirstPropertyValue('sequence'), dtstamp: at('dtstamp'), created: at('created'), lastModified: at('last-modified') };
}

beforeAll(async () => {
  // The origin the app is reached at from outside; NEXTAUTH_URL is what a laptop set-up leaves.
  vi.stubEnv('PUBLIC_URL', 'https://club.example.cn');
  vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3000');
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values (1, 'gd', '广东运营', 'x', 'operator', '440000', 0)`);
  });
  eventId = (await createEvent(operator, eventInput.parse(input), created)).id;
  await publishEvent(operator, eventId, created + HOUR);
});

afterAll(() => vi.unstubAllEnvs());

describe('a club feed', () => {
  it('is a calendar with validators, a final CRLF, and links to the public address, not localhost', async () => {
    const response = await fetchFeed();
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('etag')).toMatch(/^W\/".+"$/);
    expect(response.headers.get('last-modified')).toBe(new Date(created + HOUR).toUTCString());
    const { text, event, sequence, dtstamp, created: createdAt, lastModified } = await entry(response);
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(event.getFirstPropertyValue('url')).toBe(`https://club.example.cn/events/${eventId}`);
    expect(text).not.toContain('localhost');
    expect(sequence).toBe(0);
    expect(createdAt).toBe(Math.floor(created / 1000) * 1000);
    expect(lastModified).toBeGreaterThanOrEqual(createdAt);
    expect(dtstamp).toBeLessThanOrEqual(Date.now());
  });

  it('answers 304 without a body to a client whose copy is current, by ETag or by date', async () => {
    const first = await fetchFeed();
    const etag = first.headers.get('etag')!;
    const byTag = await fetchFeed({ 'if-none-match': etag });
    expect(byTag.status).toBe(304);
    expect(await byTag.text()).toBe('');
    expect(byTag.headers.get('etag')).toBe(etag);
    expect(byTag.headers.get('cache-control')).toBe('public, max-age=900');
    expect((await fetchFeed({ 'if-modified-since': first.headers.get('last-modified')! })).status).toBe(304);
    expect((await fetchFeed({ 'if-none-match': 'W/"stale"' })).status).toBe(200);
  });

  it('raises SEQUENCE and LAST-MODIFIED with an edit a calendar shows, and the old validators no longer match', async () => {
    const before = await fetchFeed();
    const etag = before.headers.get('etag')!;
    const lastModifiedHeader = before.headers.get('last-modified')!;
    const edited = Date.now() - HOUR;
    await updateEvent(operator, eventId, eventInput.parse({ ...input, venue: '广州正佳广场飞扬影城1号厅', startsAt: '2027-03-06T15:00', endsAt: '2027-03-06T17:30' }), edited);
    const afterEdit = await fetchFeed({ 'if-none-match': etag });
    expect(afterEdit.status).toBe(200);
    expect((await fetchFeed({ 'if-modified-since': lastModifiedHeader })).status).toBe(200);
    const { event, sequence, lastModified } = await entry(afterEdit);
    expect(sequence).toBe(1);
    expect(lastModified).toBe(Math.floor(edited / 1000) * 1000);
    expect(String(event.getFirstPropertyValue('location'))).toContain('正佳广场');

    // A change no calendar shows (the number of seats) leaves SEQUENCE where it is.
    await updateEvent(operator, eventId, eventInput.parse({ ...input, venue: '广州正佳广场飞扬影城1号厅', startsAt: '2027-03-06T15:00', endsAt: '2027-03-06T17:30', capacity: '120' }), edited + 60_000);
    expect((await entry(await fetchFeed())).sequence).toBe(1);

    await cancelEvent(operator, eventId, edited + 120_000);
    const cancelled = await entry(await fetchFeed());
    expect(cancelled.sequence).toBe(2);
    expect(cancelled.event.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('is not found for an unknown club or province', async () => {
    const response = await GET(new Request('http://localhost:3000/calendar/990000/film.ics'), { params: Promise.resolve({ province: '990000', file: 'film.ics' }) });
    expect(response.status).toBe(404);
  });
});
