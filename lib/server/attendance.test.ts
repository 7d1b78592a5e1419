import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { activities, auditLog, callbacks, customers, events, memberships, outbox, pointsLedger, registrations } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DAY, HOUR } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { checkIn, closeEvent, correctAttendance, getCheckinRoster, getEventFeedback, getMyTicketCodes, submitFeedback, undoCheckIn } from './attendance';
import { getYearlyPlan } from './compliance';
import { registerForEvent } from './registrations';

withTempDatabase();

afterEach(expectDerivedNumbersConsistent);

const START = Date.UTC(2027, 2, 6, 6);
const DURING = START + 30 * 60_000;
const gdOperator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: '广东运营' };
const bjOperator: Actor = { kind: 'staff', role: 'operator', staffId: 2, provinceCode: '110000', clubCodes: null, name: '北京运营' };
const people: Record<string, { id: number; actor: Actor }> = {};
let nonce = 0;
const n = () => `nonce-${++nonce}`;

async function person(name: string, segment: Segment) {
  await withTransaction(async (tx) => {
    const [row] = await tx.insert(customers).values({ mobile: `1860000${String(Object.keys(people).length).padStart(4, '0')}`, name, segment, provinceCode: '440000' }).returning({ id: customers.id });
    await tx.insert(pointsLedger).values({ customerId: row!.id, delta: 1000, reason: 'grant' });
    await tx.insert(memberships).values({ customerId: row!.id, clubCode: 'handset', provinceCode: '440000', joinedAt: 0, joinChannel: 'hall' });
    people[name] = { id: row!.id, actor: { kind: 'member', role: 'member', customerId: row!.id, provinceCode: '440000', name } };
  });
}

async function event(capacity = 10) {
  return withTransaction(async (tx) => {
    const [e] = await tx
      .insert(events)
      .values({
        clubCode: 'handset',
        provinceCode: '440000',
        kind: 'handset_salon',
        titleZh: '手机沙龙',
        venue: '天河营业厅',
        startsAt: START,
        endsAt: START + 2 * HOUR,
        capacity,
        regOpensAt: START - 20 * DAY,
        regClosesAt: START - DAY,
        eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
        status: 'published',
        publishedAt: START - 30 * DAY,
      })
      .returning({ id: events.id });
    return e!.id;
  });
}

const register = async (who: string, eventId: number, waitlist = false) =>
  (await registerForEvent(people[who]!.actor, { customerId: people[who]!.id, eventId, waitlist, idempotencyKey: `register-${people[who]!.id}-${eventId}` }, START - 5 * DAY)).registrationId;
const statusOf = async (id: number) => (await getReader().select({ s: registrations.status, at: registrations.checkedInAt }).from(registrations).where(eq(registrations.id, id)))[0]!;

beforeAll(async () => {
  await withTransaction(async (tx) => {
    await tx.run(sql`insert into staff (id, username, display_name, password_hash, role, province_code, created_at) values
      (1, 'gd', '广东运营', 'x', 'operator', '440000', 0), (2, 'bj', '北京运营', 'x', 'operator', '110000', 0)`);
  });
  for (const [name, segment] of [['陈一', 'postpaid'], ['陈二', 'postpaid'], ['陈三', 'postpaid_vip'], ['陈四', 'prepaid'], ['陈五', 'postpaid']] as const) await person(name, segment);
});

describe('check-in', () => {
  it('checks in by QR code, short code and roster, writing the activity record in the same transaction', async () => {
    const e = await event();
    const [a, b, c] = [await register('陈一', e), await register('陈二', e), await register('陈三', e)];
    const codes = await getMyTicketCodes(people['陈一']!.actor, [a]);
    const roster = await getCheckinRoster(gdOperator, e);
    const shortB = roster.entries.find((x) => x.registrationId === b)!.shortCode;
    const results = await checkIn(gdOperator, e, [
      { nonce: n(), scannedAt: DURING, code: codes.get(a)! },
      { nonce: n(), scannedAt: DURING + 1, code: shortB.toLowerCase() },
      { nonce: n(), scannedAt: DURING + 2, registrationId: c },
    ], DURING + 10);
    expect(results.map((r) => r.outcome)).toEqual(['checked_in', 'checked_in', 'checked_in']);
    for (const id of [a, b, c]) expect((await statusOf(id)).s).toBe('attended');
    const facts = await getReader().select({ kind: activities.kind }).from(activities).where(and(eq(activities.eventId, e), eq(activities.kind, 'attended')));
    expect(facts).toHaveLength(3);
    const after = await getCheckinRoster(gdOperator, e);
    expect(after.counts).toEqual({ confirmed: 3, checkedIn: 3, remaining: 0 });
  });

  it('answers a second check-in with when the ticket was used, and changes nothing', async () => {
    const e = await event();
    const a = await register('陈一', e);
    await checkIn(gdOperator, e, [{ nonce: n(), scannedAt: DURING, registrationId: a }], DURING);
    const again = await checkIn(gdOperator, e, [{ nonce: n(), scannedAt: DURING + 60_000, registrationId: a }], DURING + 60_000);
    expect(again[0]).toMatchObject({ outcome: 'already_checked_in', checkedInAt: DURING });
    expect((await getReader().select().from(activities).where(and(eq(activities.eventId, e), eq(activities.kind, 'attended')))).length).toBe(1);
  });

  it('refuses wrong, tampered, cancelled, waiting and other events\' tickets clearly', async () => {
    const e = await event(1);
    const other = await event();
    const ok = await register('陈一', e);
    const waiting = await register('陈二', e, true);
    const elsewhere = await register('陈四', other);
    const [code] = [...(await getMyTicketCodes(people['陈一']!.actor, [ok])).values()];
    const tampered = code!.slice(0, -1) + (code!.endsWith('A') ? 'B' : 'A');
    const cancelled = await register('陈五', other);
    await withTransaction(async (tx) => {
      await tx.update(registrations).set({ status: 'cancelled' }).where(eq(registrations.id, cancelled));
    });
    const results = await checkIn(gdOperator, e, [
      { nonce: n(), scannedAt: DURING, code: 'NOPE99' },
      { nonce: n(), scannedAt: DURING, code: tampered },
      { nonce: n(), scannedAt: DURING, registrationId: waiting },
      { nonce: n(), scannedAt: DURING, registrationId: elsewhere },
    ], DURING);
    expect(results.map((r) => [r.outcome, r.code])).toEqual([
      ['refused', 'invalid_code'],
      ['refused', 'invalid_code'],
      ['refused', 'ticket_waitlisted'],
      ['refused', 'wrong_event'],
    ]);
    expect((await checkIn(gdOperator, other, [{ nonce: n(), scannedAt: DURING, registrationId: cancelled }], DURING))[0]!.code).toBe('ticket_cancelled');
    expect((await checkIn(gdOperator, e, [{ nonce: n(), scannedAt: START - 4 * HOUR, registrationId: ok }], START - 4 * HOUR))[0]!.code).toBe('checkin_not_open');
    await expect(checkIn(bjOperator, e, [{ nonce: n(), scannedAt: DURING, registrationId: ok }], DURING)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('replays a synced batch without counting twice, and reports the second device\'s scan of the same ticket as a conflict', async () => {
    const e = await event();
    const a = await register('陈一', e);
    const b = await register('陈二', e);
    const doorOne = [
      { nonce: 'door1-1', scannedAt: DURING, deviceId: 'door1', offline: true, registrationId: a },
      { nonce: 'door1-2', scannedAt: DURING + 5, deviceId: 'door1', offline: true, registrationId: b },
    ];
    const doorTwo = [{ nonce: 'door2-1', scannedAt: DURING + 9, deviceId: 'door2', offline: true, registrationId: a }];
    expect((await checkIn(gdOperator, e, doorOne, DURING + 60_000)).map((r) => r.outcome)).toEqual(['checked_in', 'checked_in']);
    const replay = await checkIn(gdOperator, e, doorOne, DURING + 120_000);
    expect(replay.map((r) => [r.outcome, r.replayed])).toEqual([['checked_in', true], ['checked_in', true]]);
    const second = await checkIn(gdOperator, e, doorTwo, DURING + 180_000);
    expect(second[0]).toMatchObject({ outcome: 'conflict', registrationId: a, checkedInAt: DURING });
    expect((await getReader().select().from(activities).where(and(eq(activities.eventId, e), eq(activities.kind, 'attended')))).length).toBe(2);
  });

  it('lets one of two doors scanning a ticket at once use it, and records a scan sent twice at once once', async () => {
    const e = await event();
    const [a, b] = [await register('陈一', e), await register('陈二', e)];
    // At once: on PostgreSQL each check-in runs in a transaction of its own, side by side.
    const doors = await Promise.all([1, 2].map(() => checkIn(gdOperator, e, [{ nonce: n(), scannedAt: DURING, registrationId: a }], DURING)));
    expect(doors.map(([r]) => r!.outcome).sort()).toEqual(['already_checked_in', 'checked_in']);
    const scan = { nonce: n(), scannedAt: DURING, registrationId: b, deviceId: 'door-2', offline: true };
    const sent = await Promise.all([1, 2].map(() => checkIn(gdOperator, e, [scan], DURING + 60_000)));
    expect(sent.map(([r]) => `${r!.outcome} ${r!.replayed}`).sort()).toEqual(['checked_in false', 'checked_in true']);
    expect(await getReader().select({ id: activities.id }).from(activities).where(and(eq(activities.eventId, e), eq(activities.kind, 'attended')))).toHaveLength(2);
  });

  it('undoes a mistaken check-in with an audit entry and a corrected record', async () => {
    const e = await event();
    const a = await register('陈一', e);
    await checkIn(gdOperator, e, [{ nonce: n(), scannedAt: DURING, registrationId: a }], DURING);
    await undoCheckIn(gdOperator, a, DURING + 1000);
    expect(await statusOf(a)).toEqual({ s: 'confirmed', at: null });
    const corrected = await getReader().select({ data: activities.data }).from(activities).where(and(eq(activities.refId, a), eq(activities.kind, 'attendance_corrected')));
    expect(corrected[0]!.data).toMatchObject({ from: 'attended', to: 'confirmed', undo: true });
    expect((await getReader().select().from(auditLog).where(and(eq(auditLog.entityId, String(a)), eq(auditLog.action, 'registration.check_in_undo')))).length).toBe(1);
    await expect(undoCheckIn(gdOperator, a)).rejects.toMatchObject({ code: 'not_checked_in' });
  });
});

describe('closing, correcting, feedback and callbacks', () => {
  it('closes an ended event: no-shows marked, event completed and held, VIP callbacks and feedback requests made', async () => {
    const e = await event();
    const [came, vip, absent] = [await register('陈一', e), await register('陈三', e), await register('陈二', e)];
    await checkIn(gdOperator, e, [{ nonce: n(), scannedAt: DURING, registrationId: came }, { nonce: n(), scannedAt: DURING, registrationId: vip }], DURING);
    await expect(closeEvent(gdOperator, e, DURING)).rejects.toMatchObject({ code: 'event_not_ended' });
    expect(await closeEvent(gdOperator, e, START + 3 * HOUR)).toEqual({ eventId: e, attended: 2, noShows: 1 });
    expect((await statusOf(absent)).s).toBe('no_show');
    const noShow = await getReader().select().from(activities).where(and(eq(activities.refId, absent), eq(activities.kind, 'no_show')));
    expect(noShow).toHaveLength(1);
    const tasks = await getReader().select({ customerId: callbacks.customerId }).from(callbacks).where(eq(callbacks.eventId, e));
    expect(tasks).toEqual([{ customerId: people['陈三']!.id }]);
    const asked = await getReader().select({ customerId: outbox.customerId }).from(outbox).where(and(eq(outbox.template, 'feedback_request'), eq(outbox.channel, 'inapp')));
    expect(asked.map((a) => a.customerId)).toEqual(expect.arrayContaining([people['陈一']!.id, people['陈三']!.id]));
    const plan = await getYearlyPlan(gdOperator, { year: 2027 }, START + 4 * HOUR);
    const handset = plan.clubs.find((c) => c.club.code === 'handset')!;
    expect(handset.events.find((x) => x.id === e)).toMatchObject({ role: 'held' });
    await expect(closeEvent(gdOperator, e, START + 4 * HOUR)).rejects.toMatchObject({ code: 'already_closed' });

    await correctAttendance(gdOperator, absent, true, START + 5 * HOUR);
    expect((await statusOf(absent)).s).toBe('attended');
    await expect(correctAttendance(gdOperator, absent, true)).rejects.toMatchObject({ code: 'nothing_to_correct' });
    expect((await getReader().select().from(auditLog).where(eq(auditLog.action, 'registration.attendance_correct'))).length).toBeGreaterThan(0);
  });

  it('closes once when closed twice at once, and never makes a no-show of a ticket checked in meanwhile', async () => {
    const e = await event();
    const late = await register('陈一', e);
    const AFTER = START + 3 * HOUR;
    // At once: on PostgreSQL each runs in a transaction of its own, side by side.
    const [first, second, [scan]] = await Promise.all([
      closeEvent(gdOperator, e, AFTER).catch((error: { code: string }) => error.code),
      closeEvent(gdOperator, e, AFTER).catch((error: { code: string }) => error.code),
      checkIn(gdOperator, e, [{ nonce: n(), scannedAt: AFTER, registrationId: late }], AFTER),
    ]);
    expect([first, second].filter((r) => r === 'already_closed')).toHaveLength(1);
    const closed = [first, second].find((r) => typeof r === 'object') as { attended: number; noShows: number };
    const status = (await statusOf(late)).s;
    if (scan!.outcome === 'checked_in') expect([status, closed.attended, closed.noShows]).toEqual(['attended', 1, 0]);
    else expect([scan!.code, status, closed.attended, closed.noShows]).toEqual(['checkin_closed', 'no_show', 0, 1]);
    expect(await getReader().select({ id: activities.id }).from(activities).where(and(eq(activities.eventId, e), inArray(activities.kind, ['attended', 'no_show'])))).toHaveLength(1);
  });

  it('takes one feedback per attendance from the attendee, editable for seven days, on the record and for operators', async () => {
    const e = await event();
    const came = await register('陈四', e);
    const absent = await register('陈五', e);
    await checkIn(gdOperator, e, [{ nonce: n(), scannedAt: DURING, registrationId: came }], DURING);
    await closeEvent(gdOperator, e, START + 3 * HOUR);
    await submitFeedback(people['陈四']!.actor, { registrationId: came, rating: 4, comment: '新机体验很好' }, START + 4 * HOUR);
    await submitFeedback(people['陈四']!.actor, { registrationId: came, rating: 5, comment: '工程师讲解很专业' }, START + 2 * DAY);
    await expect(submitFeedback(people['陈四']!.actor, { registrationId: came, rating: 1, comment: '' }, START + 9 * DAY)).rejects.toMatchObject({ code: 'feedback_locked' });
    await expect(submitFeedback(people['陈五']!.actor, { registrationId: absent, rating: 5, comment: '' })).rejects.toMatchObject({ code: 'feedback_needs_attendance' });
    await expect(submitFeedback(people['陈五']!.actor, { registrationId: came, rating: 5, comment: '' })).rejects.toMatchObject({ code: 'not_found' });
    const seen = await getEventFeedback(gdOperator, e);
    expect(seen).toMatchObject({ average: 5, count: 1, comments: [{ rating: 5, comment: '工程师讲解很专业', name: '陈四' }] });
    const kinds = (await getReader().select({ kind: activities.kind }).from(activities).where(and(eq(activities.customerId, people['陈四']!.id), eq(activities.kind, 'feedback')))).length;
    expect(kinds).toBe(2);
  });
});
