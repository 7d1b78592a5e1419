import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { customers, events, memberships, openingReminders, outbox } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { DAY, HOUR } from '@/lib/domain/time';
import type { Segment } from '@/lib/domain/types';
import { withTempDatabase } from '@/tests/temp-database';
import { cancelOpeningReminder, hasOpeningReminder, requestOpeningReminder, sendOpeningReminders } from './opening-reminders';

withTempDatabase();

const NOW = Date.UTC(2027, 2, 1, 4);
const member = (customerId: number, provinceCode = '440000'): Actor => ({ kind: 'member', role: 'member', customerId, provinceCode, name: 'm' });
const operator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: 'op' };
const ids = { vip: 0, regular: 0, beijing: 0, outsider: 0 };
let mobiles = 0;

async function addCustomer(segment: Segment, provinceCode = '440000', club: 'music' | null = 'music'): Promise<number> {
  return withTransaction(async (tx) => {
    const mobile = `1860000${String(++mobiles).padStart(4, '0')}`;
    const [row] = await tx.insert(customers).values({ mobile, name: mobile, segment, provinceCode, status: 'active' }).returning({ id: customers.id });
    if (club) await tx.insert(memberships).values({ customerId: row!.id, clubCode: club, provinceCode, joinedAt: 0, joinChannel: 'hall' });
    return row!.id;
  });
}

/** A Guangdong music event: VIPs from `vipIn`, everyone from `regIn`, both from NOW. */
async function addEvent(regIn: number, vipIn: number | null, status: 'published' | 'cancelled' = 'published'): Promise<number> {
  return withTransaction(async (tx) => {
    const [e] = await tx
      .insert(events)
      .values({
        clubCode: 'music',
        provinceCode: '440000',
        kind: 'music_fan_event',
        titleZh: `新歌首听会 ${regIn}`,
        titleEn: `New songs ${regIn}`,
        venue: '广州大剧院',
        startsAt: NOW + 20 * DAY,
        endsAt: NOW + 20 * DAY + 2 * HOUR,
        capacity: 10,
        vipOpensAt: vipIn === null ? null : NOW + vipIn,
        regOpensAt: NOW + regIn,
        regClosesAt: NOW + 19 * DAY,
        eligibleSegments: ['prepaid', 'postpaid', 'postpaid_vip'],
        status,
        publishedAt: NOW - DAY,
      })
      .returning({ id: events.id });
    return e!.id;
  });
}

const messagesOf = (customerId: number) =>
  getReader()
    .select({ channel: outbox.channel, params: outbox.params, body: outbox.body })
    .from(outbox)
    .where(and(eq(outbox.customerId, customerId), eq(outbox.template, 'registration_opened')));

beforeAll(async () => {
  ids.vip = await addCustomer('postpaid_vip');
  ids.regular = await addCustomer('postpaid');
  ids.beijing = await addCustomer('postpaid', '110000');
  ids.outsider = await addCustomer('postpaid', '440000', null);
});

describe('reminders of registration opening', () => {
  it('are taken only while registration is not open to the member yet, once, and can be taken back', async () => {
    const eventId = await addEvent(2 * DAY, DAY);
    await requestOpeningReminder(member(ids.regular), eventId, NOW);
    await requestOpeningReminder(member(ids.regular), eventId, NOW);
    expect(await getReader().$count(openingReminders, eq(openingReminders.eventId, eventId))).toBe(1);
    expect(await hasOpeningReminder(member(ids.regular), eventId)).toBe(true);
    await cancelOpeningReminder(member(ids.regular), eventId);
    expect(await hasOpeningReminder(member(ids.regular), eventId)).toBe(false);

    // Open already, not a member of the club, another province's member, staff: refused, nothing written.
    const open = await addEvent(-HOUR, null);
    await expect(requestOpeningReminder(member(ids.regular), open, NOW)).rejects.toMatchObject({ code: 'reminder_not_needed' });
    await expect(requestOpeningReminder(member(ids.outsider), eventId, NOW)).rejects.toMatchObject({ code: 'reminder_not_needed' });
    await expect(requestOpeningReminder(member(ids.beijing, '110000'), eventId, NOW)).rejects.toMatchObject({ code: 'not_found' });
    await expect(cancelOpeningReminder(member(ids.beijing, '110000'), eventId)).rejects.toMatchObject({ code: 'not_found' });
    await expect(requestOpeningReminder(operator, eventId, NOW)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await getReader().$count(openingReminders)).toBe(0);
  });

  it('are sent when registration opens to each member: a VIP at their own window, the others at the general opening', async () => {
    const eventId = await addEvent(2 * DAY, DAY);
    await requestOpeningReminder(member(ids.vip), eventId, NOW);
    await requestOpeningReminder(member(ids.regular), eventId, NOW);

    expect(await sendOpeningReminders(NOW + DAY - 1)).toBe(0);
    // The VIP window opens: the VIP is told; the regular member is still waiting for theirs.
    expect(await sendOpeningReminders(NOW + DAY)).toBe(1);
    const vip = await messagesOf(ids.vip);
    expect(vip.map((m) => m.channel).sort()).toEqual(['inapp', 'sms']);
    expect(vip[0]!.params).toMatchObject({ event: '新歌首听会 172800000', eventEn: 'New songs 172800000', eventId });
    expect(vip.find((m) => m.channel === 'sms')!.body).toContain('现已开放报名');
    expect(await messagesOf(ids.regular)).toHaveLength(0);
    expect(await hasOpeningReminder(member(ids.regular), eventId)).toBe(true);

    expect(await sendOpeningReminders(NOW + 2 * DAY)).toBe(1);
    expect(await messagesOf(ids.regular)).toHaveLength(2);
    // Once: later ticks send nothing more.
    expect(await sendOpeningReminders(NOW + 2 * DAY + HOUR)).toBe(0);
    expect(await messagesOf(ids.vip)).toHaveLength(2);
  });

  it('are dropped unsent when the event is cancelled or registration closed first', async () => {
    const cancelled = await addEvent(DAY, null);
    const closing = await addEvent(DAY, null);
    const customer = await addCustomer('postpaid');
    await requestOpeningReminder(member(customer), cancelled, NOW);
    await requestOpeningReminder(member(customer), closing, NOW);
    await withTransaction((tx) => tx.update(events).set({ status: 'cancelled' }).where(eq(events.id, cancelled)));
    await withTransaction((tx) => tx.update(events).set({ regOpensAt: NOW + 2 * HOUR, regClosesAt: NOW + 3 * HOUR }).where(eq(events.id, closing)));

    expect(await sendOpeningReminders(NOW + HOUR)).toBe(0);
    expect(await sendOpeningReminders(NOW + DAY)).toBe(0);
    expect(await messagesOf(customer)).toHaveLength(0);
    const left = await getReader().select({ sentAt: openingReminders.sentAt }).from(openingReminders).where(eq(openingReminders.customerId, customer));
    expect(left.map((r) => r.sentAt)).toEqual([NOW + HOUR, NOW + DAY]);
  });
});
