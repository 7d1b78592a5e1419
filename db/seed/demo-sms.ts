import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../client';
import { outbox, smsParts } from '../schema';
import { splitSms } from '@/lib/domain/sms';
import { DAY, MINUTE } from '@/lib/domain/time';
import { createRandom } from './random';

/** SMS sent this recently have no receipt yet: the SMSC reports within minutes, usually seconds. */
const RECEIPT_PENDING = 10 * MINUTE;

/** Why a handset did not get an SMS, as SMS centres report it (state and error code of the receipt). */
const FAILURES = ['UNDELIV err:001', 'EXPIRED err:000', 'UNDELIV err:027', 'REJECTD err:011'] as const;

const CHUNK = 500;

/**
 * The demo's SMS as an SMPP gateway would have left them (docs/sms.md): each segment with the SMS
 * centre's message id and its receipt, most delivered seconds after sending, about one in forty
 * failed (handset off, out of coverage until the SMS expired, number closed), the last minutes'
 * still waiting for their receipts. Runs after seedDemoMessages, on the SMS it wrote.
 */
export async function seedDemoSmsReceipts(tx: Tx, now: number): Promise<void> {
  const random = createRandom(2603);
  const rows = await tx
    .select({ id: outbox.id, body: outbox.body, sentAt: outbox.sentAt })
    .from(outbox)
    .where(and(eq(outbox.channel, 'sms'), eq(outbox.status, 'sent')))
    .orderBy(outbox.id);
  const parts: (typeof smsParts.$inferInsert)[] = [];
  for (const row of rows) {
    const sentAt = row.sentAt!;
    if (sentAt > now - RECEIPT_PENDING) continue;
    const failure = random.chance(0.025) ? random.pick(FAILURES) : null;
    for (const segment of splitSms(row.body, row.id)) {
      const fails = failure !== null && segment.seq === 1;
      // An SMS that expired did so after the SMSC kept trying for a day; others are answered in seconds.
      const receiptAt = Math.min(now, fails && failure.startsWith('EXPIRED') ? sentAt + DAY : sentAt + random.int(3, 90) * 1000);
      parts.push({
        // SMSC message ids are the centre's own: hexadecimal, unique per segment.
        smscMessageId: (0x3a000000 + row.id * 16 + segment.seq).toString(16).toUpperCase(),
        outboxId: row.id,
        seq: segment.seq,
        submittedAt: sentAt,
        outcome: fails ? 'failed' : 'delivered',
        receiptState: fails ? failure : 'DELIVRD',
        receiptAt,
      });
    }
  }
  for (let i = 0; i < parts.length; i += CHUNK) await tx.insert(smsParts).values(parts.slice(i, i + CHUNK));
  // The rows settled from their parts, as the receipts would have (lib/server/sms/parts.ts).
  const hasParts = sql`exists (select 1 from ${smsParts} p where p.outbox_id = ${outbox.id})`;
  const sent = and(eq(outbox.channel, 'sms'), eq(outbox.status, 'sent'));
  await tx
    .update(outbox)
    .set({ segments: sql`(select count(*) from ${smsParts} p where p.outbox_id = ${outbox.id})` })
    .where(and(sent, hasParts));
  await tx
    .update(outbox)
    .set({ status: 'failed', failureReason: sql`'receipt: ' || (select p.receipt_state from ${smsParts} p where p.outbox_id = ${outbox.id} and p.outcome = 'failed')` })
    .where(and(sent, sql`exists (select 1 from ${smsParts} p where p.outbox_id = ${outbox.id} and p.outcome = 'failed')`));
  await tx
    .update(outbox)
    .set({ status: 'delivered', deliveredAt: sql`(select max(p.receipt_at) from ${smsParts} p where p.outbox_id = ${outbox.id})` })
    .where(and(sent, hasParts));
}
