import { describe, expect, it } from 'vitest';
import { sealSecret, unsealSecret } from './secrets';

describe('sealed secrets', () => {
  it('open only with the same purpose and context', () => {
    const sealed = sealSecret('outbox', '{"code":"123456"}', 'outbox:sms:18600000001:otp');
    expect(sealed).not.toContain('123456');
    expect(unsealSecret('outbox', sealed, 'outbox:sms:18600000001:otp')).toBe('{"code":"123456"}');
    expect(unsealSecret('outbox', sealed, 'outbox:sms:18600000002:otp')).toBeNull();
    expect(unsealSecret('otp', sealed, 'outbox:sms:18600000001:otp')).toBeNull();
  });

  it('differ each time for the same secret', () => {
    expect(sealSecret('outbox', 'x', 'c')).not.toBe(sealSecret('outbox', 'x', 'c'));
  });

  it('refuse a tampered, truncated or malformed value', () => {
    const sealed = sealSecret('outbox', 'secret', 'c');
    const [version, nonce, tag, ciphertext] = sealed.split('.') as [string, string, string, string];
    const flipped = Buffer.from(ciphertext, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(unsealSecret('outbox', [version, nonce, tag, flipped.toString('base64url')].join('.'), 'c')).toBeNull();
    expect(unsealSecret('outbox', [version, nonce, tag.slice(0, 8), ciphertext].join('.'), 'c')).toBeNull();
    for (const bad of ['', 'v1', 'v2.a.b.c', `${sealed}.x`, 'v1...']) expect(unsealSecret('outbox', bad, 'c'), bad).toBeNull();
  });

  it('do not open after NEXTAUTH_SECRET changes', () => {
    const before = process.env.NEXTAUTH_SECRET;
    try {
      process.env.NEXTAUTH_SECRET = 'one';
      const sealed = sealSecret('outbox', 'secret', 'c');
      process.env.NEXTAUTH_SECRET = 'two';
      expect(unsealSecret('outbox', sealed, 'c')).toBeNull();
    } finally {
      process.env.NEXTAUTH_SECRET = before;
    }
  });
});
