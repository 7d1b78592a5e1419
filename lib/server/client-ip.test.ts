import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

describe('clientIp', () => {
  it('is the one address the HTTP server left in X-Forwarded-For, an IPv6 client counted by its /64', () => {
    expect(clientIp({ 'x-forwarded-for': '203.0.113.7' })).toBe('203.0.113.7');
    expect(clientIp({ 'x-forwarded-for': '2001:db8:1:2:aaaa::1' })).toBe(clientIp({ 'x-forwarded-for': '2001:db8:1:2:bbbb::2' }));
    expect(clientIp({ 'x-forwarded-for': ['198.51.100.1, 203.0.113.7'] })).toBe('203.0.113.7');
    expect(clientIp({})).toBe('unknown');
    expect(clientIp(undefined)).toBe('unknown');
  });
});
