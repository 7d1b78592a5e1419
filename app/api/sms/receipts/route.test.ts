import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { outbox } from '@/db/schema';
import { deliverPendingMessages, enqueueMessage, setMessageSender } from '@/lib/server/outbox';
import { SIGNATURE_HEADER, signatureOf, TIMESTAMP_HEADER } from '@/lib/server/sms/http';
import { expectDerivedNumbersConsistent } from '@/tests/invariants';
import { withTempDatabase } from '@/tests/temp-database';
import { POST } from './route';

withTempDatabase();

const SECRET = 'receipts signed by the gateway';
beforeAll(() => {
  process.env.SMS_GATEWAY_SECRET = SECRET;
});
afterAll(() => {
  delete process.env.SMS_GATEWAY_SECRET;
});

function receipt(body: unknown, { secret = SECRET, timestamp = String(Date.now()) } = {}) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return new Request('http://club-hub.test/api/sms/receipts', {
    method: 'POST',
    headers: { 'content-type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signatureOf(secret, timestamp, text) },
    body: text,
  });
}

async function queue(mobiles: string[]): Promise<number[]> {
  await withTransaction(async (tx) => {
    for (const mobile of mobiles) await enqueueMessage(tx, { mobile, channel: 'sms', template: 'event_reminder', body: '【3G客户俱乐部】活动明天开始' });
  });
  return (await getReader().select({ id: outbox.id }).from(outbox).where(inArray(outbox.mobile, mobiles)).orderBy(outbox.id)).map((r) => r.id);
}

const statusOf = async (id: number) => (await getReader().select().from(outbox).where(eq(outbox.id, id)))[0]!;

describe('POST /api/sms/receipts', () => {
  it('marks an SMS the gateway took delivered or failed, by signed receipts', async () => {
    const [delivered, failed, early] = await queue(['18640000001', '18640000002', '18640000003']);
    // A receipt quicker than the app's own record that the gateway took the SMS.
    expect((await POST(receipt({ id: early, status: 'delivered' }))).status).toBe(204);
    expect(await statusOf(early!)).toMatchObject({ status: 'pending' });

    setMessageSender({ async send() {} });
    expect(await deliverPendingMessages()).toBe(3);
    expect(await statusOf(early!)).toMatchObject({ status: 'delivered' });

    expect((await POST(receipt({ id: delivered, status: 'delivered' }))).status).toBe(204);
    expect((await POST(receipt({ id: failed, status: 'failed', reason: 'absent subscriber' }))).status).toBe(204);
    // Repeated, it changes nothing.
    expect((await POST(receipt({ id: failed, status: 'failed', reason: 'absent subscriber' }))).status).toBe(204);
    expect(await statusOf(delivered!)).toMatchObject({ status: 'delivered', deliveredAt: expect.any(Number) });
    expect(await statusOf(failed!)).toMatchObject({ status: 'failed', failureReason: 'receipt: absent subscriber' });
    await expectDerivedNumbersConsistent();
  });

  it('refuses an unsigned, mis-signed or stale receipt, one that is not a receipt, and an unknown id, and writes nothing', async () => {
    const [id] = await queue(['18640000011']);
    const unsigned = new Request('http://club-hub.test/api/sms/receipts', { method: 'POST', body: JSON.stringify({ id, status: 'failed' }) });
    expect((await POST(unsigned)).status).toBe(401);
    expect((await POST(receipt({ id, status: 'failed' }, { secret: 'guessed' }))).status).toBe(401);
    expect((await POST(receipt({ id, status: 'failed' }, { timestamp: String(Date.now() - 10 * 60_000) }))).status).toBe(401);
    const bad = await POST(receipt({ id, status: 'lost' }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid_input' });
    expect((await POST(receipt('not json'))).status).toBe(400);
    expect((await POST(receipt({ id: 999_999, status: 'delivered' }))).status).toBe(404);
    expect(await statusOf(id!)).toMatchObject({ status: 'pending', segments: null });
  });

  it('is not there without a secret to check receipts by', async () => {
    delete process.env.SMS_GATEWAY_SECRET;
    try {
      expect((await POST(receipt({ id: 1, status: 'delivered' }))).status).toBe(404);
    } finally {
      process.env.SMS_GATEWAY_SECRET = SECRET;
    }
  });
});
