import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { customers, events, feedback, memberships, pointsLedger, registrations, services, serviceSlots } from '@/db/schema';
import type { Actor, ChannelActor } from '@/lib/domain/access';
import { DAY, HOUR } from '@/lib/domain/time';
import type { ClubCode } from '@/lib/domain/types';
import { createApiTokenInput } from '@/lib/validation/api-tokens';
import { clubMemberFilters } from '@/lib/validation/members';
import { filmPremiere } from '@/tests/events';
import { withTempDatabase } from '@/tests/temp-database';
import { authenticateApiToken, createApiToken } from './api-tokens';
import { checkIn, closeEvent, correctAttendance, findByMobileLast4, getAttendanceSheet, getCheckinRoster, getEventFeedback, undoCheckIn } from './attendance';
import { cancelEvent, getStaffEvent, listStaffEvents, publishEvent } from './events';
import { listClubMembers } from './memberships';
import { cancelRegistration, listCustomerRegistrations, registerForEvent } from './registrations';
import { bookService } from './services/bookings';
import { listServiceCatalogue } from './services/catalogue';
import { createStaff } from './staff';

withTempDatabase();

/*
 * Issue 21 item 14: an operator limited to some clubs reads and acts on those clubs' events only,
 * and outside an actor's scope (province or club) an event does not exist: 404, never a refusal
 * that says it does. The operator is created as an admin would, through createStaff.
 */

const NOW = Date.UTC(2027, 2, 1, 2);
const cli = { kind: 'system', via: 'cli' } as const;
const PASSWORD = 'Scope test passphrase 2027!';

let musicOnly: Actor;
let gdAll: Actor;
let gdToken: ChannelActor;
let hqToken: ChannelActor;
const ids = { gdCustomer: 0, bjCustomer: 0, gaming: 0, music: 0, pastGaming: 0, bjGaming: 0, gdDraft: 0, gamingReg: 0, musicReg: 0, pastGamingReg: 0 };
const gdMember = (): Actor => ({ kind: 'member', role: 'member', customerId: ids.gdCustomer, provinceCode: '440000', name: '甲' });
const bjMember = (): Actor => ({ kind: 'member', role: 'member', customerId: ids.bjCustomer, provinceCode: '110000', name: '丙' });
let key = 0;
const newKey = () => `club-scope-${++key}`;

async function operator(username: string, clubCodes: ClubCode[]): Promise<Actor> {
  const row = await createStaff(cli, { username, password: PASSWORD, role: 'operator', provinceCode: '440000', clubCodes });
  return { kind: 'staff', role: 'operator', staffId: row.id, provinceCode: '440000', clubCodes: clubCodes.length > 0 ? clubCodes : null, name: username };
}

async function token(scope: string): Promise<ChannelActor> {
  const { token: secret } = await createApiToken(cli, createApiTokenInput.parse({ name: `desk ${scope}`, channel: 'hotline', scope }));
  return (await authenticateApiToken(`Bearer ${secret}`))!;
}

async function customer(mobile: string, provinceCode: string, clubs: ClubCode[]) {
  return withTransaction(async (tx) => {
    const [row] = await tx.insert(customers).values({ mobile, name: `客户${mobile.slice(-4)}`, segment: 'postpaid', provinceCode }).returning({ id: customers.id });
    await tx.insert(pointsLedger).values({ customerId: row!.id, delta: 5000, reason: 'grant' });
    for (const clubCode of clubs) await tx.insert(memberships).values({ customerId: row!.id, clubCode, provinceCode, joinedAt: 0, joinChannel: 'hall' });
    return row!.id;
  });
}

async function event(clubCode: ClubCode, provinceCode: string, overrides: Partial<typeof events.$inferInsert> = {}) {
  const kind = clubCode === 'gaming' ? 'gaming_tournament' : clubCode === 'music' ? 'music_fan_event' : 'film_premiere';
  return withTransaction(async (tx) => {
    const [row] = await tx.insert(events).values(filmPremiere(NOW, { clubCode, kind, provinceCode, capacity: 20, titleZh: `${clubCode}活动`, ...overrides })).returning({ id: events.id });
    return row!.id;
  });
}

const register = async (actor: Actor, customerId: number, eventId: number, now = NOW) =>
  (await registerForEvent(actor, { customerId, eventId, channel: 'hall', idempotencyKey: newKey() }, now)).registrationId;

beforeAll(async () => {
  musicOnly = await operator('gd.music', ['music']);
  gdAll = await operator('gd.all', []);
  gdToken = await token('440000');
  hqToken = await token('HQ');
  ids.gdCustomer = await customer('18600001111', '440000', ['music', 'gaming']);
  ids.bjCustomer = await customer('13900002222', '110000', ['gaming']);
  ids.gaming = await event('gaming', '440000');
  ids.music = await event('music', '440000');
  ids.bjGaming = await event('gaming', '110000');
  ids.gdDraft = await event('gaming', '440000', { status: 'draft', publishedAt: null });
  // A gaming event held a month ago, with an attendee and their feedback.
  const past = NOW - 30 * DAY;
  ids.pastGaming = await event('gaming', '440000', filmPremiere(past, { clubCode: 'gaming', kind: 'gaming_tournament', capacity: 20 }));
  ids.pastGamingReg = await register(gdAll, ids.gdCustomer, ids.pastGaming, past);
  await checkIn(gdAll, ids.pastGaming, [{ nonce: 'past-scan-1', scannedAt: past + 10 * DAY, registrationId: ids.pastGamingReg }], past + 10 * DAY);
  await closeEvent(gdAll, ids.pastGaming, past + 11 * DAY);
  await withTransaction(async (tx) => {
    await tx.insert(feedback).values({ registrationId: ids.pastGamingReg, eventId: ids.pastGaming, customerId: ids.gdCustomer, rating: 5, comment: '很好', createdAt: past + 12 * DAY });
  });
  ids.gamingReg = await register(gdAll, ids.gdCustomer, ids.gaming);
  ids.musicReg = await register(gdAll, ids.gdCustomer, ids.music);
});

const notFound = { code: 'not_found', category: 'not_found' };

describe('an operator limited to the music club', () => {
  it('finds the music event, its roster, attendance sheet and feedback', async () => {
    await expect(getStaffEvent(musicOnly, ids.music)).resolves.toMatchObject({ id: ids.music });
    await expect(getAttendanceSheet(musicOnly, ids.music)).resolves.toMatchObject({ rows: [expect.objectContaining({ registrationId: ids.musicReg, mobile: '18600001111' })] });
    await expect(getCheckinRoster(musicOnly, ids.music)).resolves.toMatchObject({ entries: [expect.objectContaining({ registrationId: ids.musicReg })] });
  });

  it('does not find a gaming event, nor its roster, attendance sheet, door codes or feedback', async () => {
    for (const eventId of [ids.gaming, ids.pastGaming]) {
      await expect(getStaffEvent(musicOnly, eventId)).rejects.toMatchObject(notFound);
      await expect(getAttendanceSheet(musicOnly, eventId)).rejects.toMatchObject(notFound);
      await expect(getCheckinRoster(musicOnly, eventId)).rejects.toMatchObject(notFound);
      await expect(findByMobileLast4(musicOnly, eventId, '1111')).rejects.toMatchObject(notFound);
      await expect(getEventFeedback(musicOnly, eventId)).rejects.toMatchObject(notFound);
    }
    // Operators of every club of the province read them.
    await expect(getAttendanceSheet(gdAll, ids.pastGaming)).resolves.toMatchObject({ rows: [expect.objectContaining({ status: 'attended' })] });
    await expect(getEventFeedback(gdAll, ids.pastGaming)).resolves.toMatchObject({ count: 1 });
  });

  it('lists no gaming event', async () => {
    const listed = await listStaffEvents(musicOnly, { year: 2027 });
    expect(listed.map((e) => e.id)).toEqual([ids.music]);
  });

  it('does not find a gaming event to act on: door, attendance, publishing, cancelling', async () => {
    const unchanged = await getReader().select().from(registrations);
    await expect(checkIn(musicOnly, ids.gaming, [{ nonce: 'scope-scan-1', scannedAt: NOW, registrationId: ids.gamingReg }])).rejects.toMatchObject(notFound);
    await expect(undoCheckIn(musicOnly, ids.pastGamingReg)).rejects.toMatchObject(notFound);
    await expect(correctAttendance(musicOnly, ids.pastGamingReg, false)).rejects.toMatchObject(notFound);
    await expect(closeEvent(musicOnly, ids.gaming, NOW + 20 * DAY)).rejects.toMatchObject(notFound);
    await expect(publishEvent(musicOnly, ids.gdDraft)).rejects.toMatchObject(notFound);
    await expect(cancelEvent(musicOnly, ids.gaming)).rejects.toMatchObject(notFound);
    expect(await getReader().select().from(registrations)).toEqual(unchanged);
  });

  it('lists on a customer’s record the registrations of music events only', async () => {
    const seen = await listCustomerRegistrations(musicOnly, ids.gdCustomer, {}, NOW);
    expect(seen.map((r) => r.id)).toEqual([ids.musicReg]);
    const all = await listCustomerRegistrations(gdAll, ids.gdCustomer, {}, NOW);
    expect(all.map((r) => r.id).sort()).toEqual([ids.gamingReg, ids.musicReg, ids.pastGamingReg].sort());
  });

  it('does not find a gaming event to register a customer for, nor a gaming registration to cancel', async () => {
    const other = await customer('18600003333', '440000', ['gaming']);
    await expect(registerForEvent(musicOnly, { customerId: other, eventId: ids.gaming, channel: 'hall', idempotencyKey: newKey() }, NOW)).rejects.toMatchObject(notFound);
    await expect(cancelRegistration(musicOnly, { registrationId: ids.gamingReg, idempotencyKey: newKey() }, NOW)).rejects.toMatchObject(notFound);
    const [reg] = await getReader().select({ status: registrations.status }).from(registrations).where(eq(registrations.id, ids.gamingReg));
    expect(reg!.status).toBe('confirmed');
  });

  it('is refused the gaming club’s members and the handset club’s services', async () => {
    await expect(listClubMembers(musicOnly, 'gaming', clubMemberFilters.parse({}))).rejects.toMatchObject({ category: 'forbidden' });
    await expect(listClubMembers(musicOnly, 'music', clubMemberFilters.parse({}))).resolves.toMatchObject({ total: 1 });
    await expect(listServiceCatalogue(musicOnly, '440000', NOW)).rejects.toMatchObject({ category: 'forbidden' });
    const [onsite] = await getReader().select({ id: services.id }).from(services).where(and(eq(services.provinceCode, '440000'), eq(services.kind, 'onsite_repair')));
    const slotId = await withTransaction(async (tx) => {
      const [slot] = await tx.insert(serviceSlots).values({ serviceId: onsite!.id, place: '天河区', startsAt: NOW + 2 * DAY, endsAt: NOW + 2 * DAY + HOUR, opensAt: NOW - DAY, capacity: 5, createdAt: NOW - DAY }).returning({ id: serviceSlots.id });
      return slot!.id;
    });
    await expect(bookService(musicOnly, { slotId, customerId: ids.gdCustomer, address: '天河路1号' }, NOW)).rejects.toMatchObject({ category: 'forbidden' });
  });
});

describe('another province’s event, or a draft, for a channel or a member', () => {
  it('is not found when registering, rather than refused as wrong_province or not open', async () => {
    await expect(registerForEvent(gdToken, { customerId: ids.gdCustomer, eventId: ids.bjGaming, idempotencyKey: newKey() }, NOW)).rejects.toMatchObject(notFound);
    await expect(registerForEvent(gdToken, { customerId: ids.gdCustomer, eventId: ids.gdDraft, idempotencyKey: newKey() }, NOW)).rejects.toMatchObject(notFound);
    await expect(registerForEvent(gdMember(), { customerId: ids.gdCustomer, eventId: ids.bjGaming, idempotencyKey: newKey() }, NOW)).rejects.toMatchObject(notFound);
    await expect(registerForEvent(bjMember(), { customerId: ids.bjCustomer, eventId: ids.gaming, idempotencyKey: newKey() }, NOW)).rejects.toMatchObject(notFound);
    await expect(registerForEvent(gdAll, { customerId: ids.gdCustomer, eventId: ids.bjGaming, channel: 'hall', idempotencyKey: newKey() }, NOW)).rejects.toMatchObject(notFound);
  });

  it('is refused as wrong_province only to HQ, which sees both the customer and the event', async () => {
    await expect(registerForEvent(hqToken, { customerId: ids.gdCustomer, eventId: ids.bjGaming, idempotencyKey: newKey() }, NOW)).rejects.toMatchObject({ code: 'wrong_province' });
  });

  it('hides another province’s registration from cancelling', async () => {
    const bjReg = await register(hqToken, ids.bjCustomer, ids.bjGaming);
    await expect(cancelRegistration(gdToken, { registrationId: bjReg, idempotencyKey: newKey() }, NOW)).rejects.toMatchObject(notFound);
    await expect(cancelRegistration(gdMember(), { registrationId: bjReg, idempotencyKey: newKey() }, NOW)).rejects.toMatchObject(notFound);
  });

  it('is not found on the door and the sheets for another province’s operator', async () => {
    const bjOperator: Actor = { ...(gdAll as Extract<Actor, { kind: 'staff' }>), provinceCode: '110000' };
    await expect(getAttendanceSheet(bjOperator, ids.gaming)).rejects.toMatchObject(notFound);
    await expect(getCheckinRoster(bjOperator, ids.gaming)).rejects.toMatchObject(notFound);
    await expect(getStaffEvent(bjOperator, ids.gaming)).rejects.toMatchObject(notFound);
  });
});
