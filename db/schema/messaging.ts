import { sql } from 'drizzle-orm';
import { check, index, integer, table, text, uniqueIndex } from './core';
import { OUTBOX_CHANNELS, OUTBOX_STATUSES, SMS_PART_OUTCOMES, type OutboxChannel, type OutboxStatus, type SmsPartOutcome } from '@/lib/domain/types';
import { createdAt, oneOf } from './columns';
import { customers } from './customers';

/** Messages to customers (SMS text and in-app), written in the transaction that causes them. */
export const outbox = table(
  'outbox',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    customerId: integer().references(() => customers.id),
    mobile: text().notNull(),
    channel: text().$type<OutboxChannel>().notNull(),
    /** Message key under `messages.outbox`, rendered in the reader's language in the app. */
    template: text().notNull(),
    params: text({ mode: 'json' }).$type<Record<string, string | number>>(),
    /**
     * The SMS text (Chinese). A message with a secret (a one-time code) keeps a `{name}` placeholder
     * here instead, so that neither this table nor a log of it holds the code.
     */
    body: text().notNull(),
    /**
     * The secret parameters of a pending SMS, sealed (AES-256-GCM, secrets.ts): put into the body's
     * placeholders only when the message is handed to the sender, and erased (null) once it was
     * sent or has failed for good.
     */
    sealed: text(),
    /** Makes a message that must go out once (a reminder) idempotent. */
    dedupeKey: text(),
    status: text().$type<OutboxStatus>().notNull().default('pending'),
    attempts: integer().notNull().default(0),
    /**
     * A delivery run's claim on a pending SMS (lib/server/outbox.ts): the run that holds it hands it
     * to the sender and records the result; another (on this server or another) skips it until the
     * claim expires, as it does when its holder died.
     */
    claimedBy: text(),
    claimedUntil: integer(),
    createdAt: createdAt(),
    /** When the gateway took the SMS (all its segments, on SMPP). */
    sentAt: integer(),
    readAt: integer(),
    /**
     * How many segments an SMS went out in over SMPP (lib/server/sms/smpp.ts), set when the last
     * was acknowledged: it is `delivered` once that many receipts say delivered (sms_parts).
     */
    segments: integer(),
    /** When the SMS centre's receipts said the handset has it (`delivered`). */
    deliveredAt: integer(),
    /** Why an SMS is `failed`: the SMSC's refusal, a receipt's state, or the last error of its tries. */
    failureReason: text(),
  },
  (t) => [
    check('outbox_channel', oneOf(t.channel, OUTBOX_CHANNELS)),
    check('outbox_status', oneOf(t.status, OUTBOX_STATUSES)),
    // Partial indexes: most rows are in-app messages without a dedupe key, and they skip both.
    uniqueIndex('outbox_dedupe').on(t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    index('outbox_pending').on(t.createdAt).where(sql`${t.status} = 'pending'`),
    index('outbox_customer').on(t.customerId, t.createdAt),
    // The admin overview's week of SMS by status, without reading the (far more) in-app messages.
    index('outbox_sms').on(t.createdAt).where(sql`${t.channel} = 'sms'`),
  ],
);

/**
 * The segments of SMS sent over SMPP, by the SMS centre's message id (submit_sm_resp): written as
 * soon as the SMSC acknowledged each, so that a retry or another server never submits one again,
 * and found again by a delivery receipt (deliver_sm), which any app server may receive. A receipt
 * may come before its submit was recorded: it then writes the row without `outbox_id`, and the
 * record of the submit completes it (both upsert on the message id).
 */
export const smsParts = table(
  'sms_parts',
  {
    id: integer().primaryKey({ autoIncrement: true }),
    smscMessageId: text().notNull(),
    outboxId: integer().references(() => outbox.id),
    /** 1-based position of the segment in its message. */
    seq: integer(),
    submittedAt: integer(),
    /** What the receipt said: null until one arrives (or while it says en route). */
    outcome: text().$type<SmsPartOutcome>(),
    /** The receipt's state word and error (`UNDELIV err:034`), kept as a failure's reason. */
    receiptState: text(),
    receiptAt: integer(),
  },
  (t) => [
    uniqueIndex('sms_parts_message').on(t.smscMessageId),
    uniqueIndex('sms_parts_segment').on(t.outboxId, t.seq),
    check('sms_parts_outcome', oneOf(t.outcome, SMS_PART_OUTCOMES)),
  ],
);

/**
 * The scheduler's jobs (lib/server/scheduler.ts), one row each: when the job is next due, and the
 * lease of the server running it. Every server ticks; the one whose conditional update takes the
 * lease runs the job for that due time, the others skip it. A holder that dies leaves a lease that
 * expires (`held_until`), after which another server takes the job over.
 */
export const scheduledJobs = table('scheduled_jobs', {
  name: text().primaryKey(),
  dueAt: integer().notNull(),
  heldBy: text(),
  heldUntil: integer(),
  lastStartedAt: integer(),
  lastFinishedAt: integer(),
  lastFailedAt: integer(),
});
