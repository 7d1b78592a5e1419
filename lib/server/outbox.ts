import 'server-only';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { getReader, withTransaction, type Db, type Tx } from '@/db/client';
import { outbox } from '@/db/schema';
import type { OutboxChannel } from '@/lib/domain/types';
import { preparedPerConnection } from './prepared';
import { onWriter } from './write-thread';

export interface OutgoingMessage {
  id: number;
  mobile: string;
  channel: OutboxChannel;
  body: string;
}

/** Delivers SMS. The default writes to the server log; a real gateway implements the same interface. */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
  /** Optional: a batch in one call; answers whether each was sent. */
  sendMany?(messages: OutgoingMessage[]): Promise<boolean[]>;
}

const logLine = (m: OutgoingMessage) => `[outbox] ${m.channel} to ${m.mobile}: ${m.body}\n`;

/** The default sender: the server log, one line per message, a batch written at once. */
export const logSender: MessageSender = {
  async send(message) {
    process.stdout.write(logLine(message));
  },
  async sendMany(messages) {
    process.stdout.write(messages.map(logLine).join(''));
    return messages.map(() => true);
  },
};

const state = globalThis as typeof globalThis & { __clubHubSender?: MessageSender };

/** Installs the sender of the thread that delivers (the write worker's, in the production server). */
export function setMessageSender(sender: MessageSender): void {
  state.__clubHubSender = sender;
}

export interface MessageInput {
  customerId?: number | null;
  mobile: string;
  channel: OutboxChannel;
  template: string;
  params?: Record<string, string | number>;
  body: string;
  /** A message that must go out once (a reminder) carries a key; a second enqueue is ignored. */
  dedupeKey?: string;
}

/** Queues a message in the caller's transaction: it exists only if the change that caused it commits. */
export async function enqueueMessage(tx: Tx, message: MessageInput): Promise<void> {
  // In-app messages are delivered by being stored; only SMS waits for the sender.
  const delivered = message.channel === 'inapp';
  const now = Date.now();
  await insertFor(tx).execute({
    customerId: message.customerId ?? null,
    mobile: message.mobile,
    channel: message.channel,
    template: message.template,
    params: message.params ?? null,
    body: message.body,
    dedupeKey: message.dedupeKey ?? null,
    status: delivered ? 'sent' : 'pending',
    sentAt: delivered ? now : null,
    createdAt: now,
  });
}

const insertFor = preparedPerConnection((tx: Tx) => {
  const p = sql.placeholder;
  return tx
    .insert(outbox)
    .values({
      customerId: p('customerId'),
      mobile: p('mobile'),
      channel: p('channel'),
      template: p('template'),
      params: p('params'),
      body: p('body'),
      dedupeKey: p('dedupeKey'),
      status: p('status'),
      sentAt: p('sentAt'),
      createdAt: p('createdAt'),
    })
    .onConflictDoNothing()
    .prepare();
});

const MAX_ATTEMPTS = 5;
const BATCH = 200;

/**
 * Sends pending SMS through the sender, oldest first, until none is left. Sending happens outside
 * any transaction; a batch's results are recorded in one transaction afterwards. Returns how many
 * were sent. Callers go through deliverSoon or the scheduler, which never run two of these at once.
 */
export async function deliverPendingMessages(): Promise<number> {
  const sender = state.__clubHubSender ?? logSender;
  let sent = 0;
  for (;;) {
    const pending = await pendingFor(getReader()).execute({ batch: BATCH });
    if (pending.length === 0) return sent;
    const ok = await sendBatch(sender, pending);
    const now = Date.now();
    await withTransaction(async (tx) => {
      const st = resultsFor(tx);
      for (const [i, message] of pending.entries()) {
        const attempts = message.attempts + 1;
        if (ok[i]) await st.sent.execute({ id: message.id, attempts, now });
        else await st.failed.execute({ id: message.id, attempts, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending' });
      }
    });
    sent += ok.filter(Boolean).length;
    // Failures wait for the scheduler's next tick rather than being retried at once.
    if (ok.some((o) => !o)) return sent;
  }
}

async function sendBatch(sender: MessageSender, messages: OutgoingMessage[]): Promise<boolean[]> {
  if (sender.sendMany) {
    try {
      return await sender.sendMany(messages);
    } catch (error) {
      console.error('[outbox] batch failed:', error);
      return messages.map(() => false);
    }
  }
  const ok: boolean[] = [];
  for (const message of messages) {
    try {
      await sender.send(message);
      ok.push(true);
    } catch (error) {
      console.error(`[outbox] message ${message.id} failed:`, error);
      ok.push(false);
    }
  }
  return ok;
}

const pendingFor = preparedPerConnection((db: Db) =>
  db
    .select({ id: outbox.id, mobile: outbox.mobile, channel: outbox.channel, body: outbox.body, attempts: outbox.attempts })
    .from(outbox)
    // A literal 'pending', so that SQLite may use the partial index of pending messages.
    .where(and(sql`${outbox.status} = 'pending'`, lt(outbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(sql.placeholder('batch'))
    .prepare(),
);

const resultsFor = preparedPerConnection((tx: Tx) => {
  const p = sql.placeholder;
  const stillPending = and(eq(outbox.id, p('id')), eq(outbox.status, 'pending'));
  return {
    sent: tx.update(outbox).set({ status: 'sent', sentAt: sql`${p('now')}`, attempts: sql`${p('attempts')}` }).where(stillPending).prepare(),
    failed: tx.update(outbox).set({ status: sql`${p('status')}`, attempts: sql`${p('attempts')}` }).where(stillPending).prepare(),
  };
});

type DeliveryState = { running: boolean; again: boolean; scheduled: boolean };
const delivery = globalThis as typeof globalThis & { __clubHubDelivery?: DeliveryState };
const deliveryState = () => (delivery.__clubHubDelivery ??= { running: false, again: false, scheduled: false });

/**
 * One delivery at a time: a message is never handed to the sender twice by overlapping runs. In
 * the production server the runs happen on the write worker (write-thread.ts), the one thread
 * that delivers: there its marks of sent messages do not disturb the registrations' page cache.
 */
export function deliverExclusively(): Promise<void> {
  return onWriter('deliver', [], deliverHere);
}

/** A delivery run on this thread (what deliverExclusively runs where deliveries happen). */
export async function deliverHere(): Promise<void> {
  const d = deliveryState();
  if (d.running) {
    d.again = true;
    return;
  }
  d.running = true;
  try {
    do {
      d.again = false;
      await deliverPendingMessages();
    } while (d.again);
  } finally {
    d.running = false;
  }
}

/**
 * Kicks delivery after a commit without making the request wait for it. Calls within a few
 * milliseconds of each other (a registration storm) share one run.
 */
export function deliverSoon(): void {
  const d = deliveryState();
  if (d.running) {
    d.again = true;
    return;
  }
  if (d.scheduled) return;
  d.scheduled = true;
  setTimeout(() => {
    d.scheduled = false;
    deliverExclusively().catch((error: unknown) => console.error('[outbox] delivery failed:', error));
  }, 25).unref();
}
