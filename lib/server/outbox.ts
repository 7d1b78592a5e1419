import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { withTransaction, type Tx } from '@/db/client';
import { outbox } from '@/db/schema';
import { forUpdateSkipLocked } from '@/db/sql';
import type { OutboxChannel } from '@/lib/domain/types';
import { INSTANCE, schedulerTickMs } from './instance';
import { log } from './log';
import { preparedPerConnection } from './prepared';
import { sealSecret, unsealSecret } from './secrets';
import { configuredSender, messageLogFields, PermanentSendError, type MessageSender, type OutgoingMessage, type SendResult } from './sms';
import { settleMessages } from './sms/parts';
import { onWriter } from './write-thread';

export type { MessageSender, OutgoingMessage } from './sms';

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
  /**
   * Secret parameters of an SMS (a one-time code), each named by a `{name}` placeholder of the
   * body: stored sealed, filled in only when the message is handed to the sender, and erased once
   * it was sent or has failed for good.
   */
  secret?: Record<string, string>;
  /** A message that must go out once (a reminder) carries a key; a second enqueue is ignored. */
  dedupeKey?: string;
}

/** What a sealed secret is bound to: it opens only on a message to the same number, of the same kind. */
const sealContext = (m: { channel: OutboxChannel; mobile: string; template: string }) => `outbox:${m.channel}:${m.mobile}:${m.template}`;

const PLACEHOLDER = /\{([a-z][a-zA-Z0-9]*)\}/g;

function sealedSecretOf(message: MessageInput): string | null {
  if (!message.secret) return null;
  // An in-app message is delivered by being stored: a secret in it would be kept in clear.
  if (message.channel !== 'sms') throw new Error('only an SMS may carry a secret');
  const named = new Set([...message.body.matchAll(PLACEHOLDER)].map((m) => m[1]));
  for (const name of Object.keys(message.secret)) if (!named.has(name)) throw new Error(`the body has no {${name}} for its secret`);
  return sealSecret('outbox', JSON.stringify(message.secret), sealContext(message));
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
    sealed: sealedSecretOf(message),
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
      sealed: p('sealed'),
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

type PendingRow = { id: number; mobile: string; channel: OutboxChannel; template: string; body: string; sealed: string | null; attempts: number };

/**
 * The message as the sender gets it, its secrets filled in; null when its sealed secret no longer
 * opens (NEXTAUTH_SECRET changed since it was queued), which no retry will mend.
 */
function outgoingOf(row: PendingRow): OutgoingMessage | null {
  const message = { id: row.id, mobile: row.mobile, channel: row.channel, template: row.template, body: row.body, loggableBody: row.body };
  if (row.sealed === null) return message;
  const opened = unsealSecret('outbox', row.sealed, sealContext(row));
  if (opened === null) return null;
  const secret = JSON.parse(opened) as Record<string, string>;
  return { ...message, body: row.body.replace(PLACEHOLDER, (whole, name: string) => secret[name] ?? whole) };
}

/**
 * How long a delivery run's claim on a batch lasts: five scheduler ticks (5 minutes by default),
 * far longer than a batch takes to send; past it, another run may take the batch (its holder died).
 */
export const claimMs = () => 5 * schedulerTickMs();

/**
 * Claims up to `batch` pending SMS, oldest first, for this run: each is marked with the run's name
 * and the claim's end, in one statement that passes over rows another server's claim is taking
 * (forUpdateSkipLocked) and over those another run has claimed, until their claim expires.
 */
async function claimPending(batch: number, now: number): Promise<PendingRow[]> {
  const rows = await withTransaction((tx) =>
    tx
      .update(outbox)
      .set({ claimedBy: INSTANCE, claimedUntil: now + claimMs() })
      .where(
        sql`${outbox.id} in (select o.id from ${outbox} o where o.status = 'pending' and o.attempts < ${MAX_ATTEMPTS}
          and (o.claimed_until is null or o.claimed_until <= ${now}) order by o.created_at, o.id limit ${batch} ${forUpdateSkipLocked()})`,
      )
      .returning({ id: outbox.id, mobile: outbox.mobile, channel: outbox.channel, template: outbox.template, body: outbox.body, sealed: outbox.sealed, attempts: outbox.attempts, createdAt: outbox.createdAt }),
  );
  return rows.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
}

/**
 * Sends pending SMS through the sender, oldest first, until none is left. Each batch is claimed
 * first (claimPending), so that runs on several servers never hand the same message to the sender;
 * sending happens outside any transaction, and a batch's results are recorded in one transaction
 * afterwards, for the claims this run still holds. Returns how many were sent. On one server,
 * callers go through deliverSoon or the scheduler, which never run two of these at once.
 */
export async function deliverPendingMessages(now = () => Date.now()): Promise<number> {
  const sender = state.__clubHubSender ?? configuredSender();
  let sent = 0;
  for (;;) {
    const pending = await claimPending(BATCH, now());
    if (pending.length === 0) return sent;
    const outgoing = pending.map(outgoingOf);
    const sendable = outgoing.filter((m): m is OutgoingMessage => m !== null);
    const results = new Map((await sendBatch(sender, sendable)).map((result, i) => [sendable[i]!.id, result]));
    for (const [i, message] of outgoing.entries()) if (message === null) log.error({ messageId: pending[i]!.id }, 'sms secret does not open: given up');
    const at = now();
    const sentIds: number[] = [];
    await withTransaction(async (tx) => {
      const st = resultsFor(tx);
      for (const message of pending) {
        const attempts = message.attempts + 1;
        const result = results.get(message.id);
        const claim = { id: message.id, claimer: INSTANCE, attempts };
        if (result === true) {
          await st.sent.execute({ ...claim, now: at });
          sentIds.push(message.id);
        } else if (result === undefined) await st.givenUp.execute({ ...claim, reason: 'the sealed secret no longer opens' });
        else if (result !== false) await st.givenUp.execute({ ...claim, reason: result.failed });
        else if (attempts >= MAX_ATTEMPTS) await st.givenUp.execute({ ...claim, reason: `not taken by the gateway in ${attempts} tries` });
        else await st.retry.execute(claim);
      }
      // Receipts that came before these were marked sent (SMPP) settle them now.
      await settleMessages(tx, sentIds);
    });
    sent += sentIds.length;
    // Failures wait for the scheduler's next tick rather than being retried at once.
    if (sendable.some((m) => results.get(m.id) !== true)) return sent;
  }
}

async function sendBatch(sender: MessageSender, messages: OutgoingMessage[]): Promise<SendResult[]> {
  if (messages.length === 0) return [];
  if (sender.sendMany) {
    try {
      return await sender.sendMany(messages);
    } catch (error) {
      log.error({ err: error, messages: messages.length }, 'sms batch failed');
      return messages.map(() => false);
    }
  }
  const results: SendResult[] = [];
  for (const message of messages) {
    try {
      await sender.send(message);
      results.push(true);
    } catch (error) {
      log.error({ err: error, ...messageLogFields(message) }, 'sms failed');
      results.push(error instanceof PermanentSendError ? { failed: error.message } : false);
    }
  }
  return results;
}

// A message's sealed secret goes as soon as the message is settled either way.
const resultsFor = preparedPerConnection((tx: Tx) => {
  const p = sql.placeholder;
  // Still pending and still this run's: a claim that expired and was taken by another run is that run's to record.
  const stillClaimed = and(eq(outbox.id, p('id')), eq(outbox.status, 'pending'), eq(outbox.claimedBy, p('claimer')));
  const released = { claimedBy: null, claimedUntil: null };
  return {
    sent: tx.update(outbox).set({ status: 'sent', sentAt: sql`${p('now')}`, attempts: sql`${p('attempts')}`, sealed: null, ...released }).where(stillClaimed).prepare(),
    retry: tx.update(outbox).set({ attempts: sql`${p('attempts')}`, ...released }).where(stillClaimed).prepare(),
    givenUp: tx.update(outbox).set({ status: 'failed', attempts: sql`${p('attempts')}`, failureReason: sql`${p('reason')}`, sealed: null, ...released }).where(stillClaimed).prepare(),
  };
});

type DeliveryState = { running: boolean; again: boolean; scheduled: boolean };
const delivery = globalThis as typeof globalThis & { __clubHubDelivery?: DeliveryState };
const deliveryState = () => (delivery.__clubHubDelivery ??= { running: false, again: false, scheduled: false });

/**
 * One delivery at a time: a message is never handed to the sender twice by overlapping runs. In
 * the production server on SQLite the runs happen on the write worker (write-thread.ts), the one
 * thread that delivers: there its marks of sent messages do not disturb the registrations' page
 * cache. On PostgreSQL they run in this process; runs on several servers each claim their own batches.
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
    deliverExclusively().catch((error: unknown) => log.error({ err: error }, 'sms delivery failed'));
  }, 25).unref();
}
