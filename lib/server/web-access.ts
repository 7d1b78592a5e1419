import 'server-only';
import { and, desc, eq, isNull, ne, sql } from 'drizzle-orm';
import { withTransaction, type Tx } from '@/db/client';
import { customers, otpCodes } from '@/db/schema';
import { DomainError, type ErrorCategory } from '@/lib/domain/errors';
import { normalizeMobile } from '@/lib/domain/mobile';
import {
  checkOtp,
  CODE_PATTERN,
  CODE_REQUEST_LIMITS,
  CODE_TTL_MS,
  generateOtpCode,
  hashOtpCode,
  MAX_FAILED_ATTEMPTS,
  otpCodeMatches,
  OTP_MESSAGE_TEMPLATE,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  type OtpCheck,
} from '@/lib/domain/otp';
import { recordActivity } from './activity';
import { derivedKey } from './secrets';
import { deliverSoon, enqueueMessage } from './outbox';
import { hashPassword } from './passwords';
import { countAttempt, retryAfter, type Limit } from './rate-limit';
import { clearMemberLockout } from './sign-in';

function requestLimits(mobile: string, ip: string): Limit[] {
  const { perMobileMinute, perMobileHour, perIpHour } = CODE_REQUEST_LIMITS;
  return [
    { key: `otp:mobile:${mobile}`, ...perMobileMinute },
    { key: `otp:mobile-hour:${mobile}`, ...perMobileHour },
    { key: `otp:ip:${ip}`, ...perIpHour },
  ];
}

function rateLimited(waitMs: number): DomainError {
  const seconds = Math.ceil(waitMs / 1000);
  return new DomainError('rate_limited', 'rate_limited', { seconds, minutes: Math.ceil(seconds / 60) });
}

/**
 * Sends a one-time code by SMS to a customer's number so that they can set a web password. The
 * answer is the same whether the number belongs to a customer or not, and every request counts
 * against the limits, so neither tells a caller who is a customer.
 */
export async function requestWebAccessCode(rawMobile: string, ip: string, now = Date.now()): Promise<{ sent: true }> {
  const mobile = normalizeMobile(rawMobile);
  if (!mobile) throw new DomainError('invalid_mobile');
  const code = generateOtpCode();
  const codeHash = hashOtpCode(mobile, code, derivedKey('otp'));
  const limits = requestLimits(mobile, ip);

  // Checking and counting in one transaction: no second request can slip in between them.
  const queued = await withTransaction(async (tx) => {
    const wait = await retryAfter(limits, now);
    if (wait > 0) throw rateLimited(wait);
    await countAttempt(limits, now);
    const [customer] = await tx
      .select({ id: customers.id })
      .from(customers)
      .where(and(eq(customers.mobile, mobile), ne(customers.status, 'closed')));
    if (!customer) return false;
    // Only the newest code is valid: an SMS that arrives late must not open a second way in.
    await tx.update(otpCodes).set({ usedAt: now }).where(and(eq(otpCodes.mobile, mobile), isNull(otpCodes.usedAt)));
    await tx.insert(otpCodes).values({ mobile, codeHash, expiresAt: now + CODE_TTL_MS, createdAt: now });
    await enqueueMessage(tx, { customerId: customer.id, mobile, channel: 'sms', template: 'otp', body: OTP_MESSAGE_TEMPLATE, secret: { code } });
    return true;
  });
  if (queued) deliverSoon();
  return { sent: true };
}

type Refusal = 'invalid_code' | 'code_expired' | 'too_many_attempts';

// A used code answers like a wrong one: telling them apart would only help someone guessing.
const REFUSAL: Record<Exclude<OtpCheck, 'ok'>, Refusal> = {
  used: 'invalid_code',
  expired: 'code_expired',
  too_many_attempts: 'too_many_attempts',
};

const REFUSAL_CATEGORY: Record<Refusal, ErrorCategory> = {
  invalid_code: 'invalid_input',
  code_expired: 'invalid_input',
  too_many_attempts: 'rate_limited',
};

/**
 * Spends the newest unused code of the number if `code` is it, and answers the customer it
 * belongs to, or why not. Only the newest code counts; each wrong guess is recorded against it, and
 * past MAX_FAILED_ATTEMPTS it is dead even for the right code. Refusals are answered, not thrown,
 * so that the caller's transaction commits the recorded wrong guess.
 */
async function spendCode(tx: Tx, mobile: string, code: string, now: number): Promise<Refusal | { id: number; name: string }> {
  const [row] = await tx
    .select({ id: otpCodes.id, codeHash: otpCodes.codeHash, expiresAt: otpCodes.expiresAt, usedAt: otpCodes.usedAt, failedAttempts: otpCodes.failedAttempts })
    .from(otpCodes)
    .where(and(eq(otpCodes.mobile, mobile), isNull(otpCodes.usedAt)))
    .orderBy(desc(otpCodes.createdAt), desc(otpCodes.id))
    .limit(1);
  if (!row) return 'invalid_code';
  const state = checkOtp(row, now);
  if (state !== 'ok') return REFUSAL[state];
  if (!otpCodeMatches(row.codeHash, mobile, code, derivedKey('otp'))) {
    await tx
      .update(otpCodes)
      .set({ failedAttempts: sql`${otpCodes.failedAttempts} + 1` })
      .where(eq(otpCodes.id, row.id));
    return row.failedAttempts + 1 >= MAX_FAILED_ATTEMPTS ? 'too_many_attempts' : 'invalid_code';
  }
  await tx.update(otpCodes).set({ usedAt: now }).where(eq(otpCodes.id, row.id));
  const [customer] = await tx
    .select({ id: customers.id, name: customers.name })
    .from(customers)
    .where(and(eq(customers.mobile, mobile), ne(customers.status, 'closed')));
  // Closed after the code was sent: the code is spent, and it opens nothing.
  return customer ?? 'invalid_code';
}

/**
 * Sets a customer's web password with the code sent to their number. The newest unused code of
 * the number is the only one that counts; each wrong guess is recorded against it, and past
 * MAX_FAILED_ATTEMPTS it is dead even for the right code.
 */
export async function activateWebAccess(rawMobile: string, rawCode: string, password: string, now = Date.now()): Promise<void> {
  const mobile = normalizeMobile(rawMobile);
  if (!mobile) throw new DomainError('invalid_mobile');
  const code = rawCode.trim();
  if (!CODE_PATTERN.test(code)) throw new DomainError('invalid_code_format');
  if (password.length < PASSWORD_MIN_LENGTH) throw new DomainError('password_too_short', 'invalid_input', { min: PASSWORD_MIN_LENGTH });
  if (password.length > PASSWORD_MAX_LENGTH) throw new DomainError('password_too_long', 'invalid_input', { max: PASSWORD_MAX_LENGTH });
  const passwordHash = await hashPassword(password);

  // Refusals are returned, not thrown, so that the recorded wrong guess commits; throwing inside
  // would roll it back and give a guesser unlimited tries.
  const refusal = await withTransaction(async (tx): Promise<Refusal | null> => {
    const customer = await spendCode(tx, mobile, code, now);
    if (typeof customer === 'string') return customer;
    await tx.update(customers).set({ passwordHash, passwordChangedAt: now, updatedAt: now }).where(eq(customers.id, customer.id));
    await recordActivity(tx, { customerId: customer.id, kind: 'web_access', occurredAt: now, channel: 'web' });
    return null;
  });
  if (refusal) throw new DomainError(refusal, REFUSAL_CATEGORY[refusal]);
  await clearMemberLockout(mobile);
}

/**
 * Signs a member in with the code sent to their number (验证码登录), as Chinese consumer apps do:
 * the same codes, limits and refusals as activation (requestWebAccessCode sends it); no password
 * is needed or set. Answers the principal next-auth keeps in the session.
 */
export async function signInWithCode(rawMobile: string, rawCode: string, now = Date.now()): Promise<{ id: string; name: string }> {
  const mobile = normalizeMobile(rawMobile);
  if (!mobile) throw new DomainError('invalid_mobile');
  const code = rawCode.trim();
  if (!CODE_PATTERN.test(code)) throw new DomainError('invalid_code_format');
  const customer = await withTransaction((tx) => spendCode(tx, mobile, code, now));
  if (typeof customer === 'string') throw new DomainError(customer, REFUSAL_CATEGORY[customer]);
  await clearMemberLockout(mobile);
  return { id: `member:${customer.id}`, name: customer.name };
}
