import 'server-only';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { withTransaction, type Tx } from '@/db/client';
import { outbox, smsParts } from '@/db/schema';
import type { DeliveryReceipt } from '@/lib/domain/sms';
import type { GatewayReceiptInput } from '@/lib/validation/sms';

/**
 * The segments of an SMS the SMS centre has acknowledged already, by position: a retry (after a
 * dropped connection, on this server or another) submits only the others. Read in a transaction,
 * on the primary, so that a segment recorded a moment ago by another server is seen.
 */
export async function acknowledgedSegments(outboxId: number): Promise<Set<number>> {
  const rows = await withTransaction((tx) => tx.select({ seq: smsParts.seq }).from(smsParts).where(eq(smsParts.outboxId, outboxId)));
  return new Set(rows.map((r) => r.seq!));
}

/**
 * Records that the SMSC took one segment, under its message id, and how many the message has.
 * Written as soon as the submit_sm_resp is read, in a transaction of its own: only between the
 * SMSC's answer and this commit can a crash lose the acknowledgement, and the segment then goes
 * again on the message's next try (the one window of at-least-once delivery left).
 */
export async function recordSegment(outboxId: number, seq: number, total: number, smscMessageId: string, at: number): Promise<void> {
  await withTransaction(async (tx) => {
    await tx
      .insert(smsParts)
      .values({ smscMessageId, outboxId, seq, submittedAt: at })
      .onConflictDoUpdate({ target: smsParts.smscMessageId, set: { outboxId, seq, submittedAt: at } });
    await tx.update(outbox).set({ segments: total }).where(eq(outbox.id, outboxId));
  });
}

/**
 * Records a delivery receipt against its segment, and settles the message when the receipt
 * decides it. A receipt that comes before its segment was recorded (the SMSC was quicker than the
 * commit) is kept under the message id alone; recordSegment then completes the row. Receipts that
 * say only "en route" change nothing. Idempotent: the SMSC repeats a receipt we did not answer.
 */
export async function recordReceipt(receipt: DeliveryReceipt, at: number): Promise<void> {
  if (receipt.outcome === 'pending') return;
  const outcome = receipt.outcome;
  await withTransaction(async (tx) => {
    const [part] = await tx
      .insert(smsParts)
      .values({ smscMessageId: receipt.messageId, outcome, receiptState: receipt.state, receiptAt: at })
      .onConflictDoUpdate({ target: smsParts.smscMessageId, set: { outcome, receiptState: receipt.state, receiptAt: at } })
      .returning({ outboxId: smsParts.outboxId });
    if (part?.outboxId) await settleMessages(tx, [part.outboxId]);
  });
}

/**
 * A receipt from an HTTP gateway, which sends an SMS as one piece: kept as the message's one
 * segment (`http:<outbox id>`), so that it settles the message as an SMPP receipt would, also when
 * it comes before the message was marked sent. False when no SMS has that id.
 */
export async function recordGatewayReceipt(receipt: GatewayReceiptInput, at: number): Promise<boolean> {
  return withTransaction(async (tx) => {
    const [sms] = await tx.select({ id: outbox.id }).from(outbox).where(and(eq(outbox.id, receipt.id), eq(outbox.channel, 'sms')));
    if (!sms) return false;
    const values = { outcome: receipt.status, receiptState: receipt.reason ?? (receipt.status === 'delivered' ? 'DELIVRD' : 'UNDELIV'), receiptAt: at };
    await tx
      .insert(smsParts)
      .values({ smscMessageId: `http:${receipt.id}`, outboxId: receipt.id, seq: 1, ...values })
      .onConflictDoUpdate({ target: smsParts.smscMessageId, set: values });
    await tx.update(outbox).set({ segments: 1 }).where(eq(outbox.id, receipt.id));
    await settleMessages(tx, [receipt.id]);
    return true;
  });
}

/**
 * Moves sent SMS on by their segments' receipts: `failed` (with the receipt's state as the reason)
 * as soon as one segment is undeliverable, expired or rejected; `delivered` once every segment
 * is. Two statements for any number of messages, called when receipts arrive and when a batch's
 * results are recorded (a receipt may have come before the message was marked sent).
 */
export async function settleMessages(tx: Tx, outboxIds: number[]): Promise<void> {
  if (outboxIds.length === 0) return;
  const sent = and(inArray(outbox.id, outboxIds), eq(outbox.status, 'sent'), isNotNull(outbox.segments));
  const failedPart = sql`(select p.receipt_state from ${smsParts} p where p.outbox_id = ${outbox.id} and p.outcome = 'failed' order by p.seq limit 1)`;
  await tx
    .update(outbox)
    .set({ status: 'failed', failureReason: sql`'receipt: ' || ${failedPart}` })
    .where(and(sent, sql`exists (select 1 from ${smsParts} p where p.outbox_id = ${outbox.id} and p.outcome = 'failed')`));
  const delivered = sql`(select count(*) from ${smsParts} p where p.outbox_id = ${outbox.id} and p.outcome = 'delivered')`;
  await tx
    .update(outbox)
    .set({ status: 'delivered', deliveredAt: sql`(select max(p.receipt_at) from ${smsParts} p where p.outbox_id = ${outbox.id})` })
    .where(and(sent, sql`${outbox.segments} = ${delivered}`));
}
