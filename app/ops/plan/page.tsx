import Link from 'next/link';
import { getLocale, getNow, getTranslations } from 'next-intl/server';
import { PlanClubCard } from '@/components/compliance/plan-club-card';
import { buttonClass } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES, isHq } from '@/lib/domain/access';
import { shanghaiYear } from '@/lib/domain/time';
import { localized } from '@/lib/i18n/localized';
import { getYearlyPlan } from '@/lib/server/compliance';
import { requirePageActor } from '@/lib/server/guard';
import { listProvinces } from '@/lib/server/provinces';
import { staffEventFilters } from '@/lib/validation/events';

const planSearch = staffEventFilters.pick({ year: true, province: true });

export default async function YearlyPlanPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/plan');
  const search = planSearch.parse(await searchParams);
  const year = search.year ?? shanghaiYear((await getNow()).getTime());
  const hq = isHq(actor);
  const locale = await getLocale();
  const [plan, provinces, t] = await Promise.all([
    getYearlyPlan(actor, { year, province: hq ? search.province : undefined }),
    listProvinces(),
    getTranslations('plan'),
  ]);
  const province = provinces.find((p) => p.code === plan.provinceCode);
  const provinceName = province ? localized(locale, province.nameZh, province.nameEn) : plan.provinceCode;
  const yearHref = (y: number) => `/ops/plan?year=${y}${hq ? `&province=${plan.provinceCode}` : ''}`;

  return (
    <>
      <PageHeader title={t('title', { year })} description={t('intro', { province: provinceName })} />
      <div className="mb-4 flex flex-wrap items-end justify-between gap-3">
        <nav aria-label={t('years')} className="flex items-center gap-2">
          <Link href={yearHref(year - 1)} className={buttonClass('secondary')} rel="prev">
            {t('previousYear', { year: year - 1 })}
          </Link>
          <Link href={yearHref(year + 1)} className={buttonClass('secondary')} rel="next">
            {t('nextYear', { year: year + 1 })}
          </Link>
        </nav>
        {hq ? (
          <form className="flex flex-wrap items-end gap-2" aria-label={t('provinceFilter')}>
            <input type="hidden" name="year" value={year} />
            <div>
              <label htmlFor="province" className="block text-xs text-gray-600">
                {t('province')}
              </label>
              <select id="province" name="province" defaultValue={plan.provinceCode} className="mt-1 block rounded-md border border-gray-300 px-2 py-2 text-sm">
                {provinces.map((p) => (
                  <option key={p.code} value={p.code}>
                    {localized(locale, p.nameZh, p.nameEn)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className={buttonClass('primary')}>
              {t('show')}
            </button>
          </form>
        ) : null}
      </div>
      <div className="grid gap-4 lg:grid-cols-2">
        {plan.clubs.map((c) => (
          <PlanClubCard key={c.club.code} plan={c} year={year} eventHref={(id) => `/ops/events/${id}`} />
        ))}
      </div>
      <p className="mt-6 text-xs text-gray-600">{t('legend')}</p>
    </>
  );
}
