import { getLocale, getTranslations } from 'next-intl/server';
import { ClubSettingsForm } from '@/components/clubs/club-settings-form';
import { HqSettingsForm } from '@/components/settings/hq-settings-form';
import { SegmentPolicyForm } from '@/components/settings/segment-policy-form';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { resolveHqSettings } from '@/lib/domain/hq-settings';
import { segmentPolicyMatrix } from '@/lib/domain/segment-policy';
import type { ClubCode } from '@/lib/domain/types';
import { localized } from '@/lib/i18n/localized';
import { listClubs } from '@/lib/server/clubs';
import { requirePageActor } from '@/lib/server/guard';
import { getHqSettings } from '@/lib/server/hq-settings';
import { saveClubSettings, saveHqSettings, saveSegmentPolicy } from './actions';

export default async function SettingsPage() {
  await requirePageActor(AREA_ROLES.administration, '/admin/settings');
  const [clubs, settings, t, locale] = await Promise.all([listClubs(), getHqSettings(), getTranslations('settings'), getLocale()]);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <ul className="grid gap-4 md:grid-cols-2">
        {clubs.map((c) => {
          const name = localized(locale, c.nameZh, c.nameEn);
          return (
            <li key={c.code} className="rounded-lg border border-gray-200 bg-white p-4">
              <h2 className="text-lg font-semibold">{name}</h2>
              <p className="mt-1 mb-3 text-sm text-gray-600">{localized(locale, c.descriptionZh, c.descriptionEn)}</p>
              <ClubSettingsForm action={saveClubSettings} club={{ code: c.code, name, minEventsPerYear: c.minEventsPerYear }} />
            </li>
          );
        })}
      </ul>
      <section aria-labelledby="segment-policy" className="mt-8 rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="segment-policy" className="text-lg font-semibold">
          {t('segmentPolicy.title')}
        </h2>
        <p className="mt-1 mb-4 text-sm text-gray-600">{t('segmentPolicy.intro')}</p>
        <SegmentPolicyForm
          action={saveSegmentPolicy}
          rows={segmentPolicyMatrix(clubs, settings.segmentPoints)}
          clubNames={Object.fromEntries(clubs.map((c) => [c.code, localized(locale, c.nameZh, c.nameEn)])) as Record<ClubCode, string>}
        />
      </section>
      <section aria-labelledby="hq-settings" className="mt-8 rounded-lg border border-gray-200 bg-white p-4">
        <h2 id="hq-settings" className="text-lg font-semibold">
          {t('hq.title')}
        </h2>
        <p className="mt-1 mb-4 text-sm text-gray-600">{t('hq.intro')}</p>
        <HqSettingsForm action={saveHqSettings} settings={settings} defaults={resolveHqSettings([])} />
      </section>
    </>
  );
}
