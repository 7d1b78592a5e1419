import { describe, expect, it } from 'vitest';
import { CHECKIN_OPENS_BEFORE_MS } from '@/lib/domain/attendance-rules';
import { ticketCodeHash } from '@/lib/domain/ticket-codes';
import { answerOf, applyResults, classifyTyped, countEntries, decideLocally, findEntry, hashTicketCode, matchesSearch, withQueued } from './local-check-in';
import type { CheckinRoster, QueuedScan, RosterEntry, ScanResult } from './types';

const NOW = Date.UTC(2027, 2, 6, 6, 0);
const CODE = 'T1.7.abcdefghijklmnopqrstuv.0123456789abcdefghijkl';

function entry(registrationId: number, over: Partial<RosterEntry> = {}): RosterEntry {
  return {
    registrationId,
    status: 'confirmed',
    shortCode: `ABC${registrationId}23`.slice(0, 6),
    checkedInAt: null,
    customerId: 100 + registrationId,
    name: `会员${registrationId}`,
    mobile: `1860200${String(registrationId).padStart(4, '0')}`,
    mobileLast4: String(registrationId).padStart(4, '0'),
    segment: 'postpaid',
    provinceCode: '440000',
    codeHash: `hash-${registrationId}`,
    ...over,
  };
}

const event: CheckinRoster['event'] = { id: 9, provinceCode: '440000', clubCode: 'music', status: 'published', titleZh: '新歌首听会', titleEn: null, startsAt: NOW + 60 * 60_000, endsAt: NOW + 3 * 60 * 60_000 };
const roster = (entries: RosterEntry[]): CheckinRoster => ({ event, counts: countEntries(entries), entries });
const scan = { nonce: 'nonce-0001', scannedAt: NOW };

describe('classifyTyped', () => {
  it('reads four digits as a mobile number search and six characters as a short code', () => {
    expect(classifyTyped(' 5678 ')).toEqual({ kind: 'last4', last4: '5678' });
    expect(classifyTyped('k7m2pq')).toEqual({ kind: 'code', code: 'K7M2PQ' });
    expect(classifyTyped(CODE)).toEqual({ kind: 'code', code: CODE });
    expect(classifyTyped('12345')).toEqual({ kind: 'invalid' });
  });
});

describe('hashTicketCode', () => {
  it('hashes a scanned QR code exactly as the server hashes it for the roster', async () => {
    expect(await hashTicketCode(CODE)).toBe(ticketCodeHash(CODE));
  });
});

describe('findEntry', () => {
  const entries = [entry(1), entry(2, { codeHash: 'feed' })];
  it('finds a ticket by roster tick, QR hash or short code, and nothing for an unknown code', () => {
    expect(findEntry(entries, { registrationId: 2 }, null)?.registrationId).toBe(2);
    expect(findEntry(entries, { code: CODE }, 'feed')?.registrationId).toBe(2);
    expect(findEntry(entries, { code: entries[0]!.shortCode.toLowerCase() }, null)?.registrationId).toBe(1);
    expect(findEntry(entries, { code: 'ZZZZZZ' }, null)).toBeUndefined();
    expect(findEntry(entries, { code: CODE }, 'other')).toBeUndefined();
  });
});

describe('decideLocally', () => {
  it('checks in a confirmed ticket once the doors are open, to be queued', () => {
    expect(decideLocally(event, entry(1), scan)).toEqual({ kind: 'checked_in', name: '会员1', checkedInAt: NOW, queued: true, nonce: 'nonce-0001' });
  });

  it('answers a used ticket with when it was used, and refuses unknown, waitlisted and early scans', () => {
    expect(decideLocally(event, entry(1, { status: 'attended', checkedInAt: NOW - 60_000 }), scan)).toEqual({ kind: 'already_checked_in', name: '会员1', checkedInAt: NOW - 60_000 });
    expect(decideLocally(event, undefined, scan)).toMatchObject({ kind: 'refused', code: 'invalid_code' });
    expect(decideLocally(event, entry(1, { status: 'waitlisted' }), scan)).toMatchObject({ kind: 'refused', code: 'ticket_waitlisted' });
    const early = { ...scan, scannedAt: event.startsAt - CHECKIN_OPENS_BEFORE_MS - 1 };
    expect(decideLocally(event, entry(1), early)).toMatchObject({ kind: 'refused', code: 'checkin_not_open' });
    expect(decideLocally({ ...event, status: 'completed' }, entry(1), scan)).toMatchObject({ kind: 'refused', code: 'checkin_closed' });
  });
});

describe('the roster a device sees', () => {
  const queued: QueuedScan = { nonce: 'nonce-0002', scannedAt: NOW, offline: true, registrationId: 2, eventId: 9, localRegistrationId: 2 };

  it('counts seats (not the waiting list), check-ins and those still to come, including queued check-ins', () => {
    const entries = [entry(1), entry(2), entry(3, { status: 'waitlisted' }), entry(4, { status: 'attended', checkedInAt: NOW })];
    expect(countEntries(entries)).toEqual({ confirmed: 3, checkedIn: 1, remaining: 2 });
    expect(countEntries(withQueued(entries, [queued]))).toEqual({ confirmed: 3, checkedIn: 2, remaining: 1 });
  });

  it("applies the server's answers: a conflict keeps the first check-in's time, a refusal changes nothing", () => {
    const results: ScanResult[] = [
      { nonce: 'a-nonce-1', outcome: 'conflict', registrationId: 1, name: '会员1', checkedInAt: NOW - 5_000, code: null, replayed: false },
      { nonce: 'a-nonce-2', outcome: 'refused', registrationId: 2, name: '会员2', checkedInAt: null, code: 'ticket_cancelled', replayed: false },
    ];
    const next = applyResults(roster([entry(1), entry(2)]), results);
    expect(next.entries.map((e) => [e.status, e.checkedInAt])).toEqual([
      ['attended', NOW - 5_000],
      ['confirmed', null],
    ]);
    expect(answerOf(results[0]!, 0)).toEqual({ kind: 'conflict', name: '会员1', checkedInAt: NOW - 5_000 });
    expect(answerOf(results[1]!, 0)).toMatchObject({ kind: 'refused', code: 'ticket_cancelled' });
  });

  it('searches by name, number and short code', () => {
    const e = entry(1);
    expect(matchesSearch(e, '会员')).toBe(true);
    expect(matchesSearch(e, '0001')).toBe(true);
    expect(matchesSearch(e, e.shortCode.toLowerCase())).toBe(true);
    expect(matchesSearch(e, '李')).toBe(false);
  });
});
