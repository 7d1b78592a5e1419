import fs from 'node:fs';
import path from 'node:path';
import { desc, eq, inArray } from 'drizzle-orm';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { getReader, withTransaction } from '@/db/client';
import { outbox } from '@/db/schema';
import { OTP_MESSAGE_TEMPLATE } from '@/lib/domain/otp';
import { withTempDatabase } from '@/tests/temp-database';
import { log } from './log';
import { claimMs, deliverExclusively, deliverPendingMessages, enqueueMessage, setMessageSender, type OutgoingMessage } from './outbox';
import { logSender, PermanentSendError } from './sms';

withTempDatabase();

async function queue(n: number, prefix: string) {
  await withTransaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      await enqueueMessage(tx, { mobile: '18600000001', channel: 'sms', template: 'otp', body: `${prefix} ${i}` });
      await enqueueMessage(tx, { mobile: '18600000001', channel: 'inapp', template: 'otp', body: `${prefix} in app ${i}` });
    }
  });
}

/** The log lines written while `fn` runs, as the server would print them (kept off the test's output). */
async function logLines(fn: () => Promise<unknown>): Promise<string[]> {
  const stream = (log as unknown as Record<symbol, { write(line: string): boolean }>)[pino.symbols.streamSym]!;
  const write = vi.spyOn(stream, 'write').mockImplementation(() => true);
  try {
    await fn();
    return write.mock.calls.map(([line]) => String(line));
  } finally {
    write.mockRestore();
  }
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

  it('lets delivery runs on several servers each claim their own messages: every SMS sent once', async () => {
    const sent: number[] = [];
    setMessageSender({
      async send(m) {
        await new Promise((r) => setTimeout(r, 1));
        sent.push(m.id);
      },
    });
    await queue(450, 'servers');
    // Three runs at once, as three servers would (deliverPendingMessages itself, without this
    // process's one-at-a-time guard).
    const counts = await Promise.all([deliverPendingMessages(), deliverPendingMessages(), deliverPendingMessages()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(450);
    expect(sent).toHaveLength(450);
    expect(new Set(sent).size).toBe(450);
    const left = await getReader().select().from(outbox).where(eq(outbox.status, 'pending'));
    expect(left).toEqual([]);
  });

  it("takes over the claim of a server that died once it expires, and leaves a live claim to its holder", async () => {
    const sent: string[] = [];
    setMessageSender({
      async send(m) {
        sent.push(m.body);
      },
    });
    await queue(2, 'claimed');
    const rows = await getReader().select().from(outbox).where(inArray(outbox.body, ['claimed 0', 'claimed 1']));
    const now = Date.now();
    const [dead, live] = [rows.find((r) => r.body === 'claimed 0')!, rows.find((r) => r.body === 'claimed 1')!];
    await withTransaction(async (tx) => {
      await tx.update(outbox).set({ claimedBy: 'a server that died', claimedUntil: now - 1 }).where(eq(outbox.id, dead.id));
      await tx.update(outbox).set({ claimedBy: 'another server', claimedUntil: now + claimMs() }).where(eq(outbox.id, live.id));
    });
    expect(await deliverPendingMessages(() => now)).toBe(1);
    expect(sent).toEqual(['claimed 0']);
    const [liveAfter] = await getReader().select().from(outbox).where(eq(outbox.id, live.id));
    expect(liveAfter).toMatchObject({ status: 'pending', claimedBy: 'another server' });
    // Once that claim has run out too, the next run sends it.
    expect(await deliverPendingMessages(() => now + claimMs())).toBe(1);
    expect(sent).toEqual(['claimed 0', 'claimed 1']);
  });

  it('keeps a failed SMS pending for a later try, and gives up after five', async () => {
    setMessageSender({
      async send() {
        throw new Error('gateway down');
      },
    });
    await queue(1, 'failing');
    await logLines(async () => {
      for (let i = 0; i < 6; i++) await deliverExclusively();
    });
    const [row] = await getReader().select().from(outbox).where(eq(outbox.body, 'failing 0'));
    expect(row).toMatchObject({ status: 'failed', attempts: 5, failureReason: 'not taken by the gateway in 5 tries' });
  });

  it('fails an SMS at once, with the reason, when the gateway refuses it for good', async () => {
    let tries = 0;
    setMessageSender({
      async send() {
        tries++;
        throw new PermanentSendError('submit_sm refused: ESME_RINVDSTADR');
      },
    });
    await queue(1, 'refused');
    await logLines(async () => {
      for (let i = 0; i < 3; i++) await deliverExclusively();
    });
    const [row] = await getReader().select().from(outbox).where(eq(outbox.body, 'refused 0'));
    expect(row).toMatchObject({ status: 'failed', attempts: 1, failureReason: 'submit_sm refused: ESME_RINVDSTADR' });
    expect(tries).toBe(1);
  });

  it('keeps a message with a dedupe key once', async () => {
    await withTransaction(async (tx) => {
      for (let i = 0; i < 3; i++) await enqueueMessage(tx, { mobile: '18600000002', channel: 'inapp', template: 'event_reminder', body: 'x', dedupeKey: 'reminder:1:inapp' });
    });
    expect(await getReader().select().from(outbox).where(eq(outbox.mobile, '18600000002'))).toHaveLength(1);
  });
});

describe('an SMS with a secret', () => {
  const mobile = '18612345678';
  const body = '【3G客户俱乐部】您的验证码是{code}，5分钟内有效。请勿告诉他人。';

  async function queueCode(code: string, to = mobile) {
    await withTransaction(async (tx) => {
      await enqueueMessage(tx, { mobile: to, channel: 'sms', template: 'otp', body, secret: { code } });
    });
    const [row] = await getReader().select().from(outbox).where(eq(outbox.mobile, to)).orderBy(desc(outbox.id)).limit(1);
    return row!;
  }

  it('is stored without its secret, and the sender gets the text with it', async () => {
    const row = await queueCode('804215');
    expect(row).toMatchObject({ body, status: 'pending', sealed: expect.stringMatching(/^v1\./) });
    expect(JSON.stringify(row)).not.toContain('804215');
    // The number is where the sender needs it, and nowhere else in the row.
    expect(JSON.stringify({ ...row, mobile: undefined })).not.toContain(mobile);

    const sent: OutgoingMessage[] = [];
    setMessageSender({
      async send(m) {
        sent.push(m);
      },
    });
    await deliverExclusively();
    expect(sent.find((m) => m.id === row.id)).toMatchObject({ body: '【3G客户俱乐部】您的验证码是804215，5分钟内有效。请勿告诉他人。', loggableBody: body });
    const [after] = await getReader().select().from(outbox).where(eq(outbox.id, row.id));
    expect(after).toMatchObject({ status: 'sent', sealed: null, body });
  });

  it('is erased once the sender has failed for good', async () => {
    const row = await queueCode('551903', '18612345679');
    setMessageSender({
      async send() {
        throw new Error('gateway down');
      },
    });
    await logLines(async () => {
      for (let i = 0; i < 4; i++) await deliverExclusively();
    });
    expect((await getReader().select().from(outbox).where(eq(outbox.id, row.id)))[0]).toMatchObject({ status: 'pending', sealed: row.sealed });
    await logLines(() => deliverExclusively());
    expect((await getReader().select().from(outbox).where(eq(outbox.id, row.id)))[0]).toMatchObject({ status: 'failed', attempts: 5, sealed: null });
  });

  it('is given up at once when its secret no longer opens, and nothing reaches the sender', async () => {
    const row = await queueCode('660017', '18612345680');
    await withTransaction(async (tx) => {
      await tx.update(outbox).set({ mobile: '18612345681' }).where(eq(outbox.id, row.id));
    });
    const sent: OutgoingMessage[] = [];
    setMessageSender({
      async send(m) {
        sent.push(m);
      },
    });
    const lines = await logLines(() => deliverExclusively());
    expect(sent).toEqual([]);
    expect(lines.some((l) => l.includes('does not open'))).toBe(true);
    expect((await getReader().select().from(outbox).where(eq(outbox.id, row.id)))[0]).toMatchObject({ status: 'failed', sealed: null });
  });

  it('is logged by the default sender with the number masked and without the code', async () => {
    const row = await queueCode('390472', '18698761234');
    setMessageSender(logSender);
    const lines = await logLines(() => deliverExclusively());
    const line = lines.find((l) => l.includes(`"messageId":${row.id}`));
    expect(JSON.parse(line!)).toMatchObject({ level: 'info', to: '186****1234', template: 'otp', text: body });
    expect(lines.join('')).not.toContain('390472');
    expect(lines.join('')).not.toContain('18698761234');
  });

  it('logs a failed delivery without the number or the code', async () => {
    const row = await queueCode('118830', '18698765432');
    setMessageSender({
      async send(m) {
        throw new Error(`gateway refused ${m.id}`);
      },
    });
    const lines = await logLines(() => deliverExclusively());
    expect(lines.some((l) => l.includes(`gateway refused ${row.id}`) && l.includes('186****5432'))).toBe(true);
    expect(lines.join('')).not.toMatch(/118830|18698765432/);
  });

  it('refuses a secret without its placeholder, or in an in-app message', async () => {
    await expect(withTransaction((tx) => enqueueMessage(tx, { mobile, channel: 'sms', template: 'otp', body: 'no placeholder', secret: { code: '1' } }))).rejects.toThrow('{code}');
    await expect(withTransaction((tx) => enqueueMessage(tx, { mobile, channel: 'inapp', template: 'otp', body, secret: { code: '1' } }))).rejects.toThrow('only an SMS');
  });

  it('keeps the placeholder text that the migration writes over codes stored before', () => {
    const migration = fs.readFileSync(path.join(process.cwd(), 'db/migrations/0024_outbox_sealed_secret.sql'), 'utf8');
    expect(body).toBe(OTP_MESSAGE_TEMPLATE);
    expect(migration).toContain(`'${OTP_MESSAGE_TEMPLATE}'`);
  });
});
