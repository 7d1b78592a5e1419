import 'server-only';
import { maskMobile } from '@/lib/domain/masking';
import type { OutboxChannel } from '@/lib/domain/types';
import { log } from '../log';

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

/**
 * What became of a message handed to a sender: `true` sent, `false` worth another try later (the
 * gateway was busy or did not answer), `{ failed }` refused for good, with the reason (an invalid
 * number), which no retry would change.
 */
export type SendResult = boolean | { failed: string };

/** Delivers SMS. The default writes to the server log; a gateway implements the same interface. */
export interface MessageSender {
  /** Throws to be tried again later; throws a PermanentSendError when no retry can help. */
  send(message: OutgoingMessage): Promise<void>;
  /** Optional: a batch in one call; answers what became of each. */
  sendMany?(messages: OutgoingMessage[]): Promise<SendResult[]>;
}

/** A refusal no retry will change (an invalid destination): the message fails with this reason. */
export class PermanentSendError extends Error {}

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

/** SMS_GATEWAY_URL read: an HTTP gateway that takes JSON, or an SMS centre spoken to over SMPP 3.4 (smpps: over TLS). */
export type GatewayAddress =
  | { kind: 'http'; url: string }
  | { kind: 'smpp'; host: string; port: number; tls: boolean; systemId: string; password: string };

const SCHEMES = 'an smpp://, smpps://, http:// or https:// URL';

/**
 * SMS_GATEWAY_URL as the sender's address, by its scheme: http(s):// for a gateway that takes a
 * JSON POST, smpp://system_id:password@host:port (port 2775 by default) or smpps:// (TLS, 3550)
 * for an SMS centre. Anything else is refused with a message that names the variable, rather than
 * sending nowhere.
 */
export function parseGatewayUrl(value: string): GatewayAddress {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`SMS_GATEWAY_URL: expected ${SCHEMES}.`);
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return { kind: 'http', url: url.href };
  if (url.protocol !== 'smpp:' && url.protocol !== 'smpps:') throw new Error(`SMS_GATEWAY_URL: the ${url.protocol} scheme is not supported; expected ${SCHEMES}.`);
  if (!url.hostname || !url.username) throw new Error('SMS_GATEWAY_URL: an SMPP address needs system_id:password@host, e.g. smpp://clubhub:secret@smsc.example.cn:2775.');
  const tls = url.protocol === 'smpps:';
  return {
    kind: 'smpp',
    host: url.hostname,
    port: url.port ? Number(url.port) : tls ? 3550 : 2775,
    tls,
    systemId: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}
