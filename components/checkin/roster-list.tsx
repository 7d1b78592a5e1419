import { useTranslations } from 'next-intl';
import { useDeferredValue, useState } from 'react';
import { matchesSearch } from './local-check-in';
import { RosterEntryRow } from './roster-entry-row';
import type { RosterEntry } from './types';

/** Rendering thousands of rows makes a phone sluggish: beyond this, the operator searches. */
const SHOWN = 100;

/** The event's ticket holders, searchable by name, number or short code, each with its tick. */
export function RosterList({
  entries,
  queuedIds,
  online,
  closedUntil,
  onCheckIn,
  onUndo,
}: {
  entries: RosterEntry[];
  queuedIds: ReadonlySet<number>;
  online: boolean;
  /** When the doors open, while they are still shut; null once they are open. */
  closedUntil: number | null;
  onCheckIn: (registrationId: number) => void;
  onUndo: (registrationId: number) => Promise<void>;
}) {
  const t = useTranslations('checkin.roster');
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  const matching = entries.filter((e) => matchesSearch(e, deferred));

  return (
    <section aria-labelledby="roster-title" className="rounded-lg border border-gray-200 bg-white">
      <div className="space-y-2 border-b border-gray-200 p-3">
        <h2 id="roster-title" className="text-lg font-semibold">
          {t('title')} <span className="text-sm font-normal text-gray-600">{t('count', { count: entries.length })}</span>
        </h2>
        <label htmlFor="roster-search" className="sr-only">
          {t('search')}
        </label>
        <input
          id="roster-search"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder={t('search')}
          autoComplete="off"
          className="block min-h-12 w-full rounded-md border border-gray-300 px-3 text-base"
        />
      </div>
      {matching.length === 0 ? (
        <p className="p-3 text-sm text-gray-600">{t('empty')}</p>
      ) : (
        <ul className="divide-y divide-gray-100" aria-label={t('title')}>
          {matching.slice(0, SHOWN).map((entry) => (
            <RosterEntryRow key={entry.registrationId} entry={entry} queued={queuedIds.has(entry.registrationId)} online={online} closedUntil={closedUntil} onCheckIn={onCheckIn} onUndo={onUndo} />
          ))}
        </ul>
      )}
      {matching.length > SHOWN ? <p className="p-3 text-sm text-gray-600">{t('shown', { shown: SHOWN, count: matching.length })}</p> : null}
    </section>
  );
}
