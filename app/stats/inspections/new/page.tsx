import Link from 'next/link';
import { getFormatter, getLocale, getNow, getTranslations } from 'next-intl/server';
import { loadProvinceScope, servicesHref } from '@/app/ops/services/scope';
import { InspectionForm } from '@/components/inspections/inspection-form';
import { HqProvincePicker } from '@/components/ui/hq-province-picker';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { HQ_INSPECTION_KINDS, INSPECTION_KINDS, mayRecordInspection } from '@/lib/domain/inspections';
import { toShanghaiLocal } from '@/lib/domain/time';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { listInspectionPlaces } from '@/lib/server/inspections';
import { INSPECTION_TEXT_MAX, inspectionSearch } from '@/lib/validation/inspections';
import { recordInspectionAction } from '../actions';

export async function generateMetadata() {
  const t = await getTranslations('inspections');
  return { title: t('newTitle') };
}

/** The scorecard of a visit: HQ's open or covert visit to a province it picks, or a province's self-inspection. */
export default async function NewInspectionPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.inspections, '/stats/inspections/new');
  const search = inspectionSearch.parse(await searchParams);
  const [locale, t, format, nowDate] = await Promise.all([getLocale(), getTranslations('inspections'), getFormatter(), getNow()]);
  const scope = await loadProvinceScope(actor, search.province, locale);
  const kinds = scope.province ? INSPECTION_KINDS.filter((k) => mayRecordInspection(actor, k, scope.province!)) : [...HQ_INSPECTION_KINDS];
  const now = nowDate.getTime();
  const places = scope.province ? await listInspectionPlaces(actor, scope.province, now) : null;
  return (
    <>
      <PageHeader
        title={t('newTitle')}
        description={t(scope.hq ? 'newIntroHq' : 'newIntroProvince')}
        actions={
          <Link href={servicesHref(scope, '/stats/inspections')} className="text-sm text-brand-700 underline">
            {t('backToList')}
          </Link>
        }
      />
      {scope.hq ? <HqProvincePicker path="/stats/inspections/new" provinces={scope.provinces} province={scope.province} /> : null}
      {places && kinds.length > 0 ? (
        <div className="rounded-lg border border-gray-200 bg-white p-4">
          <InspectionForm
            action={recordInspectionAction}
            kinds={kinds}
            provinceCode={scope.hq ? scope.province : null}
            halls={places.halls.map((h) => ({ value: `hall:${h.id}`, label: `${h.city} · ${localized(locale, h.nameZh, h.nameEn)}` }))}
            events={places.events.map((e) => ({ value: `event:${e.id}`, label: `${format.dateTime(new Date(e.startsAt), { dateStyle: 'medium' })} · ${localized(locale, e.titleZh, e.titleEn)}` }))}
            visitedAt={toShanghaiLocal(now)}
            maxLength={INSPECTION_TEXT_MAX}
          />
        </div>
      ) : (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t(places ? 'noKindForYou' : 'chooseProvinceFirst')}</p>
      )}
    </>
  );
}
