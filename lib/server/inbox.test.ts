import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { customers, outbox } from '@/db/schema';
import type { Actor } from '@/lib/domain/access';
import { withTempDatabase } from '@/tests/temp-database';
import { INBOX_PAGE_SIZE, listInbox, markAllRead, markShownRead, newestUnreadId, unreadCount } from './inbox';
import { notifyCustomer } from './notifications';

withTempDatabase();

const NOW = Date.UTC(2027, 2, 1, 4);
const member = (customerId: number): Actor => ({ kind: 'member', role: 'member', customerId, provinceCode: '440000', name: 'm' });
const operator: Actor = { kind: 'staff', role: 'operator', staffId: 1, provinceCode: '440000', clubCodes: null, name: 'op' };
let alice = 0;
let bob = 0;

async function addCustomer(mobile: string): Promise<number> {
  return withTransaction(async (tx) => {
    const [row] = await tx.insert(customers).values({ mobile, name: mobile, segment: 'postpaid', provinceCode: '440000', status: 'active' }).returning({ id: customers.id });
    return row!.id;
  });
}

/** A confirmation as the registration use-case sends it: one SMS and one in-app message. */
async function notify(customerId: number, mobile: string, event: string) {
  await withTransaction((tx) => notifyCustomer(tx, { id: customerId, mobile }, 'registration_confirmed', { event, time: '3月6日 14:00' }));
}

beforeAll(async () => {
  alice = await addCustomer('18600000001');
  bob = await addCustomer('18600000002');
  await notify(alice, '18600000001', '新歌首听会');
  await notify(alice, '18600000001', '民谣夜');
  await notify(bob, '18600000002', '手游大赛');
});

describe('the member inbox', () => {
  it('lists only the member\'s own in-app messages, newest first, never the SMS copies', async () => {
    const inbox = await listInbox(member(alice), 1);
    expect(inbox.total).toBe(2);
    expect(inbox.rows.map((r) => r.params?.event)).toEqual(['民谣夜', '新歌首听会']);
    expect(inbox.rows.every((r) => r.template === 'registration_confirmed' && r.readAt === null)).toBe(true);
    expect((await listInbox(member(bob), 1)).rows.map((r) => r.params?.event)).toEqual(['手游大赛']);
    expect(await getReader().$count(outbox, eq(outbox.channel, 'sms'))).toBe(3);
  });

  it('pages newest first, the older messages on the next page', async () => {
    const carol = await addCustomer('18600000003');
    for (let i = 1; i <= INBOX_PAGE_SIZE + 1; i++) await notify(carol, '18600000003', `活动${i}`);
    const first = await listInbox(member(carol), 1);
    const second = await listInbox(member(carol), 2);
    expect(first.total).toBe(INBOX_PAGE_SIZE + 1);
    expect(first.rows).toHaveLength(INBOX_PAGE_SIZE);
    expect(first.rows[0]!.params?.event).toBe(`活动${INBOX_PAGE_SIZE + 1}`);
    expect(second.rows.map((r) => r.params?.event)).toEqual(['活动1']);
    expect((await listInbox(member(carol), 3)).rows).toEqual([]);
  });

  it('marks the member\'s messages read up to the newest shown, leaving others\' and later ones unread', async () => {
    expect(await unreadCount(member(alice))).toBe(2);
    const [newest] = (await listInbox(member(alice), 1)).rows;
    await notify(alice, '18600000001', '影迷交流会');

    expect(await markAllRead(member(alice), newest!.id, NOW)).toBe(2);
    expect(await unreadCount(member(alice))).toBe(1);
    expect(await unreadCount(member(bob))).toBe(1);
    const rows = (await listInbox(member(alice), 1)).rows;
    expect(rows.map((r) => [r.params?.event, r.readAt])).toEqual([
      ['影迷交流会', null],
      ['民谣夜', NOW],
      ['新歌首听会', NOW],
    ]);

    expect(await markAllRead(member(alice), undefined, NOW + 1)).toBe(1);
    expect(await markAllRead(member(alice), undefined, NOW + 2)).toBe(0);
    expect(await unreadCount(member(alice))).toBe(0);
    const sms = await getReader().select({ readAt: outbox.readAt }).from(outbox).where(eq(outbox.channel, 'sms'));
    expect(sms.every((r) => r.readAt === null)).toBe(true);
  });

  it('marks a page\'s messages read when shown, and every page\'s with "mark all read" from any page', async () => {
    const dave = await addCustomer('18600000004');
    for (let i = 1; i <= INBOX_PAGE_SIZE + 2; i++) await notify(dave, '18600000004', `沙龙${i}`);
    const [first, second] = [await listInbox(member(dave), 1), await listInbox(member(dave), 2)];

    // Seeing the first page leaves the two older messages of the second unread.
    expect(await markShownRead(member(dave), first.rows.map((r) => r.id), NOW)).toBe(INBOX_PAGE_SIZE);
    expect(await unreadCount(member(dave))).toBe(2);
    // Another member's ids are not theirs to mark.
    expect(await markShownRead(member(bob), second.rows.map((r) => r.id), NOW)).toBe(0);

    await notify(dave, '18600000004', '新消息');
    const newest = await newestUnreadId(member(dave));
    expect(newest).toBeGreaterThan(Math.max(...first.rows.map((r) => r.id)));
    // Asked from the second page, "mark all read" also reaches the newer message on the first.
    expect(await markAllRead(member(dave), newest!, NOW)).toBe(3);
    expect(await unreadCount(member(dave))).toBe(0);
    expect(await newestUnreadId(member(dave))).toBeNull();
  });

  it('is the member\'s alone: staff are refused', async () => {
    await expect(listInbox(operator, 1)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(unreadCount(operator)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(markAllRead(operator)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(markShownRead(operator, [1])).rejects.toMatchObject({ code: 'forbidden' });
    await expect(newestUnreadId(operator)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
