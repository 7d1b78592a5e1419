import { z } from 'zod';

/**
 * A delivery receipt from an HTTP gateway (POST /api/sms/receipts, docs/sms.md): the outbox id the
 * SMS was posted with, whether the handset has it, and the gateway's reason when it failed.
 */
export const gatewayReceiptInput = z.strictObject({
  id: z.number().int().positive(),
  status: z.enum(['delivered', 'failed']),
  reason: z.string().trim().min(1).max(200).optional(),
});
export type GatewayReceiptInput = z.infer<typeof gatewayReceiptInput>;
