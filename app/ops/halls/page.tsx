import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { HqProvincePicker } from '@/components/ui/hq-province-picker';
import { PageHeader } from '@/components/ui/page';
import { TypedText } from '@/components/ui/typed-text';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { listQueueHalls } from '@/lib/server/hall-visits';
import { serviceScopeSearch } from '@/lib/validation/service-ops';
import { loadProvinceScope } from '../services/scope';

export async function generateMetadata() {
  const t = await getTranslations('hallQueue');
  return { title: t('hallsTitle') };
}

/** The province's open halls and brand stores, each with how many wait now: the way into a hall's queue and its code. */
export default async function QueueHallsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/halls');
  const search = serviceScopeSearch.parse(await searchParams);
  const [locale, t] = await Promise.all([getLocale(), getTranslations('hallQueue')]);
  const scope = await loadProvinceScope(actor, search.province, locale);
  const halls = scope.province ? await listQueueHalls(actor, scope.province) : [];
  return (
    <>
      <PageHeader title={t('hallsTitle')} description={t('hallsIntro')} />
      {scope.hq ? <HqProvincePicker path="/ops/halls" provinces={scope.provinces} province={scope.province} /> : null}
      {halls.length === 0 ? <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t(scope.province ? 'noHalls' : 'chooseProvinceFirst')}</p> : null}
      <ul className="grid gap-4 md:grid-cols-2">
        {halls.map((h) => {
          const name = localized(locale, h.nameZh, h.nameEn);
          return (
            <li key={h.id}>
              <article aria-label={name} className="flex h-full flex-col gap-2 rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid="queue-hall">
                <h2 className="font-semibold break-words text-gray-900">{name}</h2>
                <p className="text-sm text-gray-700">
                  <TypedText text={h.city} /> · {t('waitingNow', { count: h.waiting })}
                </p>
                <div className="mt-auto flex flex-wrap gap-2">
                  <Link href={`/ops/halls/${h.id}/queue`} className={buttonClass('primary')} aria-label={t('openQueueOf', { hall: name })}>
                    {t('openQueue')}
                  </Link>
                  <Link href={`/ops/halls/${h.id}/code`} className={buttonClass('secondary')} aria-label={t('showCodeOf', { hall: name })}>
                    {t('showCode')}
                  </Link>
                </div>
              </article>
            </li>
          );
        })}
      </ul>
    </>
  );
}
