import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import { staffPasswordRefusal } from '@/lib/domain/password-policy';

/**
 * The password every demo account had before demo passwords were made per database. It was printed
 * in the README, so a database that still has it on a demo account gets a new one (see
 * rotatePublishedDemoPassword); it is kept here only to recognise it.
 */
export const PUBLISHED_DEMO_PASSWORD = 'Club@2026';

// Lowercase letters and digits that cannot be mistaken for one another when read off a screen.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A readable random password, such as `k7qm-x2vr-p9tn`: 12 characters drawn from 31 (59 bits), in
 * groups of four. It passes the staff password policy.
 */
export function generateDemoPassword(): string {
  const group = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return [group(), group(), group()].join('-');
}

/** The file beside the database that keeps its demo password, readable by its owner only. */
export function demoPasswordFile(databasePath: string): string {
  return `${databasePath}.demo-password`;
}

export function writeDemoPassword(databasePath: string, password: string): void {
  const file = demoPasswordFile(databasePath);
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  // The mode given to writeFileSync applies only to a file it creates.
  fs.chmodSync(file, 0o600);
}

export function readDemoPassword(databasePath: string): string | null {
  try {
    return fs.readFileSync(demoPasswordFile(databasePath), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * The demo password chosen in the environment (DEMO_PASSWORD, e.g. by the end-to-end tests), or
 * null when unset. It must pass the staff password policy like any other.
 */
export function demoPasswordFromEnv(value = process.env.DEMO_PASSWORD): string | null {
  if (!value) return null;
  const refusal = staffPasswordRefusal(value);
  if (refusal) throw new Error(`DEMO_PASSWORD is refused (${refusal}): use at least 12 characters that are hard to guess, or leave it unset for a random one.`);
  return value;
}
