import { describe, expect, it } from 'vitest';
import {
  checkOtp,
  CODE_LENGTH,
  CODE_PATTERN,
  CODE_TTL_MS,
  generateOtpCode,
  hashOtpCode,
  MAX_FAILED_ATTEMPTS,
  otpCodeMatches,
  otpMessageBody,
} from './otp';

const SECRET = 'test secret';
const NOW = Date.UTC(2026, 4, 17, 2, 0, 0);
const fresh = { expiresAt: NOW + CODE_TTL_MS, usedAt: null, failedAttempts: 0 };

describe('generateOtpCode', () => {
  it('makes six-digit codes, leading zeros included', () => {
    const codes = Array.from({ length: 2000 }, generateOtpCode);
    expect(CODE_LENGTH).toBe(6);
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    expect(new Set(codes).size).toBeGreaterThan(1900);
  });
});

describe('CODE_PATTERN', () => {
  it('accepts exactly six digits', () => {
    expect(CODE_PATTERN.test('012345')).toBe(true);
    for (const bad of ['', '12345', '1234567', '12345a', ' 123456', '１２３４５６']) expect(CODE_PATTERN.test(bad)).toBe(false);
  });
});

describe('hashOtpCode', () => {
  it('depends on the mobile number, the code and the secret, and never contains the code', () => {
    const hash = hashOtpCode('18602000001', '123456', SECRET);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain('123456');
    expect(hashOtpCode('18602000001', '123456', SECRET)).toBe(hash);
    expect(hashOtpCode('18602000002', '123456', SECRET)).not.toBe(hash);
    expect(hashOtpCode('18602000001', '123457', SECRET)).not.toBe(hash);
    expect(hashOtpCode('18602000001', '123456', 'another secret')).not.toBe(hash);
  });

  it('matches only the same number and code', () => {
    const hash = hashOtpCode('18602000001', '123456', SECRET);
    expect(otpCodeMatches(hash, '18602000001', '123456', SECRET)).toBe(true);
    expect(otpCodeMatches(hash, '18602000001', '654321', SECRET)).toBe(false);
    expect(otpCodeMatches(hash, '18602000002', '123456', SECRET)).toBe(false);
    expect(otpCodeMatches('not a hash', '18602000001', '123456', SECRET)).toBe(false);
  });
});

describe('checkOtp', () => {
  it('accepts a code until the instant it expires', () => {
    expect(checkOtp(fresh, NOW)).toBe('ok');
    expect(checkOtp(fresh, NOW + CODE_TTL_MS - 1)).toBe('ok');
    expect(checkOtp(fresh, NOW + CODE_TTL_MS)).toBe('expired');
  });

  it('accepts a code once', () => {
    expect(checkOtp({ ...fresh, usedAt: NOW }, NOW + 1)).toBe('used');
  });

  it('kills a code after too many wrong guesses', () => {
    expect(checkOtp({ ...fresh, failedAttempts: MAX_FAILED_ATTEMPTS - 1 }, NOW)).toBe('ok');
    expect(checkOtp({ ...fresh, failedAttempts: MAX_FAILED_ATTEMPTS }, NOW)).toBe('too_many_attempts');
  });

  it('calls a used code used even when it has also expired', () => {
    expect(checkOtp({ ...fresh, usedAt: NOW }, NOW + CODE_TTL_MS)).toBe('used');
  });
});

describe('otpMessageBody', () => {
  it('carries the code and its validity in Chinese', () => {
    expect(otpMessageBody('012345')).toBe('【3G客户俱乐部】您的验证码是012345，5分钟内有效。请勿告诉他人。');
  });
});
