import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import type { PeriodSpec } from '@/lib/domain/stats-period';
import { CHANNELS, EVENT_KINDS, SEGMENTS } from '@/lib/domain/types';
import type { StatsFilters } from '@/lib/validation/stats';
import { PeriodFields } from './period-fields';

interface Option {
  code: string;
  name: string;
}

const labelClass = 'block text-xs text-gray-600';
const controlClass = 'mt-1 block w-full min-w-0 rounded-md border border-gray-300 bg-white px-2 py-2 text-sm';

/**
 * The view's filters as a GET form: submitting puts them in the URL, so a view can be bookmarked
 * and shared. Provincial analysts see their province as fixed text: their scope, not a choice.
 */
export async function StatsFilterForm({
  filters,
  period,
  today,
  province,
  clubs,
  provinces,
}: {
  filters: StatsFilters;
  period: PeriodSpec;
  today: { year: number; quarter: number; month: number; day: string };
  /** The fixed province of a provincial analyst; null at HQ, where it is a filter. */
  province: Option | null;
  clubs: Option[];
  provinces: Option[];
}) {
  const [t, tSegments, tChannels, tKinds] = await Promise.all([getTranslations('stats.filters'), getTranslations('segments'), getTranslations('channels'), getTranslations('eventKinds')]);
  const year = period.kind === 'custom' ? today.year : period.year;
  const years = [...new Set([today.year, today.year - 1, today.year - 2, today.year - 3, year])].sort((a, b) => b - a);
  const select = (name: keyof StatsFilters, label: string, options: Option[], value: string | undefined, all: string) => (
    <div>
      <label htmlFor={`stats-${name}`} className={labelClass}>
        {label}
      </label>
      <select id={`stats-${name}`} name={name} defaultValue={value ?? ''} className={controlClass}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form action="/stats" method="get" aria-label={t('label')} className="mb-6 grid grid-cols-2 gap-3 rounded-lg border border-gray-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6">
      {select('club', t('club'), clubs, filters.club, t('allClubs'))}
      <PeriodFields
        period={period.kind}
        year={year}
        quarter={period.kind === 'quarter' ? period.quarter : today.quarter}
        month={period.kind === 'month' ? period.month : today.month}
        from={period.kind === 'custom' ? period.from : `${today.year}-01-01`}
        to={period.kind === 'custom' ? period.to : today.day}
        years={years}
        labelClass={labelClass}
        controlClass={controlClass}
      />
      {province ? (
        <div>
          <span className={labelClass}>{t('province')}</span>
          <p className="mt-1 py-2 text-sm font-medium text-gray-900" data-testid="stats-province">
            {province.name}
          </p>
        </div>
      ) : (
        select('province', t('province'), provinces, filters.province, t('allProvinces'))
      )}
      {select(
        'segment',
        t('segment'),
        SEGMENTS.map((s) => ({ code: s, name: tSegments(s) })),
        filters.segment,
        t('allSegments'),
      )}
      {select(
        'channel',
        t('channel'),
        CHANNELS.map((c) => ({ code: c, name: tChannels(c) })),
        filters.channel,
        t('allChannels'),
      )}
      {select(
        'kind',
        t('kind'),
        EVENT_KINDS.map((k) => ({ code: k, name: tKinds(k) })),
        filters.kind,
        t('allKinds'),
      )}
      <div className="col-span-2 flex items-end gap-2 sm:col-span-3 lg:col-span-6">
        <button type="submit" className={buttonClass('primary')}>
          {t('apply')}
        </button>
        <Link href="/stats" className={buttonClass('ghost')}>
          {t('reset')}
        </Link>
      </div>
    </form>
  );
}
