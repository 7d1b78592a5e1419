import type { getCheckinRoster, ScanInput, ScanResult } from '@/lib/server/attendance';

export type CheckinRoster = Awaited<ReturnType<typeof getCheckinRoster>>;
export type RosterEntry = CheckinRoster['entries'][number];
export type { ScanInput, ScanResult };

/** A scan kept on the device until it is synced; `localRegistrationId` is the ticket it ticked locally. */
export interface QueuedScan extends ScanInput {
  eventId: number;
  localRegistrationId: number;
}

/** What the answer panel shows for the latest scan or undo. */
export type Answer =
  | { kind: 'checked_in'; name: string | null; checkedInAt: number; queued: boolean; nonce: string }
  | { kind: 'already_checked_in' | 'conflict'; name: string | null; checkedInAt: number | null }
  | { kind: 'refused'; name: string | null; code: string; params?: Record<string, string | number> }
  | { kind: 'error'; code: string }
  | { kind: 'undone'; name: string };
