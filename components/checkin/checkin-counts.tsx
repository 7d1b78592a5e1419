import { useTranslations } from 'next-intl';

/** Seats given, checked in and still to come, always in view at the door. */
export function CheckinCounts({ counts }: { counts: { confirmed: number; checkedIn: number; remaining: number } }) {
  const t = useTranslations('checkin.counts');
  const items = [
    ['confirmed', counts.confirmed],
    ['checkedIn', counts.checkedIn],
    ['remaining', counts.remaining],
  ] as const;
  return (
    <dl aria-label={t('label')} className="grid grid-cols-3 gap-2">
      {items.map(([key, value]) => (
        <div key={key} className="rounded-lg border border-gray-200 bg-white px-2 py-2 text-center">
          <dt className="text-xs text-gray-600">{t(key)}</dt>
          <dd data-testid={`checkin-count-${key}`} className="text-2xl font-semibold text-gray-900 tabular-nums">
            {value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
