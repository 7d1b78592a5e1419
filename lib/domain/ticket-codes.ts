import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Letters and digits that cannot be confused when read out at a door (no 0/O, 1/I/L). */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const SHORT_CODE_LENGTH = 6;
export const SHORT_CODE_PATTERN = new RegExp(`^[${SHORT_CODE_ALPHABET}]{${SHORT_CODE_LENGTH}}$`);

/** The unguessable random part of a ticket; the signed ticket code is derived from it. */
export function newTicketSecret(): string {
  return randomBytes(16).toString('base64url');
}

export function newShortCode(): string {
  let code = '';
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) code += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
  return code;
}

const VERSION = 'T1';

function mac(registrationId: number, ticketSecret: string, key: string): string {
  return createHmac('sha256', key).update(`${VERSION}.${registrationId}.${ticketSecret}`).digest('base64url').slice(0, 22);
}

/**
 * The code a ticket's QR carries: `T1.<registration>.<random secret>.<signature>`. Without the key
 * nobody can make one; a changed character breaks the signature.
 */
export function signTicketCode(registrationId: number, ticketSecret: string, key: string): string {
  return `${VERSION}.${registrationId}.${ticketSecret}.${mac(registrationId, ticketSecret, key)}`;
}

/** The registration a ticket code names, or null for anything unsigned, tampered or malformed. */
export function readTicketCode(code: string, key: string): { registrationId: number; ticketSecret: string } | null {
  const m = /^T1\.([1-9]\d{0,15})\.([A-Za-z0-9_-]{16,64})\.([A-Za-z0-9_-]{22})$/.exec(code.trim());
  if (!m) return null;
  const registrationId = Number(m[1]);
  const expected = Buffer.from(mac(registrationId, m[2]!, key));
  const given = Buffer.from(m[3]!);
  if (!Number.isSafeInteger(registrationId) || expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { registrationId, ticketSecret: m[2]! };
}

/**
 * What a door device keeps to recognise a ticket offline: a hash of its code. The device hashes
 * what it scans and compares; it never holds the signing key.
 */
export function ticketCodeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}
