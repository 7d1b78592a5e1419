import { randomBytes, randomInt } from 'node:crypto';

/** Letters and digits that cannot be confused when read out at a door (no 0/O, 1/I/L). */
export const SHORT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const SHORT_CODE_LENGTH = 6;

/** The unguessable random part of a ticket; the signed ticket code is derived from it. */
export function newTicketSecret(): string {
  return randomBytes(16).toString('base64url');
}

export function newShortCode(): string {
  let code = '';
  for (let i = 0; i < SHORT_CODE_LENGTH; i++) code += SHORT_CODE_ALPHABET[randomInt(SHORT_CODE_ALPHABET.length)];
  return code;
}
