import { describe, expect, it } from 'vitest';
import { answerKindOf, createNonce, pageContentSecurityPolicy } from './security-headers';

/** The policy as a map of directive -> sources. */
const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

describe('pageContentSecurityPolicy', () => {
  it("lets only scripts with the request's nonce (and what they load) run", () => {
    const policy = directives(pageContentSecurityPolicy('abc123==', false));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
    expect(policy.get('script-src')).not.toContain("'unsafe-eval'");
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policy.has('upgrade-insecure-requests')).toBe(false);
  });

  it('upgrades insecure requests over https', () => {
    expect(directives(pageContentSecurityPolicy('n', true)).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('createNonce', () => {
  it('is 128 random bits, new each time', () => {
    const nonces = new Set(Array.from({ length: 1000 }, createNonce));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});

describe('answerKindOf', () => {
  it('tells pages, the API and build files apart', () => {
    expect(answerKindOf('/events')).toBe('page');
    expect(answerKindOf('/ops/checkin/3/scans')).toBe('page');
    expect(answerKindOf('/api/v1/events')).toBe('api');
    expect(answerKindOf('/api/auth/session')).toBe('api');
    expect(answerKindOf('/_next/static/chunks/a.js')).toBe('static');
    expect(answerKindOf('/_next/image')).toBe('page');
    expect(answerKindOf(`/images/${'a'.repeat(64)}`)).toBe('image');
  });
});
