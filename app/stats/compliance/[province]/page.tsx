import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getLocale, getNow, getTranslations } from 'next-intl/server';
import { CallbackTimelinessPanel } from '@/components/callbacks/callback-timeliness-panel';
import { PlanClubCard } from '@/components/compliance/plan-club-card';
import { YearNav } from '@/components/compliance/year-nav';
import { FilterRefusalAlert } from '@/components/filters/filter-refusal';
import { ProvinceInspections } from '@/components/inspections/inspection-list';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { shanghaiYear } from '@/lib/domain/time';
import { localized } from '@/lib/i18n/localized';
import { getYearlyPlan } from '@/lib/server/compliance';
import { requirePageActor } from '@/lib/server/guard';
import { listInspections } from '@/lib/server/inspections';
import { orPageError } from '@/lib/server/page-errors';
import { listProvinces } from '@/lib/server/provinces';
import { readFilters } from '@/lib/server/query-filters';
import { complianceParams } from '@/lib/validation/compliance';
import { INSPECTION_TEXT_MAX } from '@/lib/validation/inspections';
import { followUpFindingAction } from '../../inspections/actions';

/** A cell of the matrix opened: one province's plan for the year, the chosen club first. */
export default async function ProvincePlanPage({ params, searchParams }: { params: Promise<{ province: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const { province } = await params;
  const actor = await requirePageActor(AREA_ROLES.statistics, `/stats/compliance/${province}`);
  const provinces = await listProvinces();
  const found = provinces.find((p) => p.code === province);
  if (!found) notFound();
  const read = await readFilters(complianceParams, await searchParams);
  if (read.refusal) {
    const tf = await getTranslations('queryFilters');
    return (
      <>
        <PageHeader title={localized(await getLocale(), found.nameZh, found.nameEn)} />
        <FilterRefusalAlert refusal={read.refusal} />
        <Link href={`/stats/compliance/${province}`} className="mt-3 inline-block text-sm text-brand-700 underline">
          {tf('thisYear')}
        </Link>
      </>
    );
  }
  const { club } = read.filters;
  const year = read.filters.year ?? shanghaiYear((await getNow()).getTime());
  const [plan, t, locale, inspections] = await Promise.all([orPageError(getYearlyPlan(actor, { year, province })), getTranslations('matrix'), getLocale(), orPageError(listInspections(actor, province))]);
  const clubs = club ? [...plan.clubs.filter((c) => c.club.code === club), ...plan.clubs.filter((c) => c.club.code !== club)] : plan.clubs;
  const name = localized(locale, found.nameZh, found.nameEn);
  return (
    <>
      <PageHeader
        title={t('provinceTitle', { province: name, year })}
        description={
          <Link href={`/stats/compliance?year=${year}`} className="text-brand-700 underline">
            {t('backToMatrix')}
          </Link>
        }
        actions={<YearNav path={`/stats/compliance/${province}`} year={year} extra={{ club }} />}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        {clubs.map((c) => (
          <PlanClubCard key={c.club.code} plan={c} year={year} highlighted={c.club.code === club} />
        ))}
      </div>
      <CallbackTimelinessPanel actor={actor} year={year} province={province} />
      <ProvinceInspections provinceCode={province} inspections={inspections} followUpAction={followUpFindingAction} maxLength={INSPECTION_TEXT_MAX} />
    </>
  );
}
