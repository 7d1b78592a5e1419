import Link from 'next/link';
import { getFormatter, getLocale, getNow, getTranslations } from 'next-intl/server';
import { OpsServicesFrame } from '@/components/services/ops-services-frame';
import { OpsTrialProgrammeForm } from '@/components/services/ops-trial-forms';
import { Card } from '@/components/ui/page';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { DAY, toShanghaiLocal } from '@/lib/domain/time';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { listServiceCatalogue } from '@/lib/server/services/catalogue';
import { listTrialProgrammes } from '@/lib/server/services/trials';
import { isKindOf, serviceScopeSearch, TRIAL_SERVICE_KINDS } from '@/lib/validation/service-ops';
import { createTrialAction } from '../actions';
import { loadServiceScope, servicesHref } from '../scope';

export async function generateMetadata() {
  const t = await getTranslations('opsServices.trials');
  return { title: t('title') };
}

/** The province's trial services (for a new programme) and all its programmes with their counts. */
async function loadTrials(actor: Actor, province: string, now: number) {
  const [catalogue, programmes] = await Promise.all([listServiceCatalogue(actor, province, now), listTrialProgrammes(actor, province, now)]);
  return { services: catalogue.filter((s) => isKindOf(TRIAL_SERVICE_KINDS, s.kind)), programmes };
}

/** Trial programmes of the province, and a form for a new one. */
export default async function TrialProgrammesPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/services/trials');
  const search = serviceScopeSearch.parse(await searchParams);
  const [locale, t, format, nowDate] = await Promise.all([getLocale(), getTranslations('opsServices.trials'), getFormatter(), getNow()]);
  const scope = await loadServiceScope(actor, search.province, locale);
  const now = nowDate.getTime();
  const trials = scope.province ? await loadTrials(actor, scope.province, now) : { services: [], programmes: [] };
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const hour = Math.ceil(now / (60 * 60 * 1000)) * 60 * 60 * 1000;

  return (
    <OpsServicesFrame tab="trials" title={t('title')} hq={scope.hq} province={scope.province} provinceName={scope.provinceName} provinces={scope.provinces}>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section aria-labelledby="trial-programmes" className="min-w-0">
          <h2 id="trial-programmes" className="mb-3 text-lg font-semibold">
            {t('programmes')}
          </h2>
          {trials.programmes.length === 0 ? (
            <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t('empty')}</p>
          ) : (
            <ul className="space-y-3">
              {trials.programmes.map((p) => (
                <li key={p.id}>
                  <article aria-labelledby={`programme-${p.id}`} className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
                    <h3 id={`programme-${p.id}`} className="text-base font-semibold">
                      <Link href={servicesHref(scope, `/ops/services/trials/${p.id}`)} className="text-brand-700 underline">
                        {localized(locale, p.titleZh, p.titleEn)}
                      </Link>
                    </h3>
                    <p className="text-sm text-gray-600">{localized(locale, p.serviceNameZh, p.serviceNameEn)}</p>
                    <dl className="mt-2 grid grid-cols-1 gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
                      <div>
                        <dt className="inline text-gray-600">{t('unitsTaken')} </dt>
                        <dd className="inline font-medium tabular-nums">{t('takenOf', { taken: p.taken, units: p.units })}</dd>
                      </div>
                      <div>
                        <dt className="inline text-gray-600">{t('applicants')} </dt>
                        <dd className="inline tabular-nums">{p.applicants}</dd>
                      </div>
                      <div>
                        <dt className="inline text-gray-600">{t('vipOpensAt')} </dt>
                        <dd className="inline">{when(p.vipOpensAt)}</dd>
                      </div>
                      <div>
                        <dt className="inline text-gray-600">{t('opensAt')} </dt>
                        <dd className="inline">{when(p.opensAt)}</dd>
                      </div>
                      <div>
                        <dt className="inline text-gray-600">{t('closesAt')} </dt>
                        <dd className="inline">{when(p.closesAt)}</dd>
                      </div>
                      <div>
                        <dt className="inline text-gray-600">{t('loanDays')} </dt>
                        <dd className="inline tabular-nums">{t('days', { count: p.loanDays })}</dd>
                      </div>
                    </dl>
                    {p.late > 0 ? <p className="mt-2 text-sm font-medium text-red-800">{t('lateCount', { count: p.late })}</p> : null}
                  </article>
                </li>
              ))}
            </ul>
          )}
        </section>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t('create')}</h2>
          <OpsTrialProgrammeForm
            services={trials.services.map((s) => ({ id: s.id, name: localized(locale, s.nameZh, s.nameEn) }))}
            defaults={{ vipOpensAt: toShanghaiLocal(hour + DAY), opensAt: toShanghaiLocal(hour + 2 * DAY), closesAt: toShanghaiLocal(hour + 9 * DAY) }}
            action={createTrialAction}
          />
        </Card>
      </div>
    </OpsServicesFrame>
  );
}
