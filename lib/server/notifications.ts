import 'server-only';
import type { Tx } from '@/db/client';
import { smsBody, type NotificationParams, type NotificationTemplate } from '@/lib/domain/notifications';
import { enqueueMessage } from './outbox';

/**
 * Tells a customer something, by SMS (Chinese text) and in the app (rendered in the reader's
 * language from the template and its parameters), in the transaction that made it true.
 */
export async function notifyCustomer(
  tx: Tx,
  customer: { id: number; mobile: string },
  template: NotificationTemplate,
  params: NotificationParams,
  dedupeKey?: string,
): Promise<void> {
  const body = smsBody(template, params);
  const common = { customerId: customer.id, mobile: customer.mobile, template, params, body };
  await enqueueMessage(tx, { ...common, channel: 'sms', dedupeKey: dedupeKey ? `${dedupeKey}:sms` : undefined });
  await enqueueMessage(tx, { ...common, channel: 'inapp', dedupeKey: dedupeKey ? `${dedupeKey}:inapp` : undefined });
}
