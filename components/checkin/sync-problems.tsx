import { useFormatter, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { OPENS_AT_FORMAT } from '@/components/tickets/formats';
import { CHECKED_IN_FORMAT } from './formats';
import type { ScanResult } from './types';

/**
 * What syncing the offline queue turned up for this device's operator: tickets another device had
 * already checked in (the first scan counts, this one does not), and scans the server refused.
 */
export function SyncProblems({ results, opensAt, onDismiss }: { results: readonly ScanResult[]; opensAt: number; onDismiss: () => void }) {
  const t = useTranslations('checkin');
  const format = useFormatter();
  if (results.length === 0) return null;
  const conflicts = results.filter((r) => r.outcome === 'conflict');
  const refused = results.filter((r) => r.outcome === 'refused');
  const nameOf = (r: ScanResult) => r.name ?? t('answer.unknownName');
  return (
    <section role="alert" data-testid="checkin-conflicts" className="space-y-3 rounded-lg border-2 border-amber-500 bg-amber-50 p-3 text-amber-950">
      {conflicts.length > 0 ? (
        <div>
          <h2 className="font-semibold">{t('conflicts.title')}</h2>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
            {conflicts.map((r) => (
              <li key={r.nonce} data-testid="checkin-conflict">
                {t('conflicts.item', { name: nameOf(r), time: r.checkedInAt === null ? '' : format.dateTime(new Date(r.checkedInAt), CHECKED_IN_FORMAT) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {refused.length > 0 ? (
        <div>
          <h2 className="font-semibold">{t('conflicts.refusedTitle')}</h2>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
            {refused.map((r) => (
              <li key={r.nonce}>
                {t('conflicts.refusedItem', { name: nameOf(r), reason: t.has(`reasons.${r.code}`) ? t(`reasons.${r.code}`, { opensAt: format.dateTime(new Date(opensAt), OPENS_AT_FORMAT) }) : t('reasons.invalid_code') })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Button type="button" variant="secondary" onClick={onDismiss}>
        {t('conflicts.dismiss')}
      </Button>
    </section>
  );
}
