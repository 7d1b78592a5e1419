import 'server-only';
import { and, asc, eq, lt } from 'drizzle-orm';
import { getReader, withTransaction, type Tx } from '@/db/client';
import { outbox } from '@/db/schema';
import type { OutboxChannel } from '@/lib/domain/types';

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
  await tx
    .insert(outbox)
    .values({ ...message, params: message.params ?? null, status: delivered ? 'sent' : 'pending', sentAt: delivered ? Date.now() : null })
    .onConflictDoNothing({ target: outbox.dedupeKey });
}

const MAX_ATTEMPTS = 5;

/**
 * Sends pending SMS through the sender, oldest first. Sending happens outside any transaction;
 * each result is recorded afterwards. Returns how many were sent.
 */
export async function deliverPendingMessages(limit = 100): Promise<number> {
  const sender = state.__clubHubSender ?? logSender;
  const pending = await getReader()
    .select({ id: outbox.id, mobile: outbox.mobile, channel: outbox.channel, body: outbox.body, attempts: outbox.attempts })
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lt(outbox.attempts, MAX_ATTEMPTS)))
    .orderBy(asc(outbox.createdAt), asc(outbox.id))
    .limit(limit);
  let sent = 0;
  for (const message of pending) {
    let ok = true;
    try {
      await sender.send(message);
    } catch (error) {
      ok = false;
      console.error(`[outbox] message ${message.id} failed:`, error);
    }
    await withTransaction(async (tx) => {
      const attempts = message.attempts + 1;
      await tx
        .update(outbox)
        .set(ok ? { status: 'sent', sentAt: Date.now(), attempts } : { attempts, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending' })
        .where(and(eq(outbox.id, message.id), eq(outbox.status, 'pending')));
    });
    if (ok) sent++;
  }
  return sent;
}

/** Kicks delivery after a commit without making the request wait for it. */
export function deliverSoon(): void {
  deliverPendingMessages().catch((error: unknown) => console.error('[outbox] delivery failed:', error));
}
