import 'server-only';
import { eq } from 'drizzle-orm';
import { getReader } from '@/db/client';
import { customers, staff } from '@/db/schema';
import { normalizeMobile } from '@/lib/domain/mobile';
import { countAttempt, resetLimit, retryAfter, type Limit } from './rate-limit';
import { log } from './log';
import { verifyPassword } from './passwords';

const WINDOW_MS = 15 * 60 * 1000;
export const SIGN_IN_LIMITS = { perAccount: 5, perIp: 30, windowMs: WINDOW_MS } as const;

export type Principal = { id: `member:${number}` | `staff:${number}`; name: string };

/** Thrown to next-auth so that the sign-in page can say why; the message is the error code. */
export class SignInRefused extends Error {}

const accountKey = (kind: 'member' | 'staff', login: string) => `signin:${kind}:${login}`;

function limitsFor(kind: 'member' | 'staff', login: string, ip: string): Limit[] {
  return [
    { key: accountKey(kind, login), max: SIGN_IN_LIMITS.perAccount, windowMs: WINDOW_MS },
    { key: `signin:ip:${ip}`, max: SIGN_IN_LIMITS.perIp, windowMs: WINDOW_MS },
  ];
}

/**
 * Checks a member's mobile number or a staff username with its password. Failed attempts count
 * per account and per IP; past either limit every attempt is refused until the window ends, even
 * with the right password.
 */
export async function authenticate(
  kind: 'member' | 'staff',
  rawLogin: string | undefined,
  password: string | undefined,
  ip: string,
): Promise<Principal | null> {
  const login = kind === 'member' ? normalizeMobile(rawLogin ?? '') : (rawLogin ?? '').trim().toLowerCase();
  if (!login || !password) return null;
  const limits = limitsFor(kind, login, ip);
  if ((await retryAfter(limits)) > 0) throw new SignInRefused('rate_limited');

  const principal = kind === 'member' ? await checkMember(login, password) : await checkStaff(login, password);
  if (!principal) {
    await countAttempt(limits);
    return null;
  }
  // Bookkeeping: the sign-in does not wait for it (a write may wait for a lock another process holds).
  resetLimit(limits[0]!.key).catch((error: unknown) => log.warn({ err: error }, 'sign-in limit not reset'));
  return principal;
}

/**
 * Checks a signed-in staff member's current password before they change it. A wrong one counts
 * against the account's sign-in limit, and past it even the right one is refused: a session left
 * open must not become a way to guess the password.
 */
export async function confirmStaffPassword(username: string, password: string): Promise<'ok' | 'wrong' | 'rate_limited'> {
  const limit: Limit[] = [{ key: accountKey('staff', username), max: SIGN_IN_LIMITS.perAccount, windowMs: WINDOW_MS }];
  if ((await retryAfter(limit)) > 0) return 'rate_limited';
  const [row] = await getReader().select({ passwordHash: staff.passwordHash }).from(staff).where(eq(staff.username, username));
  if (await verifyPassword(row?.passwordHash, password)) return 'ok';
  await countAttempt(limit);
  return 'wrong';
}

/** A customer who just proved their number with a one-time code is no longer locked out. */
export async function clearMemberLockout(mobile: string): Promise<void> {
  await resetLimit(accountKey('member', mobile));
}

async function checkMember(mobile: string, password: string): Promise<Principal | null> {
  const [row] = await getReader()
    .select({ id: customers.id, name: customers.name, status: customers.status, passwordHash: customers.passwordHash })
    .from(customers)
    .where(eq(customers.mobile, mobile));
  const ok = await verifyPassword(row?.passwordHash, password);
  if (!row || !ok || row.status === 'closed') return null;
  return { id: `member:${row.id}`, name: row.name };
}

async function checkStaff(username: string, password: string): Promise<Principal | null> {
  const [row] = await getReader()
    .select({ id: staff.id, name: staff.displayName, active: staff.active, passwordHash: staff.passwordHash })
    .from(staff)
    .where(eq(staff.username, username));
  const ok = await verifyPassword(row?.passwordHash, password);
  if (!row || !ok || !row.active) return null;
  return { id: `staff:${row.id}`, name: row.name };
}
