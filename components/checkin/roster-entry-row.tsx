import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { OPENS_AT_FORMAT } from '@/components/tickets/formats';
import { CHECKED_IN_FORMAT } from './formats';
import type { RosterEntry } from './types';

const STATUS_COLORS: Record<RosterEntry['status'], string> = {
  confirmed: 'bg-gray-100 text-gray-800',
  attended: 'bg-green-100 text-green-900',
  waitlisted: 'bg-amber-100 text-amber-900',
  no_show: 'bg-red-100 text-red-900',
  cancelled: 'bg-red-100 text-red-900',
};

/**
 * One ticket holder: a tick checks them in; a check-in made by mistake can be undone, after a
 * second, explicit click, while the device is online (the server keeps the audit trail).
 */
export function RosterEntryRow({
  entry,
  queued,
  online,
  closedUntil,
  onCheckIn,
  onUndo,
}: {
  entry: RosterEntry;
  /** Checked in on this device and not yet synced. */
  queued: boolean;
  online: boolean;
  /** When the doors open, while they are still shut; null once they are open. */
  closedUntil: number | null;
  onCheckIn: (registrationId: number) => void;
  onUndo: (registrationId: number) => Promise<void>;
}) {
  const t = useTranslations('checkin.roster');
  const format = useFormatter();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const status =
    entry.status === 'attended' && entry.checkedInAt !== null
      ? t('status.attendedAt', { time: format.dateTime(new Date(entry.checkedInAt), CHECKED_IN_FORMAT) })
      : t(`status.${entry.status}`);

  const undo = async () => {
    setBusy(true);
    try {
      await onUndo(entry.registrationId);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  return (
    <li data-testid="roster-entry" className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 px-3 py-3">
      <div className="min-w-0">
        <p className="text-base font-medium break-all text-gray-900">{entry.name}</p>
        <p className="text-sm text-gray-600 tabular-nums">
          {entry.mobile} · {t('shortCode', { code: entry.shortCode })}
        </p>
        <p className="mt-1 flex flex-wrap gap-1 text-xs">
          <span data-testid="roster-status" className={`rounded px-2 py-0.5 font-medium ${STATUS_COLORS[entry.status]}`}>
            {status}
          </span>
          {queued ? <span className="rounded bg-amber-100 px-2 py-0.5 font-medium text-amber-900">{t('queued')}</span> : null}
        </p>
      </div>
      {entry.status === 'confirmed' ? (
        // Shut doors would only refuse the tick: say when they open instead of offering it.
        <div className="flex flex-col items-end gap-1">
          <Button
            type="button"
            className="min-h-12 min-w-24 text-base"
            disabled={closedUntil !== null}
            aria-describedby={closedUntil !== null ? `opens-${entry.registrationId}` : undefined}
            onClick={() => onCheckIn(entry.registrationId)}
          >
            {t('checkIn')}
          </Button>
          {closedUntil !== null ? (
            <span id={`opens-${entry.registrationId}`} data-testid="checkin-opens-at" className="text-xs text-amber-900">
              {t('opensAt', { time: format.dateTime(new Date(closedUntil), OPENS_AT_FORMAT) })}
            </span>
          ) : null}
        </div>
      ) : null}
      {entry.status === 'attended' && !queued ? (
        confirming ? (
          <div className="flex gap-2">
            <Button type="button" variant="danger" className="min-h-12" disabled={busy || !online} onClick={() => void undo()}>
              {t('undoConfirm')}
            </Button>
            <Button type="button" variant="secondary" className="min-h-12" onClick={() => setConfirming(false)}>
              {t('undoKeep')}
            </Button>
          </div>
        ) : (
          <Button type="button" variant="secondary" className="min-h-12" disabled={!online} title={online ? undefined : t('undoOffline')} onClick={() => setConfirming(true)}>
            {t('undo')}
          </Button>
        )
      ) : null}
    </li>
  );
}
