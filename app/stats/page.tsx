import { getFormatter, getNow, getTranslations } from 'next-intl/server';
import { CallbackTimelinessPanel } from '@/components/callbacks/callback-timeliness-panel';
import { FilterRefusalAlert } from '@/components/filters/filter-refusal';
import { filtersQuery } from '@/components/stats/export-links';
import { ComplaintStatsSection } from '@/components/stats/complaint-stats-section';
import { HallVisitStatsSection } from '@/components/stats/hall-visit-stats-section';
import { StatsFilterForm } from '@/components/stats/stats-filter-form';
import { ServiceStatsSection } from '@/components/stats/service-stats-section';
import { WarrantyStatsSection } from '@/components/stats/warranty-stats-section';
import { REPORT_SECTIONS, StatsReport } from '@/components/stats/stats-report';
import { StatsSectionIndex } from '@/components/stats/stats-section-index';
import { loadStatsVocabulary } from '@/components/stats/stats-vocabulary';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES, isHq, type Actor } from '@/lib/domain/access';
import { DomainError } from '@/lib/domain/errors';
import { beijingMonthOf } from '@/lib/domain/stats-period';
import { shanghaiInstant, shanghaiYear, toShanghaiLocal } from '@/lib/domain/time';
import { requirePageActor } from '@/lib/server/guard';
import { getHallVisitStatistics } from '@/lib/server/hall-visit-stats';
import { readFilters, validFields } from '@/lib/server/query-filters';
import { orPageError } from '@/lib/server/page-errors';
import { getComplaintStatistics, getServiceStatistics, getStatistics } from '@/lib/server/stats';
import { getWarrantyStatistics } from '@/lib/server/warranty-stats';
import { periodOf, statsFields, statsFilters, type StatsFilters } from '@/lib/validation/stats';

export async function generateMetadata() {
  const t = await getTranslations('stats');
  return { title: t('title') };
}

/**
 * The view's statistics, or null for a custom range that cannot be counted (ends before it starts,
 * or too long). The handset services and warranty repairs are counted unless the view is of
 * another club (or, for repairs, an event kind); complaints and hall visits, which belong to no club
 * or event kind, when neither is chosen.
 */
async function loadStatistics(actor: Actor, filters: StatsFilters, now: number) {
  try {
    const clubless = !filters.club && !filters.kind;
    const handset = !filters.club || filters.club === 'handset';
    const [events, services, complaints, halls, warranty] = await Promise.all([
      getStatistics(actor, filters, now),
      handset ? getServiceStatistics(actor, filters, now) : null,
      clubless ? getComplaintStatistics(actor, filters, now) : null,
      clubless ? getHallVisitStatistics(actor, filters, now) : null,
      handset && !filters.kind ? getWarrantyStatistics(actor, filters, now) : null,
    ]);
    return { events, services, complaints, halls, warranty };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'invalid_period') return null;
    throw error;
  }
}

export default async function StatsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.statistics, '/stats');
  const query = await searchParams;
  const read = await readFilters(statsFilters, query);
  const now = (await getNow()).getTime();
  const [{ labels, provinces, clubs }, t, format] = await Promise.all([loadStatsVocabulary(), getTranslations('stats'), getFormatter()]);
  const thisMonth = Number(beijingMonthOf(now).slice(5));
  const today = { year: shanghaiYear(now), quarter: Math.ceil(thisMonth / 3), month: thisMonth, day: toShanghaiLocal(now).slice(0, 10) };
  const fixedProvince = (code: string | null) => (isHq(actor) ? null : { code: code ?? '', name: code ? labels.province(code) : t('nationwide') });

  if (read.refusal) {
    // The figures of another period or scope would pass for the ones asked for: none are shown,
    // and the form keeps each filter that was valid so that only the wrong one needs changing.
    const kept = validFields(statsFields, query);
    const filters: StatsFilters = { ...kept, period: kept.period ?? 'year' };
    return (
      <>
        <PageHeader title={t('title')} />
        <StatsFilterForm filters={filters} period={periodOf(filters, today.year)} today={today} province={fixedProvince(actor.kind === 'staff' ? actor.provinceCode : null)} clubs={clubs} provinces={provinces} />
        <FilterRefusalAlert refusal={read.refusal} />
      </>
    );
  }

  const filters = read.filters;
  const statistics = await orPageError(loadStatistics(actor, filters, now));
  const period = periodOf(filters, today.year);
  const periodLabel =
    period.kind === 'year'
      ? t('periodLabel.year', { year: period.year })
      : period.kind === 'quarter'
        ? t('periodLabel.quarter', { year: period.year, quarter: period.quarter })
        : period.kind === 'month'
          ? format.dateTime(new Date(shanghaiInstant(period.year, period.month, 15)), { year: 'numeric', month: 'long' })
          : t('periodLabel.custom', { from: period.from, to: period.to });
  const province = isHq(actor) ? (filters.province ?? null) : actor.provinceCode;
  const scope = province ? labels.province(province) : t('nationwide');

  return (
    <>
      <PageHeader title={t('title')} description={t('viewing', { scope, period: periodLabel })} />
      <StatsFilterForm filters={filters} period={period} today={today} province={fixedProvince(province)} clubs={clubs} provinces={provinces} />
      {statistics ? (
        <>
          <StatsSectionIndex
            label={t('sectionIndex')}
            sections={[
              ...REPORT_SECTIONS.map((s) => ({ id: s.id, title: t(s.title) })),
              ...(statistics.services ? [{ id: 'service-stats', title: t('services.title') }] : []),
              ...(statistics.complaints ? [{ id: 'complaint-stats', title: t('complaints.title') }] : []),
              ...(statistics.halls ? [{ id: 'hall-stats', title: t('halls.title') }] : []),
              ...(statistics.warranty ? [{ id: 'warranty-stats', title: t('warranty.title') }] : []),
              { id: 'callback-timeliness', title: t('callbacksOnTime') },
            ]}
          />
          <StatsReport statistics={statistics.events} labels={labels} query={filtersQuery(filters)} seesIdentities={actor.role === 'admin'} />
          {statistics.services ? (
            <div className="mt-8">
              <ServiceStatsSection statistics={statistics.services} labels={labels} query={filtersQuery(filters)} />
            </div>
          ) : null}
          {statistics.complaints ? (
            <div className="mt-8">
              <ComplaintStatsSection statistics={statistics.complaints} labels={labels} query={filtersQuery(filters)} />
            </div>
          ) : null}
          {statistics.halls ? (
            <div className="mt-8">
              <HallVisitStatsSection statistics={statistics.halls} labels={labels} query={filtersQuery(filters)} />
            </div>
          ) : null}
          {statistics.warranty ? (
            <div className="mt-8">
              <WarrantyStatsSection statistics={statistics.warranty} labels={labels} query={filtersQuery(filters)} />
            </div>
          ) : null}
          <CallbackTimelinessPanel actor={actor} year={period.kind === 'custom' ? Number(period.from.slice(0, 4)) : period.year} province={province ?? undefined} />
        </>
      ) : (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {t('invalidPeriod')}
        </p>
      )}
    </>
  );
}
