import { describe, expect, it } from 'vitest';
import { newShortCode, newTicketSecret, readTicketCode, SHORT_CODE_PATTERN, signTicketCode, ticketCodeHash } from './ticket-codes';

const KEY = 'test key';

describe('ticket codes', () => {
  it('round-trips a signed code to its registration', () => {
    const secret = newTicketSecret();
    const code = signTicketCode(4096, secret, KEY);
    expect(code).toMatch(/^T1\.4096\./);
    expect(readTicketCode(code, KEY)).toEqual({ registrationId: 4096, ticketSecret: secret });
  });

  it('rejects tampered codes: another registration, another secret, a changed signature, another key', () => {
    const secret = newTicketSecret();
    const code = signTicketCode(7, secret, KEY);
    const [v, id, s, sig] = code.split('.') as [string, string, string, string];
    expect(readTicketCode([v, '8', s, sig].join('.'), KEY)).toBeNull();
    expect(readTicketCode([v, id, newTicketSecret(), sig].join('.'), KEY)).toBeNull();
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    expect(readTicketCode([v, id, s, flipped].join('.'), KEY)).toBeNull();
    expect(readTicketCode(code, 'another key')).toBeNull();
  });

  it('rejects malformed input', () => {
    for (const bad of ['', 'T1', 'T2.1.abcdefghijklmnop.abcdefghijklmnopqrstuv', '7', 'ABCDEF', 'T1.0.abcdefghijklmnop.abcdefghijklmnopqrstuv']) {
      expect(readTicketCode(bad, KEY)).toBeNull();
    }
  });

  it('makes readable short codes and unguessable secrets', () => {
    const codes = new Set(Array.from({ length: 500 }, newShortCode));
    for (const c of codes) expect(c).toMatch(SHORT_CODE_PATTERN);
    expect(codes.size).toBeGreaterThan(495);
    expect(newTicketSecret()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('hashes a code the way a door device does (SHA-256, hex)', () => {
    expect(ticketCodeHash('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
