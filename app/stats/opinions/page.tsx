import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { FilterRefusalAlert } from '@/components/filters/filter-refusal';
import { OpinionFilterForm } from '@/components/opinions/opinion-filter-form';
import { loadOpinionVocabulary } from '@/components/opinions/opinion-vocabulary';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page';
import { TypedText } from '@/components/ui/typed-text';
import { AREA_ROLES, isHq, type Actor } from '@/lib/domain/access';
import { defaultOpinionDays } from '@/lib/domain/opinions';
import { COMPLAINT_TOPICS } from '@/lib/domain/types';
import { requirePageActor } from '@/lib/server/guard';
import { listOpinions } from '@/lib/server/opinions';
import { readFilters, validFields } from '@/lib/server/query-filters';
import { opinionFields, opinionFilters, type OpinionFilters } from '@/lib/validation/opinions';

export async function generateMetadata() {
  const t = await getTranslations('opinions');
  return { title: t('title') };
}

/** The view's page of opinions, and the days it covers (the last 90 when none are chosen). */
async function load(actor: Actor, filters: OpinionFilters) {
  const now = Date.now();
  const days = filters.from && filters.to ? { from: filters.from, to: filters.to } : defaultOpinionDays(now);
  return { days, list: await listOpinions(actor, { ...filters, ...days }, now) };
}

/** The view's filters as a query string, with another page or an export format. */
function hrefWith(filters: OpinionFilters, days: { from: string; to: string }, extra: Record<string, string>) {
  const entries = Object.entries({ ...filters, ...days, page: undefined, ...extra }).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '');
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString();
}

/**
 * Customers' opinions for HQ (plan 六: 搜集、整理客户意见反馈集团总部): event feedback comments,
 * callback opinions, complaints and suggestions in one list, newest first, each with its source,
 * province, club, topic, date and rating; customers masked. Filtered, paged, exported.
 */
export default async function OpinionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.statistics, '/stats/opinions');
  const query = await searchParams;
  const read = await readFilters(opinionFilters, query);
  if (read.refusal) {
    const [{ labels, provinces, clubs }, t] = await Promise.all([loadOpinionVocabulary(), getTranslations('opinions')]);
    const kept = validFields(opinionFields, query);
    const topics = COMPLAINT_TOPICS.map((code) => ({ code, name: labels.topic(code) }));
    return (
      <>
        <PageHeader title={t('title')} description={t('intro')} />
        <OpinionFilterForm filters={{ ...kept, page: 1 }} days={{ from: kept.from ?? '', to: kept.to ?? '' }} provinces={provinces} clubs={clubs} topics={topics} hq={isHq(actor)} />
        <FilterRefusalAlert refusal={read.refusal} />
      </>
    );
  }
  const filters = read.filters;
  const [{ days, list }, { labels, provinces, clubs }, t, format] = await Promise.all([load(actor, filters), loadOpinionVocabulary(), getTranslations('opinions'), getFormatter()]);
  const topics = COMPLAINT_TOPICS.map((code) => ({ code, name: labels.topic(code) }));
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const pageLink = (page: number, label: string) => (
    <Link href={`/stats/opinions?${hrefWith(filters, days, { page: String(page) })}`} className="rounded-md px-3 py-2 text-sm font-medium text-brand-700 underline">
      {label}
    </Link>
  );
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('intro')}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={`/stats/opinions/export?${hrefWith(filters, days, { format: 'csv' })}`} className={buttonClass('secondary')} download>
              {t('export.csv')}
            </a>
            <a href={`/stats/opinions/export?${hrefWith(filters, days, { format: 'xlsx' })}`} className={buttonClass('secondary')} download>
              {t('export.xlsx')}
            </a>
          </div>
        }
      />
      <OpinionFilterForm filters={filters} days={days} provinces={provinces} clubs={clubs} topics={topics} hq={isHq(actor)} />
      <p className="mb-3 text-sm text-gray-700" role="status" data-testid="opinions-count">
        {t('count', { count: list.total, page: list.page, pages: list.pages })}
      </p>
      {list.total === 0 ? <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t('none')}</p> : null}
      <ul className="space-y-3" aria-label={t('listLabel')}>
        {list.rows.map((o) => (
          <li key={`${o.source}-${o.id}`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="opinion">
            <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-gray-600">
              <span className="rounded bg-gray-100 px-2 py-0.5 font-medium text-gray-800">{labels.source(o.source)}</span>
              <span className="tabular-nums">{when(o.at)}</span>
              <span>{labels.province(o.province)}</span>
              {o.club ? <span>{labels.club(o.club)}</span> : null}
              <span>{labels.topic(o.topic)}</span>
              {o.rating !== null ? <span>{t('rating', { rating: o.rating })}</span> : null}
              <span className="tabular-nums">
                {o.name} {o.mobile}
              </span>
            </p>
            <TypedText as="p" text={o.body} className="mt-2 text-sm break-words whitespace-pre-line text-gray-900" />
          </li>
        ))}
      </ul>
      {list.pages > 1 ? (
        <nav aria-label={t('pages')} className="mt-4 flex flex-wrap items-center gap-2">
          {list.page > 1 ? pageLink(list.page - 1, t('previous')) : null}
          <span className="text-sm text-gray-700 tabular-nums">
            {list.page} / {list.pages}
          </span>
          {list.page < list.pages ? pageLink(list.page + 1, t('next')) : null}
        </nav>
      ) : null}
    </>
  );
}
