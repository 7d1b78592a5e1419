import { getLocale, getTranslations } from 'next-intl/server';
import { OpsHallEdit, OpsHallForm } from '@/components/services/ops-hall-form';
import { OpsServicesFrame } from '@/components/services/ops-services-frame';
import { Card } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { requirePageActor } from '@/lib/server/guard';
import { listHalls } from '@/lib/server/halls';
import { serviceScopeSearch } from '@/lib/validation/service-ops';
import { saveHallAction } from '../actions';
import { loadServiceScope } from '../scope';
import { TypedText } from '@/components/ui/typed-text';

export async function generateMetadata() {
  const t = await getTranslations('opsServices.halls');
  return { title: t('title') };
}

/** The province's halls and 3G brand stores, where slots are held and loaner phones kept: added, renamed, closed. */
export default async function HallsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/services/halls');
  const search = serviceScopeSearch.parse(await searchParams);
  const [locale, t] = await Promise.all([getLocale(), getTranslations('opsServices.halls')]);
  const scope = await loadServiceScope(actor, search.province, locale);
  const halls = scope.province ? await listHalls(actor, scope.province) : [];
  return (
    <OpsServicesFrame tab="halls" title={t('title')} hq={scope.hq} province={scope.province} provinceName={scope.provinceName} provinces={scope.provinces}>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="halls-heading" className="min-w-0">
          <h2 id="halls-heading" className="mb-3 text-lg font-semibold">
            {t('list', { count: halls.length })}
          </h2>
          {halls.length === 0 ? <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t('empty')}</p> : null}
          <ul className="space-y-3">
            {halls.map((h) => (
              <li key={h.id}>
                <article aria-label={h.nameZh} className={`flex flex-col gap-2 rounded-lg border bg-white p-3 shadow-sm ${h.active ? 'border-gray-200' : 'border-dashed border-gray-300 opacity-80'}`}>
                  <header className="flex flex-wrap items-start justify-between gap-2">
                    <div className="min-w-0">
                      <h3 className="font-semibold break-words text-gray-900">{h.nameZh}</h3>
                      {h.nameEn ? <p className="text-sm break-words text-gray-700" lang="en">{h.nameEn}</p> : null}
                    </div>
                    <span className={`rounded px-2 py-0.5 text-xs font-medium ${h.active ? 'bg-green-100 text-green-900' : 'bg-gray-100 text-gray-700'}`}>{h.active ? t('open') : t('closed')}</span>
                  </header>
                  <p className="text-sm break-words text-gray-700">
                    {t(`kinds.${h.kind}`)} · <TypedText text={h.city} />
                    {h.address ? (
                      <>
                        {' · '}
                        <TypedText text={h.address} />
                      </>
                    ) : null}
                  </p>
                  <OpsHallEdit hall={h} action={saveHallAction} />
                </article>
              </li>
            ))}
          </ul>
        </section>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t('add')}</h2>
          <OpsHallForm provinceCode={scope.hq ? (scope.province ?? undefined) : undefined} action={saveHallAction} />
        </Card>
      </div>
    </OpsServicesFrame>
  );
}
