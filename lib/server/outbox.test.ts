import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { outbox } from '@/db/schema';
import { withTempDatabase } from '@/tests/temp-database';
import { deliverExclusively, enqueueMessage, setMessageSender, type OutgoingMessage } from './outbox';

withTempDatabase();

async function queue(n: number, prefix: string) {
  await withTransaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      await enqueueMessage(tx, { mobile: '18600000001', channel: 'sms', template: 'otp', body: `${prefix} ${i}` });
      await enqueueMessage(tx, { mobile: '18600000001', channel: 'inapp', template: 'otp', body: `${prefix} in app ${i}` });
    }
  });
}

describe('the outbox', () => {
  it('hands every pending SMS to the sender exactly once, however many deliveries overlap', async () => {
    const sent: OutgoingMessage[] = [];
    setMessageSender({
      async send(m) {
        await new Promise((r) => setTimeout(r, 1));
        sent.push(m);
      },
    });
    await queue(250, 'once');
    await Promise.all([deliverExclusively(), deliverExclusively(), deliverExclusively()]);
    expect(sent).toHaveLength(250);
    expect(new Set(sent.map((m) => m.id)).size).toBe(250);
    expect(sent.every((m) => m.channel === 'sms')).toBe(true);
    const pending = await getReader().select().from(outbox).where(eq(outbox.status, 'pending'));
    expect(pending).toEqual([]);
  });

  it('keeps a failed SMS pending for a later try, and gives up after five', async () => {
    setMessageSender({
      async send() {
        throw new Error('gateway down');
      },
    });
    await queue(1, 'failing');
    for (let i = 0; i < 6; i++) await deliverExclusively();
    const [row] = await getReader().select().from(outbox).where(eq(outbox.body, 'failing 0'));
    expect(row).toMatchObject({ status: 'failed', attempts: 5 });
  });

  it('keeps a message with a dedupe key once', async () => {
    await withTransaction(async (tx) => {
      for (let i = 0; i < 3; i++) await enqueueMessage(tx, { mobile: '18600000002', channel: 'inapp', template: 'event_reminder', body: 'x', dedupeKey: 'reminder:1:inapp' });
    });
    expect(await getReader().select().from(outbox).where(eq(outbox.mobile, '18600000002'))).toHaveLength(1);
  });
});
