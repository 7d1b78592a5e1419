import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { loadProvinceScope, servicesHref } from '@/app/ops/services/scope';
import { InspectionList } from '@/components/inspections/inspection-list';
import { buttonClass } from '@/components/ui/button';
import { HqProvincePicker } from '@/components/ui/hq-province-picker';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { requirePageActor } from '@/lib/server/guard';
import { listInspections } from '@/lib/server/inspections';
import { INSPECTION_TEXT_MAX, inspectionSearch } from '@/lib/validation/inspections';
import { followUpFindingAction } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('inspections');
  return { title: t('title') };
}

/** A province's inspections (HQ picks the province): scores, findings and the province's follow-up. */
export default async function InspectionsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.inspections, '/stats/inspections');
  const params = await searchParams;
  const search = inspectionSearch.parse(params);
  const [locale, t] = await Promise.all([getLocale(), getTranslations('inspections')]);
  const scope = await loadProvinceScope(actor, search.province, locale);
  const list = scope.province ? await listInspections(actor, scope.province) : [];
  return (
    <>
      <PageHeader
        title={t('title')}
        description={t('intro')}
        actions={
          scope.province ? (
            <Link href={servicesHref(scope, '/stats/inspections/new')} className={buttonClass('primary')}>
              {t('record')}
            </Link>
          ) : null
        }
      />
      {scope.hq ? <HqProvincePicker path="/stats/inspections" provinces={scope.provinces} province={scope.province} /> : null}
      {params.recorded ? (
        <p role="status" className="mb-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t('recorded')}
        </p>
      ) : null}
      {scope.province ? (
        <>
          <h2 className="mb-3 text-lg font-semibold text-gray-900">{t('list.heading', { province: scope.provinceName })}</h2>
          <InspectionList inspections={list} followUpAction={followUpFindingAction} maxLength={INSPECTION_TEXT_MAX} />
        </>
      ) : (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t('chooseProvinceFirst')}</p>
      )}
    </>
  );
}
