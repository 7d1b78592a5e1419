import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { log } from '../log';
import { messageLogFields, type MessageSender, type OutgoingMessage } from './senders';

const TIMEOUT_MS = 10_000;
// A storm's confirmations go out in batches of up to 200: a few at a time spare the gateway.
const CONCURRENCY = 8;

export const TIMESTAMP_HEADER = 'x-clubhub-timestamp';
export const SIGNATURE_HEADER = 'x-clubhub-signature';

/**
 * The signature of a request to (or from) an HTTP gateway: `sha256=` and the hex HMAC-SHA256,
 * keyed with SMS_GATEWAY_SECRET, of the timestamp (milliseconds since the epoch, as sent in
 * X-ClubHub-Timestamp), a dot, and the body exactly as sent. The timestamp lets the receiver
 * refuse a replayed request (this app's receipt route allows five minutes either way).
 */
export function signatureOf(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Whether a signed request is genuine and recent: the checks a receiver makes. */
export function verifySignature(secret: string, headers: { timestamp: string | null; signature: string | null }, body: string, now = Date.now(), skewMs = 5 * 60_000): boolean {
  const { timestamp, signature } = headers;
  if (!timestamp || !signature || !/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > skewMs) return false;
  const expected = Buffer.from(signatureOf(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Hands each SMS to the operator's gateway (or an adapter in front of it) as an HTTP POST of JSON
 * `{ "id", "to", "text" }`, signed when a secret is given (signatureOf); any 2xx answer means
 * sent, anything else (or no answer within ten seconds) leaves the message for a later try. `id`
 * is the outbox row's, so that a gateway can drop the second copy of a message whose first
 * answer was lost.
 */
export function webhookSender(url: string, secret?: string): MessageSender {
  async function send(message: OutgoingMessage): Promise<void> {
    const body = JSON.stringify({ id: message.id, to: message.mobile, text: message.body });
    const timestamp = String(Date.now());
    const signed: Record<string, string> = secret ? { [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signatureOf(secret, timestamp, body) } : {};
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
      redirect: 'error',
    });
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the SMS gateway answered ${response.status}`);
  }
  async function sendLogged(message: OutgoingMessage): Promise<boolean> {
    try {
      await send(message);
      return true;
    } catch (error) {
      log.warn({ err: error, ...messageLogFields(message) }, 'sms not accepted by the gateway');
      return false;
    }
  }
  return {
    send,
    async sendMany(messages) {
      const ok = new Array<boolean>(messages.length).fill(false);
      let next = 0;
      const worker = async () => {
        for (let i = next++; i < messages.length; i = next++) ok[i] = await sendLogged(messages[i]!);
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, messages.length) }, worker));
      return ok;
    },
  };
}
