import { checkInRefusal } from '@/lib/domain/attendance-rules';
import type { Answer, CheckinRoster, QueuedScan, RosterEntry, ScanResult } from './types';

/** What the operator typed: four digits search the mobile numbers, six letters/digits are a short code, `T1.` a pasted QR code. */
export function classifyTyped(text: string): { kind: 'last4'; last4: string } | { kind: 'code'; code: string } | { kind: 'invalid' } {
  const value = text.trim();
  if (/^\d{4}$/.test(value)) return { kind: 'last4', last4: value };
  if (/^[A-Za-z0-9]{6}$/.test(value)) return { kind: 'code', code: value.toUpperCase() };
  if (value.startsWith('T1.')) return { kind: 'code', code: value };
  return { kind: 'invalid' };
}

/** SHA-256 in hex, as the server hashes a ticket's QR code for the roster. */
export async function hashTicketCode(code: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code.trim()));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The roster entry a scan names, by roster tick, short code, or the hash of a QR code. */
export function findEntry(entries: readonly RosterEntry[], scan: { code?: string; registrationId?: number }, codeHash: string | null): RosterEntry | undefined {
  if (scan.registrationId !== undefined) return entries.find((e) => e.registrationId === scan.registrationId);
  if (codeHash !== null) return entries.find((e) => e.codeHash === codeHash);
  const shortCode = (scan.code ?? '').trim().toUpperCase();
  return entries.find((e) => e.shortCode === shortCode);
}

/**
 * The answer a device gives without the server, by the same rule the server applies. Only a
 * ticket it may check in is queued: anything else would be refused again, or reported as a
 * conflict with the device's own earlier scan.
 */
export function decideLocally(event: CheckinRoster['event'], entry: RosterEntry | undefined, scan: { nonce: string; scannedAt: number }): Answer {
  if (!entry) return { kind: 'refused', name: null, code: 'invalid_code' };
  const refusal = checkInRefusal({ eventId: event.id, status: entry.status, checkedInAt: entry.checkedInAt }, event, scan.scannedAt);
  if (!refusal) return { kind: 'checked_in', name: entry.name, checkedInAt: scan.scannedAt, queued: true, nonce: scan.nonce };
  if (refusal.code === 'already_checked_in') return { kind: 'already_checked_in', name: entry.name, checkedInAt: entry.checkedInAt };
  return { kind: 'refused', name: entry.name, code: refusal.code, params: refusal.params };
}

/** The server's answer to a scan, for the answer panel; `opensAt` explains a refusal before the doors open. */
export function answerOf(result: ScanResult, opensAt: number): Answer {
  switch (result.outcome) {
    case 'checked_in':
      return { kind: 'checked_in', name: result.name, checkedInAt: result.checkedInAt ?? 0, queued: false, nonce: result.nonce };
    case 'refused':
      return { kind: 'refused', name: result.name, code: result.code ?? 'invalid_code', params: { opensAt } };
    default:
      return { kind: result.outcome, name: result.name, checkedInAt: result.checkedInAt };
  }
}

function markAttended(entries: RosterEntry[], registrationId: number, checkedInAt: number | null): RosterEntry[] {
  return entries.map((e) => (e.registrationId === registrationId && e.status === 'confirmed' ? { ...e, status: 'attended', checkedInAt } : e));
}

/** The roster with the server's answers applied: a ticket checked in here or elsewhere is attended. */
export function applyResults(roster: CheckinRoster, results: readonly ScanResult[]): CheckinRoster {
  let entries = roster.entries;
  for (const r of results) {
    if (r.registrationId !== null && r.outcome !== 'refused') entries = markAttended(entries, r.registrationId, r.checkedInAt);
  }
  return entries === roster.entries ? roster : { ...roster, entries };
}

/** The roster as this device sees it: the server's, plus the check-ins still waiting in its queue. */
export function withQueued(entries: RosterEntry[], queue: readonly QueuedScan[]): RosterEntry[] {
  return queue.reduce((acc, scan) => markAttended(acc, scan.localRegistrationId, scan.scannedAt), entries);
}

/** Counts as the server reports them: seats given (not the waiting list), checked in, still to come. */
export function countEntries(entries: readonly RosterEntry[]) {
  const seated = entries.filter((e) => e.status !== 'waitlisted');
  return {
    confirmed: seated.length,
    checkedIn: seated.filter((e) => e.status === 'attended').length,
    remaining: seated.filter((e) => e.status === 'confirmed').length,
  };
}

/** Whether an entry matches the roster search: name, number, last four digits or short code. */
export function matchesSearch(entry: RosterEntry, query: string): boolean {
  const q = query.trim().toUpperCase();
  if (!q) return true;
  return entry.name.toUpperCase().includes(q) || entry.mobile.includes(q) || entry.shortCode.includes(q);
}
