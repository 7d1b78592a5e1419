import { getLocale, getTranslations } from 'next-intl/server';
import { OpsServiceForm } from '@/components/services/ops-service-form';
import { OpsServicesFrame } from '@/components/services/ops-services-frame';
import { Card } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { listServiceCatalogue } from '@/lib/server/services/catalogue';
import { serviceScopeSearch } from '@/lib/validation/service-ops';
import { updateServiceAction } from '../actions';
import { loadServiceScope } from '../scope';

export async function generateMetadata() {
  const t = await getTranslations('opsServices.catalogue');
  return { title: t('title') };
}

/** Each handset service of the province with what it offers, editable by its operators. */
export default async function ServiceCataloguePage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/services/catalogue');
  const search = serviceScopeSearch.parse(await searchParams);
  const [locale, t] = await Promise.all([getLocale(), getTranslations('opsServices.catalogue')]);
  const scope = await loadServiceScope(actor, search.province, locale);
  const catalogue = scope.province ? await listServiceCatalogue(actor, scope.province) : [];

  return (
    <OpsServicesFrame tab="catalogue" title={t('title')} hq={scope.hq} province={scope.province} provinceName={scope.provinceName} provinces={scope.provinces}>
      <ul className="space-y-4">
        {catalogue.map((s) => {
          const name = localized(locale, s.nameZh, s.nameEn);
          return (
            <li key={s.id}>
              <Card>
                <h2 className="mb-3 flex flex-wrap items-center gap-2 text-lg font-semibold">
                  {name}
                  {s.active ? null : <span className="rounded bg-gray-200 px-2 py-0.5 text-xs font-medium text-gray-800">{t('inactive')}</span>}
                </h2>
                <OpsServiceForm
                  service={{
                    id: s.id,
                    name,
                    descriptionZh: s.descriptionZh,
                    descriptionEn: s.descriptionEn,
                    eligibleSegments: s.eligibleSegments,
                    vipPriorityHours: s.vipPriorityHours,
                    pricePoints: s.pricePoints,
                    active: s.active,
                  }}
                  action={updateServiceAction}
                />
              </Card>
            </li>
          );
        })}
      </ul>
    </OpsServicesFrame>
  );
}
