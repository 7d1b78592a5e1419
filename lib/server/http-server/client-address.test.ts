import { describe, expect, it } from 'vitest';
import { limitedAddressOf, normalizeIp, parseTrustedProxies, resolveClientAddress } from './client-address';

const none = parseTrustedProxies('');

describe('normalizeIp', () => {
  it.each([
    ['10.1.2.3', '10.1.2.3'],
    [' 10.1.2.3 ', '10.1.2.3'],
    ['10.1.2.3:8080', '10.1.2.3'],
    ['::1', '::1'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:0:0:0:2:1', '2001:db8::2:1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::ffff:192.0.2.7', '192.0.2.7'],
    ['::ffff:c000:207', '192.0.2.7'],
    ['0:0:0:0:0:ffff:192.0.2.7', '192.0.2.7'],
  ])('%s -> %s', (input, expected) => {
    expect(normalizeIp(input)).toBe(expected);
  });

  it.each(['', 'unknown', '256.1.1.1', '1.2.3', '10.0.0.1/8', 'example.com', '::g', '1.2.3.4, 5.6.7.8', '<script>'])('%j is no address', (input) => {
    expect(normalizeIp(input)).toBeNull();
  });
});

describe('limitedAddressOf', () => {
  it('counts an IPv4 client by its address and an IPv6 client by its /64', () => {
    expect(limitedAddressOf('203.0.113.7')).toBe('203.0.113.7');
    expect(limitedAddressOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(limitedAddressOf('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(limitedAddressOf('2001:db8:1:2::9')).toBe(limitedAddressOf('2001:0db8:0001:0002:ffff::1'));
    expect(limitedAddressOf('2001:db8:1:3::9')).not.toBe(limitedAddressOf('2001:db8:1:2::9'));
    expect(limitedAddressOf('unknown')).toBe('unknown');
  });
});

describe('parseTrustedProxies', () => {
  it('is empty by default', () => {
    expect(parseTrustedProxies(undefined).empty).toBe(true);
    expect(parseTrustedProxies(' , ').empty).toBe(true);
  });

  it('matches addresses and CIDR networks of both families', () => {
    const trusted = parseTrustedProxies('127.0.0.1, 10.0.0.0/8,172.16.0.0/12, fd00::/8, 2001:db8::5');
    expect(trusted.includes('127.0.0.1')).toBe(true);
    expect(trusted.includes('127.0.0.2')).toBe(false);
    expect(trusted.includes('10.255.0.1')).toBe(true);
    expect(trusted.includes('11.0.0.1')).toBe(false);
    expect(trusted.includes('172.31.255.255')).toBe(true);
    expect(trusted.includes('172.32.0.0')).toBe(false);
    expect(trusted.includes('fd12:3456::1')).toBe(true);
    expect(trusted.includes('fe80::1')).toBe(false);
    expect(trusted.includes('2001:db8:0::5')).toBe(true);
    expect(trusted.includes('2001:db8::6')).toBe(false);
    // A dual-stack socket reports an IPv4 peer as an IPv4-mapped IPv6 address.
    expect(trusted.includes('::ffff:10.1.1.1')).toBe(true);
    expect(trusted.includes('not an address')).toBe(false);
  });

  it('takes /0 and odd prefixes', () => {
    expect(parseTrustedProxies('0.0.0.0/0').includes('203.0.113.9')).toBe(true);
    const odd = parseTrustedProxies('192.168.1.128/25');
    expect(odd.includes('192.168.1.200')).toBe(true);
    expect(odd.includes('192.168.1.127')).toBe(false);
  });

  it.each(['localhost', '10.0.0.0/33', '10.0.0.0/8/1', '::1/129', '10.0.0.0/x', '1.2.3.4.5'])('refuses %j', (entry) => {
    expect(() => parseTrustedProxies(`127.0.0.1, ${entry}`)).toThrow(/TRUSTED_PROXIES/);
  });
});

describe('resolveClientAddress', () => {
  it('uses the socket address when no proxy is trusted, whatever the client claims', () => {
    expect(resolveClientAddress('203.0.113.9', '1.1.1.1', none)).toEqual({ address: '203.0.113.9', viaTrustedProxy: false });
    expect(resolveClientAddress('::ffff:203.0.113.9', '1.1.1.1, 2.2.2.2', none)).toEqual({ address: '203.0.113.9', viaTrustedProxy: false });
    expect(resolveClientAddress('::1', undefined, none).address).toBe('::1');
    expect(resolveClientAddress(undefined, '1.1.1.1', none).address).toBe('unknown');
  });

  it('ignores the header of a peer that is not a trusted proxy', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8');
    expect(resolveClientAddress('198.51.100.4', '10.0.0.1', trusted)).toEqual({ address: '198.51.100.4', viaTrustedProxy: false });
  });

  it('believes a trusted proxy about the hop before it', () => {
    const trusted = parseTrustedProxies('127.0.0.1');
    expect(resolveClientAddress('127.0.0.1', '198.51.100.4', trusted)).toEqual({ address: '198.51.100.4', viaTrustedProxy: true });
    expect(resolveClientAddress('::ffff:127.0.0.1', ['198.51.100.4'], trusted).address).toBe('198.51.100.4');
  });

  it('walks past every trusted proxy from the right, and no further', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8, fd00::/8');
    // The client wrote "6.6.6.6" itself; the edge proxy appended the real peer, the inner proxy its own.
    expect(resolveClientAddress('10.0.0.2', '6.6.6.6, 198.51.100.4, 10.0.0.1', trusted).address).toBe('198.51.100.4');
    expect(resolveClientAddress('fd00::2', '6.6.6.6, 2001:db8::7, fd00::1', trusted).address).toBe('2001:db8::7');
    expect(resolveClientAddress('10.0.0.2', ['6.6.6.6', '198.51.100.4, 10.0.0.1'], trusted).address).toBe('198.51.100.4');
  });

  it('stops at an entry that is not an address, at the last one that was', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8');
    expect(resolveClientAddress('10.0.0.2', '198.51.100.4, garbage, 10.0.0.1', trusted).address).toBe('10.0.0.1');
    expect(resolveClientAddress('10.0.0.2', 'garbage', trusted).address).toBe('10.0.0.2');
  });

  it('falls back to the proxy when it forwarded no address', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8');
    expect(resolveClientAddress('10.0.0.2', undefined, trusted)).toEqual({ address: '10.0.0.2', viaTrustedProxy: true });
    expect(resolveClientAddress('10.0.0.2', ' , ', trusted).address).toBe('10.0.0.2');
  });

  it('gives a trusted chain of proxies only its first address', () => {
    const trusted = parseTrustedProxies('10.0.0.0/8');
    expect(resolveClientAddress('10.0.0.3', '10.0.0.1, 10.0.0.2', trusted).address).toBe('10.0.0.1');
  });
});
