import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

/** A code sent by SMS is good for five minutes, once. */
export const CODE_TTL_MS = 5 * MINUTE;
export const CODE_LENGTH = 6;
export const CODE_PATTERN = new RegExp(`^\\d{${CODE_LENGTH}}$`);

/** Six digits give a million codes; five guesses per code keep the odds of a lucky guess negligible. */
export const MAX_FAILED_ATTEMPTS = 5;

/**
 * Code requests per number and per client address. Every request counts, whether the number
 * belongs to a customer or not, so the limits reveal nothing about who is a customer.
 */
export const CODE_REQUEST_LIMITS = {
  perMobileMinute: { max: 1, windowMs: MINUTE },
  perMobileHour: { max: 5, windowMs: HOUR },
  perIpHour: { max: 20, windowMs: HOUR },
} as const;

/** The password a customer sets with a code. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

export function generateOtpCode(): string {
  return String(randomInt(0, 10 ** CODE_LENGTH)).padStart(CODE_LENGTH, '0');
}

/**
 * A keyed hash, so that a leaked table of codes cannot be brute-forced over the small code space
 * without the server's secret; the mobile number is in the input so one code's hash is useless
 * for another number.
 */
export function hashOtpCode(mobile: string, code: string, secret: string): string {
  return createHmac('sha256', secret).update(`otp:${mobile}:${code}`).digest('hex');
}

/** Compares in constant time, so response timing does not leak how much of a guess was right. */
export function otpCodeMatches(codeHash: string, mobile: string, code: string, secret: string): boolean {
  const expected = Buffer.from(codeHash, 'hex');
  const actual = Buffer.from(hashOtpCode(mobile, code, secret), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

export interface OtpState {
  expiresAt: number;
  usedAt: number | null;
  failedAttempts: number;
}

export type OtpCheck = 'ok' | 'used' | 'too_many_attempts' | 'expired';

/** Whether a stored code may still be tried at `now`. A code is valid strictly before its expiry. */
export function checkOtp(row: OtpState, now: number): OtpCheck {
  if (row.usedAt !== null) return 'used';
  if (row.failedAttempts >= MAX_FAILED_ATTEMPTS) return 'too_many_attempts';
  if (now >= row.expiresAt) return 'expired';
  return 'ok';
}

export function otpMessageBody(code: string): string {
  return `【3G客户俱乐部】您的验证码是${code}，${CODE_TTL_MS / MINUTE}分钟内有效。请勿告诉他人。`;
}

/** The code SMS as the outbox keeps it: the code is filled in only when it is handed to the sender. */
export const OTP_MESSAGE_TEMPLATE = otpMessageBody('{code}');
