import 'server-only';
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

type Purpose = 'otp' | 'ticket' | 'outbox' | 'calendar' | 'hall';

/**
 * A key for one purpose (one-time codes, ticket codes, sealed message secrets, personal calendar
 * feed URLs), derived from NEXTAUTH_SECRET so that a deployment has one secret to keep (`npm start`
 * generates and keeps one under .data/). Outside production a fixed development secret stands in;
 * production without the secret refuses to run, since a known key would let anyone forge tickets or
 * brute-force codes.
 */
export function derivedKey(purpose: Purpose): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret && process.env.NODE_ENV === 'production') throw new Error('NEXTAUTH_SECRET is not set');
  return createHmac('sha256', secret ?? 'club-hub development secret').update(purpose).digest('base64url');
}

const SEALED_VERSION = 'v1';

/**
 * Encrypts a short secret (AES-256-GCM, a fresh 96-bit nonce each time) with the purpose's key.
 * `context` is bound as associated data: a sealed value copied to a row about something else
 * fails to open there. The result is `v1.<nonce>.<tag>.<ciphertext>`, base64url.
 */
export function sealSecret(purpose: Purpose, plaintext: string, context: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', Buffer.from(derivedKey(purpose), 'base64url'), nonce);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [SEALED_VERSION, nonce, cipher.getAuthTag(), ciphertext].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The plaintext of a sealed secret, or null when it was not sealed for this purpose and context (or the key changed). */
export function unsealSecret(purpose: Purpose, sealed: string, context: string): string | null {
  const [version, nonce, tag, ciphertext, ...rest] = sealed.split('.');
  if (version !== SEALED_VERSION || !nonce || !tag || ciphertext === undefined || rest.length > 0) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', Buffer.from(derivedKey(purpose), 'base64url'), Buffer.from(nonce, 'base64url'), { authTagLength: 16 });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
