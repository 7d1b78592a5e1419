import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { staffPasswordRefusal } from '@/lib/domain/password-policy';
import { besideDatabase } from '../config';

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

/** The file that keeps a database's demo password, readable by its owner only (db/config.ts besideDatabase). */
export function demoPasswordFile(database = process.env.DATABASE_URL): string {
  return besideDatabase('.demo-password', database);
}

export function writeDemoPassword(password: string, database = process.env.DATABASE_URL): void {
  const file = demoPasswordFile(database);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${password}\n`, { mode: 0o600 });
  // The mode given to writeFileSync applies only to a file it creates.
  fs.chmodSync(file, 0o600);
}

export function readDemoPassword(database = process.env.DATABASE_URL): string | null {
  try {
    return fs.readFileSync(demoPasswordFile(database), 'utf8').trim() || null;
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
