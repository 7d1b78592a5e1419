import 'server-only';
import { webhookSender } from './http';
import { logSender, parseGatewayUrl, type MessageSender } from './senders';
import { SmppClient, type SmppOptions } from './smpp';

export { logSender, messageLogFields, PermanentSendError, type MessageSender, type OutgoingMessage, type SendResult } from './senders';

/** The SMS variables (docs/sms.md), read from the environment. */
export interface SmsSettings {
  gatewayUrl?: string;
  secret?: string;
  sourceAddr?: string;
  ratePerSecond?: string;
  production?: boolean;
}

export const smsSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): SmsSettings => ({
  gatewayUrl: env.SMS_GATEWAY_URL?.trim() || undefined,
  secret: env.SMS_GATEWAY_SECRET || undefined,
  sourceAddr: env.SMS_SOURCE_ADDR?.trim() || undefined,
  ratePerSecond: env.SMS_RATE_PER_SECOND?.trim() || undefined,
  production: env.NODE_ENV === 'production',
});

const DEFAULT_SOURCE_ADDR = '10010';
const DEFAULT_RATE_PER_SECOND = 20;

function ratePerSecond(value: string | undefined): number {
  if (value === undefined) return DEFAULT_RATE_PER_SECOND;
  const rate = Number(value);
  if (!Number.isFinite(rate) || rate <= 0) throw new Error(`SMS_RATE_PER_SECOND: expected a positive number of SMS per second, got "${value}".`);
  return rate;
}

/** The sender the settings ask for, checked, before anything is connected. */
export type SenderChoice =
  | { kind: 'log' }
  | { kind: 'http'; url: string; secret?: string }
  | { kind: 'smpp'; options: SmppOptions };

/**
 * Chooses the sender by SMS_GATEWAY_URL's scheme, in this one place: none set, the server log;
 * http(s)://, the JSON webhook, signed with SMS_GATEWAY_SECRET; smpp:// or smpps://, an SMPP
 * session to the SMS centre. An https gateway is somewhere across a network: in production it
 * must have a secret, or anyone who can reach it could send as the operator, so the settings are
 * refused; plain http is taken without one, as an adapter on the same host or network segment.
 * Throws with the variable's name on a setting it cannot use.
 */
export function chooseSender(settings: SmsSettings): SenderChoice {
  if (!settings.gatewayUrl) return { kind: 'log' };
  const address = parseGatewayUrl(settings.gatewayUrl);
  if (address.kind === 'http') {
    if (settings.production && !settings.secret && address.url.startsWith('https:')) throw new Error('SMS_GATEWAY_SECRET: an https:// SMS gateway needs a secret to sign with in production.');
    return { kind: 'http', url: address.url, secret: settings.secret };
  }
  return {
    kind: 'smpp',
    options: {
      host: address.host,
      port: address.port,
      tls: address.tls,
      systemId: address.systemId,
      password: address.password,
      sourceAddr: settings.sourceAddr ?? DEFAULT_SOURCE_ADDR,
      ratePerSecond: ratePerSecond(settings.ratePerSecond),
    },
  };
}

/** The sender of a choice; an SMPP client binds at once, so that receipts for earlier messages arrive. */
export function senderFor(settings: SmsSettings): MessageSender {
  const choice = chooseSender(settings);
  if (choice.kind === 'log') return logSender;
  if (choice.kind === 'http') return webhookSender(choice.url, choice.secret);
  const client = new SmppClient(choice.options);
  client.start();
  return client;
}

const state = globalThis as typeof globalThis & { __clubHubConfiguredSender?: { url: string | undefined; sender: MessageSender } };

/** The configured sender, made once per process (one SMPP session per app server), or again when the settings changed (tests). */
export function configuredSender(): MessageSender {
  const settings = smsSettingsFromEnv();
  const current = state.__clubHubConfiguredSender;
  if (current && current.url === settings.gatewayUrl) return current.sender;
  const sender = senderFor(settings);
  state.__clubHubConfiguredSender = { url: settings.gatewayUrl, sender };
  return sender;
}
