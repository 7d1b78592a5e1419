import 'server-only';
import { and, asc, eq, lt, sql } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { outbox } from '@/db/schema';
import type { OutboxChannel } from '@/lib/domain/types';
import { preparedPerConnection } from './prepared';

export interface OutgoingMessage {
  id: number;
  mobile: string;
  channel: OutboxChannel;
  body: string;
}

/** Delivers SMS. The default writes to the server log; a real gateway implements the same interface. */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
}

export const logSender: MessageSender = {
  async send(message) {
    console.log(`[outbox] ${message.channel} to ${message.mobile}: ${message.body}`);
  },
};

const state = globalThis as typeof globalThis & { __clubHubSender?: MessageSender };

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
    .onConflictDoNothing({ target: outbox.dedupeKey })
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
    const pending = await getReader()
      .select({ id: outbox.id, mobile: outbox.mobile, channel: outbox.channel, body: outbox.body, attempts: outbox.attempts })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lt(outbox.attempts, MAX_ATTEMPTS)))
      .orderBy(asc(outbox.createdAt), asc(outbox.id))
      .limit(BATCH);
    if (pending.length === 0) return sent;
    const results: { id: number; attempts: number; ok: boolean }[] = [];
    for (const message of pending) {
      let ok = true;
      try {
        await sender.send(message);
      } catch (error) {
        ok = false;
        console.error(`[outbox] message ${message.id} failed:`, error);
      }
      results.push({ id: message.id, attempts: message.attempts + 1, ok });
    }
    const now = Date.now();
    await withTransaction(async (tx) => {
      for (const r of results) {
        await tx
          .update(outbox)
          .set(r.ok ? { status: 'sent', sentAt: now, attempts: r.attempts } : { attempts: r.attempts, status: r.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending' })
          .where(and(eq(outbox.id, r.id), eq(outbox.status, 'pending')));
      }
    });
    sent += results.filter((r) => r.ok).length;
    // Failures wait for the scheduler's next tick rather than being retried at once.
    if (results.some((r) => !r.ok)) return sent;
  }
}

type DeliveryState = { running: boolean; again: boolean; scheduled: boolean };
const delivery = globalThis as typeof globalThis & { __clubHubDelivery?: DeliveryState };
const deliveryState = () => (delivery.__clubHubDelivery ??= { running: false, again: false, scheduled: false });

/** One delivery at a time: a message is never handed to the sender twice by overlapping runs. */
export async function deliverExclusively(): Promise<void> {
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
