import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { OPINION_SOURCES } from '@/lib/domain/opinions';
import type { OpinionFilters } from '@/lib/validation/opinions';

interface Option {
  code: string;
  name: string;
}

const labelClass = 'block text-xs text-gray-600';
const controlClass = 'mt-1 block w-full min-w-0 rounded-md border border-gray-300 bg-white px-2 py-2 text-sm';

/** The view's filters as a GET form (bookmarkable); a provincial analyst's province is their scope, not a choice. */
export async function OpinionFilterForm({ filters, days, provinces, clubs, topics, hq }: { filters: OpinionFilters; days: { from: string; to: string }; provinces: Option[]; clubs: Option[]; topics: Option[]; hq: boolean }) {
  const t = await getTranslations('opinions');
  const select = (name: 'province' | 'club' | 'source' | 'topic', options: Option[], value: string | undefined) => (
    <div>
      <label htmlFor={`opinions-${name}`} className={labelClass}>
        {t(`filters.${name}`)}
      </label>
      <select id={`opinions-${name}`} name={name} defaultValue={value ?? ''} className={controlClass}>
        <option value="">{t(`filters.all.${name}`)}</option>
        {options.map((o) => (
          <option key={o.code} value={o.code}>
            {o.name}
          </option>
        ))}
      </select>
    </div>
  );
  const day = (name: 'from' | 'to') => (
    <div>
      <label htmlFor={`opinions-${name}`} className={labelClass}>
        {t(`filters.${name}`)}
      </label>
      <input id={`opinions-${name}`} type="date" name={name} defaultValue={days[name]} className={controlClass} />
    </div>
  );
  return (
    <form action="/stats/opinions" method="get" aria-label={t('filters.label')} className="mb-4 grid grid-cols-2 gap-3 rounded-lg border border-gray-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-7">
      {hq ? select('province', provinces, filters.province) : null}
      {select('club', clubs, filters.club)}
      {select(
        'source',
        OPINION_SOURCES.map((code) => ({ code, name: t(`sources.${code}`) })),
        filters.source,
      )}
      {select('topic', topics, filters.topic)}
      {day('from')}
      {day('to')}
      <div className="flex items-end">
        <button type="submit" className={buttonClass('primary', 'w-full')}>
          {t('filters.apply')}
        </button>
      </div>
    </form>
  );
}
