import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import zh from '@/messages/zh-CN.json';
import { STAFF_PASSWORD_MAX_LENGTH, STAFF_PASSWORD_MIN_LENGTH, staffPasswordRefusal } from './password-policy';

describe('staffPasswordRefusal', () => {
  it('refuses passwords shorter than 12 characters, however random', () => {
    expect(staffPasswordRefusal('Club@2026')).toBe('staff_password_too_short');
    expect(staffPasswordRefusal('x7#Kq9!mZ2v')).toBe('staff_password_too_short');
    expect(staffPasswordRefusal('x7#Kq9!mZ2vw')).toBeNull();
  });

  it('is told in both languages with the same minimum (field errors carry no parameters)', () => {
    expect(en.errors.staff_password_too_short).toContain(String(STAFF_PASSWORD_MIN_LENGTH));
    expect(zh.errors.staff_password_too_short).toContain(String(STAFF_PASSWORD_MIN_LENGTH));
    expect(en.errors.staff_password_weak).toBeTruthy();
    expect(zh.errors.staff_password_weak).toBeTruthy();
  });

  it('refuses common passwords and their usual dressing-up, padded past the length', () => {
    for (const common of ['password1234', 'Password1234!', 'P@ssw0rd2024', 'iloveyou12345678', 'qwertyuiop123', '1q2w3e4r5t6y', 'woaini1314520', 'admin12345678', 'Summer2024!!']) {
      expect(staffPasswordRefusal(common), common).toBe('staff_password_weak');
    }
  });

  it('refuses repeats, sequences and keyboard walks', () => {
    for (const pattern of ['aaaaaaaaaaaa', 'abcdefghijkl', 'Passw0rd!Passw0rd!', 'qazwsxedcrfvtgb', '123456789012']) {
      expect(staffPasswordRefusal(pattern), pattern).toBe('staff_password_weak');
    }
  });

  it("refuses a password built on the app's name or on the person's own username or name", () => {
    expect(staffPasswordRefusal('Clubhub2026!!')).toBe('staff_password_weak');
    expect(staffPasswordRefusal('Liantong@2026')).toBe('staff_password_weak');
    expect(staffPasswordRefusal('Chenzhiqiang2026')).toBeNull();
    expect(staffPasswordRefusal('Chenzhiqiang2026', ['gd.chen', 'Chen Zhiqiang'])).toBe('staff_password_weak');
    expect(staffPasswordRefusal('zj.music.2026!', ['zj.music'])).toBe('staff_password_weak');
  });

  it('accepts long passphrases and random strings', () => {
    for (const good of ['correct horse battery staple', 'k7qm-x2vr-p9tn', 'Zhejiang@2027', 'Tr0ub4dor&3xx', 'lanzhou noodles at dawn']) {
      expect(staffPasswordRefusal(good), good).toBeNull();
    }
  });

  it('caps the length and stays fast on long hostile input', () => {
    expect(staffPasswordRefusal('k7qm-x2vr-p9tn'.repeat(20))).toBe('text_too_long');
    const started = performance.now();
    expect(staffPasswordRefusal('P@ssw0rd'.repeat(25))).toBe('staff_password_weak');
    expect(staffPasswordRefusal(`${'4@$$w0rd1!'.repeat(19)}xyz`.slice(0, STAFF_PASSWORD_MAX_LENGTH))).not.toBe('text_too_long');
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
