import { createHmac, timingSafeEqual } from 'node:crypto';

const VERSION = 'H1';

const mac = (hallId: number, key: string) => createHmac('sha256', key).update(`${VERSION}.${hallId}`).digest('base64url').slice(0, 22);

/**
 * The code a hall's printed QR carries: `H1.<hall>.<signature>`. Scanning it checks a signed-in
 * member in at that hall; without the key nobody can make a code for a hall, and a changed
 * character breaks the signature.
 */
export function signHallCode(hallId: number, key: string): string {
  return `${VERSION}.${hallId}.${mac(hallId, key)}`;
}

/** The hall a code names, or null for anything unsigned, tampered or malformed. */
export function readHallCode(code: string, key: string): number | null {
  const m = /^H1\.([1-9]\d{0,15})\.([A-Za-z0-9_-]{22})$/.exec(code.trim());
  if (!m) return null;
  const hallId = Number(m[1]);
  const expected = Buffer.from(mac(hallId, key));
  const given = Buffer.from(m[2]!);
  return Number.isSafeInteger(hallId) && expected.length === given.length && timingSafeEqual(expected, given) ? hallId : null;
}
