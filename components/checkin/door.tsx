'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { CHECKIN_OPENS_BEFORE_MS } from '@/lib/domain/attendance-rules';
import { MAX_SCANS_PER_REQUEST } from '@/lib/validation/checkin';
import { CameraScanner } from './camera-scanner';
import { CheckinCounts } from './checkin-counts';
import { ConnectionStatus } from './connection-status';
import { fetchRoster, postScans, postUndo, ProblemError } from './door-api';
import { answerOf, applyResults, classifyTyped, countEntries, decideLocally, findEntry, hashTicketCode, withQueued } from './local-check-in';
import { ManualEntry } from './manual-entry';
import { RosterEntryRow } from './roster-entry-row';
import { RosterList } from './roster-list';
import { ScanAnswer } from './scan-answer';
import { dequeueScans, enqueueScan, readQueue } from './scan-queue';
import { SyncProblems } from './sync-problems';
import type { Answer, CheckinRoster, QueuedScan, ScanInput, ScanResult } from './types';

/** While online, the door syncs and refreshes its roster this often, to see other devices' check-ins. */
const REFRESH_MS = 20_000;
const DEVICE_KEY = 'club-hub.checkin.device';
/** The note saying when shut doors open, which the disabled check-in controls point to. */
const CLOSED_NOTE = 'checkin-closed-note';

function subscribeOnline(onChange: () => void) {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/** This device's id, kept across visits so that the server's scan log tells the doors apart. */
function deviceId(): string {
  try {
    let id = localStorage.getItem(DEVICE_KEY);
    if (!id) {
      id = crypto.randomUUID();
      localStorage.setItem(DEVICE_KEY, id);
    }
    return id;
  } catch {
    return 'unknown';
  }
}

/** Whether the doors are open, turning true by itself at the moment they open while the page stays up. */
function useDoorsOpen(opensAt: number): boolean {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (now >= opensAt) return;
    // setTimeout waits at most 2^31-1 ms (about 24 days): a longer wait is taken in steps.
    const timer = setTimeout(() => setNow(Date.now()), Math.min(opensAt - now, 2 ** 31 - 1));
    return () => clearTimeout(timer);
  }, [now, opensAt]);
  return now >= opensAt;
}

/** The server refuses unknown fields: only what a scan is travels. */
const toScanInput = (s: QueuedScan): ScanInput => ({ nonce: s.nonce, scannedAt: s.scannedAt, deviceId: s.deviceId, offline: s.offline, code: s.code, registrationId: s.registrationId });

/**
 * The door of one event. It works from the roster it was opened with, so it keeps checking people
 * in when the venue's network drops: scans are then decided on the device by the server's own
 * rule, kept in a queue that survives a reload, and synced when the connection returns.
 */
export function CheckinDoor({ initialRoster }: { initialRoster: CheckinRoster }) {
  const t = useTranslations('checkin');
  const format = useFormatter();
  const eventId = initialRoster.event.id;
  const opensAt = initialRoster.event.startsAt - CHECKIN_OPENS_BEFORE_MS;
  const browserOnline = useSyncExternalStore(subscribeOnline, () => navigator.onLine, () => true);
  // The browser may think it is online while the venue's network reaches nothing.
  const [reachable, setReachable] = useState(true);
  const online = browserOnline && reachable;
  const doorsOpen = useDoorsOpen(opensAt);
  // A closed or cancelled event has its own notice on the page: its doors are not about to open.
  const closedUntil = doorsOpen || initialRoster.event.status !== 'published' ? null : opensAt;

  const [roster, setRoster] = useState(initialRoster);
  const [queue, setQueue] = useState<QueuedScan[]>([]);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [problems, setProblems] = useState<ScanResult[]>([]);
  const [syncError, setSyncError] = useState<string | null>(null);
  const [storageFailed, setStorageFailed] = useState(false);
  const [last4, setLast4] = useState<string | null>(null);

  // Scans arrive faster than React renders: decisions read the latest roster and queue from refs.
  const rosterRef = useRef(initialRoster);
  const queueRef = useRef<QueuedScan[]>([]);
  const changes = useRef(0);
  const syncing = useRef(false);

  const updateRoster = useCallback((next: (r: CheckinRoster) => CheckinRoster) => {
    rosterRef.current = next(rosterRef.current);
    changes.current++;
    setRoster(rosterRef.current);
  }, []);

  const updateQueue = useCallback((next: QueuedScan[]) => {
    queueRef.current = next;
    setQueue(next);
  }, []);

  const refresh = useCallback(async () => {
    const before = changes.current;
    const fresh = await fetchRoster(eventId);
    // A check-in answered while the roster was on its way is newer than it: keep it until the next refresh.
    if (changes.current === before) {
      rosterRef.current = fresh;
      setRoster(fresh);
    }
  }, [eventId]);

  const sync = useCallback(async () => {
    if (syncing.current || !navigator.onLine) return;
    syncing.current = true;
    try {
      const pending = queueRef.current;
      for (let i = 0; i < pending.length; i += MAX_SCANS_PER_REQUEST) {
        const batch = pending.slice(i, i + MAX_SCANS_PER_REQUEST);
        const results = await postScans(eventId, batch.map(toScanInput));
        const synced = new Set(batch.map((s) => s.nonce));
        updateRoster((r) => applyResults(r, results));
        updateQueue(queueRef.current.filter((s) => !synced.has(s.nonce)));
        const notable = results.filter((r) => r.outcome === 'conflict' || r.outcome === 'refused');
        if (notable.length > 0) setProblems((p) => [...notable, ...p.filter((x) => !synced.has(x.nonce))]);
        // The panel still says "checked in on this device": now it can say what the server decided.
        setAnswer((a) => {
          const settled = a?.kind === 'checked_in' && a.queued ? results.find((r) => r.nonce === a.nonce) : undefined;
          return settled ? answerOf(settled, opensAt) : a;
        });
        await dequeueScans([...synced]).catch(() => setStorageFailed(true));
      }
      await refresh();
      setReachable(true);
      setSyncError(null);
    } catch (error) {
      if (error instanceof ProblemError) setSyncError(error.code);
      else setReachable(false);
    } finally {
      syncing.current = false;
    }
  }, [eventId, opensAt, refresh, updateQueue, updateRoster]);

  useEffect(() => {
    let alive = true;
    readQueue(eventId)
      .then((stored) => {
        if (!alive) return;
        const known = new Set(queueRef.current.map((s) => s.nonce));
        updateQueue([...stored.filter((s) => !known.has(s.nonce)), ...queueRef.current]);
        if (stored.length > 0) void sync();
      })
      .catch(() => setStorageFailed(true));
    return () => {
      alive = false;
    };
  }, [eventId, sync, updateQueue]);

  useEffect(() => {
    const onOnline = () => {
      setReachable(true);
      void sync();
    };
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void sync();
    }, REFRESH_MS);
    window.addEventListener('online', onOnline);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
    };
  }, [sync]);

  const checkInLocally = useCallback(
    async (scan: ScanInput) => {
      // Without WebCrypto (an insecure context) a QR code cannot be verified here: it is answered as unknown.
      const codeHash = scan.code?.startsWith('T1.') ? await hashTicketCode(scan.code).catch(() => null) : null;
      const entries = withQueued(rosterRef.current.entries, queueRef.current);
      const entry = scan.code?.startsWith('T1.') && codeHash === null ? undefined : findEntry(entries, scan, codeHash);
      const local = decideLocally(rosterRef.current.event, entry, scan);
      setAnswer(local);
      if (local.kind !== 'checked_in' || !entry) return;
      const queued: QueuedScan = { ...scan, offline: true, eventId, localRegistrationId: entry.registrationId };
      updateQueue([...queueRef.current, queued]);
      await enqueueScan(queued).catch(() => setStorageFailed(true));
    },
    [eventId, updateQueue],
  );

  const submit = useCallback(
    async (target: { code: string } | { registrationId: number }) => {
      const scan: ScanInput = { nonce: crypto.randomUUID(), scannedAt: Date.now(), deviceId: deviceId(), ...target };
      if (online && navigator.onLine) {
        try {
          const [result] = await postScans(eventId, [scan]);
          if (!result) throw new Error('no answer');
          updateRoster((r) => applyResults(r, [result]));
          setAnswer(answerOf(result, opensAt));
          return;
        } catch (error) {
          if (error instanceof ProblemError) {
            setAnswer({ kind: 'error', code: error.code });
            return;
          }
          setReachable(false);
        }
      }
      // The same nonce: if the lost request did reach the server, the sync is answered as a replay.
      await checkInLocally(scan);
    },
    [checkInLocally, eventId, online, opensAt, updateRoster],
  );

  const onTyped = useCallback(
    (text: string) => {
      const typed = classifyTyped(text);
      setLast4(typed.kind === 'last4' ? typed.last4 : null);
      if (typed.kind === 'last4') return;
      if (typed.kind === 'invalid') setAnswer({ kind: 'refused', name: null, code: 'invalid_code' });
      else void submit({ code: typed.code });
    },
    [submit],
  );

  const tick = useCallback(
    (registrationId: number) => {
      setLast4(null);
      void submit({ registrationId });
    },
    [submit],
  );

  const undo = useCallback(
    async (registrationId: number) => {
      const name = rosterRef.current.entries.find((e) => e.registrationId === registrationId)?.name ?? '';
      try {
        await postUndo(eventId, registrationId);
        updateRoster((r) => ({ ...r, entries: r.entries.map((e) => (e.registrationId === registrationId ? { ...e, status: 'confirmed', checkedInAt: null } : e)) }));
        setAnswer({ kind: 'undone', name });
      } catch (error) {
        if (error instanceof ProblemError) {
          setAnswer({ kind: 'error', code: error.code });
        } else {
          setReachable(false);
          setAnswer({ kind: 'error', code: 'undo_offline' });
        }
      }
    },
    [eventId, updateRoster],
  );

  const entries = useMemo(() => withQueued(roster.entries, queue), [roster.entries, queue]);
  const queuedIds = useMemo(() => new Set(queue.map((s) => s.localRegistrationId)), [queue]);
  const last4Matches = last4 === null ? [] : entries.filter((e) => e.mobileLast4 === last4);

  return (
    <div className="space-y-4">
      <ConnectionStatus online={online} waiting={queue.length} syncError={syncError} />
      {storageFailed ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t('connection.storageFailed')}
        </p>
      ) : null}
      {closedUntil !== null ? (
        <p id={CLOSED_NOTE} data-testid="checkin-notice" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {t('notOpenYet', { time: format.dateTime(new Date(closedUntil), { dateStyle: 'medium', timeStyle: 'short' }) })}
        </p>
      ) : null}
      <CheckinCounts counts={countEntries(entries)} />
      <ScanAnswer answer={answer} />
      <section aria-label={t('manual.section')} className="space-y-3 rounded-lg border border-gray-200 bg-white p-3">
        <ManualEntry onSubmit={onTyped} closedNote={closedUntil === null ? null : CLOSED_NOTE} />
        <CameraScanner onCode={onTyped} closedNote={closedUntil === null ? null : CLOSED_NOTE} />
      </section>
      {last4 !== null ? (
        <section aria-labelledby="last4-title" data-testid="last4-matches" className="rounded-lg border-2 border-gray-300 bg-white">
          <div className="flex items-center justify-between gap-2 border-b border-gray-200 p-3">
            <h2 id="last4-title" className="font-semibold">
              {t('last4.title', { last4, count: last4Matches.length })}
            </h2>
            <button type="button" className="text-sm text-brand-700 underline" onClick={() => setLast4(null)}>
              {t('last4.close')}
            </button>
          </div>
          {last4Matches.length === 0 ? (
            <p className="p-3 text-sm text-gray-700">{t('last4.none', { last4 })}</p>
          ) : (
            <ul className="divide-y divide-gray-100">
              {last4Matches.map((entry) => (
                <RosterEntryRow key={entry.registrationId} entry={entry} queued={queuedIds.has(entry.registrationId)} online={online} closedUntil={closedUntil} onCheckIn={tick} onUndo={undo} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
      <SyncProblems results={problems} opensAt={opensAt} onDismiss={() => setProblems([])} />
      <RosterList entries={entries} queuedIds={queuedIds} online={online} closedUntil={closedUntil} onCheckIn={tick} onUndo={undo} />
    </div>
  );
}
