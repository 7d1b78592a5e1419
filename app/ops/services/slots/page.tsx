import { getFormatter, getLocale, getNow, getTranslations } from 'next-intl/server';
import { OpsServicesFrame } from '@/components/services/ops-services-frame';
import { OpsSlotForm } from '@/components/services/ops-slot-form';
import { Card } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { isBookableKind } from '@/lib/domain/service-rules';
import { DAY, toShanghaiLocal } from '@/lib/domain/time';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { listHalls } from '@/lib/server/halls';
import { listServiceCatalogue } from '@/lib/server/services/catalogue';
import { beijingDay, serviceScopeSearch } from '@/lib/validation/service-ops';
import { createSlotAction } from '../actions';
import { loadServiceScope } from '../scope';

export async function generateMetadata() {
  const t = await getTranslations('opsServices.slots');
  return { title: t('title') };
}

/** Operators open slots of the bookable services and see how full the coming ones are. */
export default async function ServiceSlotsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/services/slots');
  const search = serviceScopeSearch.parse(await searchParams);
  const [locale, t, format, nowDate] = await Promise.all([getLocale(), getTranslations('opsServices.slots'), getFormatter(), getNow()]);
  const scope = await loadServiceScope(actor, search.province, locale);
  const now = nowDate.getTime();
  const [catalogue, halls] = scope.province ? await Promise.all([listServiceCatalogue(actor, scope.province, now), listHalls(actor, scope.province)]) : [[], []];
  const bookable = catalogue.filter((s) => isBookableKind(s.kind));
  const slots = bookable
    .flatMap((s) => s.slots.map((slot) => ({ ...slot, service: localized(locale, s.nameZh, s.nameEn) })))
    .sort((a, b) => a.startsAt - b.startsAt || a.id - b.id);
  // Areas of earlier on-site slots, each with the English name it was last given.
  const areaNames = new Map<string, string>();
  for (const s of slots) if (s.hallId === null && (s.placeEn || !areaNames.has(s.place))) areaNames.set(s.place, s.placeEn ?? '');
  const areas = [...areaNames].map(([zh, en]) => ({ zh, en })).sort((a, b) => a.zh.localeCompare(b.zh, 'zh-CN'));
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const time = (ms: number) => format.dateTime(new Date(ms), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

  return (
    <OpsServicesFrame tab="slots" title={t('title')} hq={scope.hq} province={scope.province} provinceName={scope.provinceName} provinces={scope.provinces}>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t('create')}</h2>
          <OpsSlotForm
            services={bookable.map((s) => ({ id: s.id, name: localized(locale, s.nameZh, s.nameEn), onSite: s.kind === 'onsite_repair' }))}
            halls={halls.filter((h) => h.active).map((h) => ({ id: h.id, name: localized(locale, h.nameZh, h.nameEn) }))}
            areas={areas}
            defaults={{ date: beijingDay(now + DAY), opensAt: toShanghaiLocal(now) }}
            action={createSlotAction}
          />
        </Card>
        <section aria-labelledby="upcoming-slots" className="min-w-0">
          <h2 id="upcoming-slots" className="mb-3 text-lg font-semibold">
            {t('upcoming', { count: slots.length })}
          </h2>
          {slots.length === 0 ? (
            <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-center text-sm text-gray-600">{t('empty')}</p>
          ) : (
            <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white">
              {slots.map((s) => (
                <li key={s.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 px-3 py-2 text-sm">
                  <div className="min-w-0">
                    <p className="font-medium text-gray-900">
                      <span className="tabular-nums">
                        {when(s.startsAt)}–{time(s.endsAt)}
                      </span>{' '}
                      {s.service}
                    </p>
                    <p className="break-words text-gray-600">{localized(locale, s.place, s.placeEn)}</p>
                    <p className="text-xs text-gray-600">{t('opensAtLine', { opensAt: when(s.opensAt) })}</p>
                  </div>
                  <p className={`tabular-nums ${s.booked >= s.capacity ? 'font-semibold text-red-800' : 'text-gray-800'}`}>{t('bookedOf', { booked: s.booked, capacity: s.capacity })}</p>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </OpsServicesFrame>
  );
}
