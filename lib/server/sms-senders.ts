import 'server-only';
import { maskMobile } from '@/lib/domain/masking';
import type { OutboxChannel } from '@/lib/domain/types';
import { log } from './log';

export interface OutgoingMessage {
  id: number;
  mobile: string;
  channel: OutboxChannel;
  template: string;
  /** The text to send, with its secrets (a one-time code) filled in. */
  body: string;
  /** The text as a log may show it: secrets stay `{placeholders}`. */
  loggableBody: string;
}

/** Delivers SMS. The default writes to the server log; a real gateway implements the same interface. */
export interface MessageSender {
  send(message: OutgoingMessage): Promise<void>;
  /** Optional: a batch in one call; answers whether each was sent. */
  sendMany?(messages: OutgoingMessage[]): Promise<boolean[]>;
}

/** What a log line says of a message: never its full number, never a secret. */
export const messageLogFields = (m: OutgoingMessage) => ({ messageId: m.id, channel: m.channel, to: maskMobile(m.mobile), template: m.template });

/**
 * The sender when no gateway is configured: the server log, one line per message. Secrets never
 * reach it in clear (a code SMS shows `{code}`), so set SMS_GATEWAY_URL for real delivery.
 */
export const logSender: MessageSender = {
  async send(message) {
    log.info({ ...messageLogFields(message), text: message.loggableBody }, 'sms');
  },
  async sendMany(messages) {
    for (const message of messages) log.info({ ...messageLogFields(message), text: message.loggableBody }, 'sms');
    return messages.map(() => true);
  },
};

/**
 * SMS_GATEWAY_URL as the sender's address: an http:// or https:// gateway that takes JSON. Anything
 * else is refused with a message that names the variable, rather than sending nowhere.
 */
export function gatewayUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('SMS_GATEWAY_URL: expected an http:// or https:// URL.');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`SMS_GATEWAY_URL: the ${url.protocol} scheme is not supported; expected an http:// or https:// URL.`);
  return url.href;
}

const TIMEOUT_MS = 10_000;
// A storm's confirmations go out in batches of up to 200: a few at a time spare the gateway.
const CONCURRENCY = 8;

/**
 * Hands each SMS to the operator's gateway (or an adapter in front of it) as an HTTP POST of JSON
 * `{ "id", "to", "text" }`; any 2xx answer means sent, anything else (or no answer within ten
 * seconds) leaves the message for a later try. `id` is the outbox row's, so that a gateway can
 * drop the second copy of a message whose first answer was lost.
 */
export function webhookSender(url: string): MessageSender {
  async function send(message: OutgoingMessage): Promise<void> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: message.id, to: message.mobile, text: message.body }),
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
