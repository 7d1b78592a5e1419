import { getLocale, getTranslations } from 'next-intl/server';
import { ClubSettingsForm } from '@/components/clubs/club-settings-form';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { listClubs } from '@/lib/server/clubs';
import { requirePageActor } from '@/lib/server/guard';
import { saveClubSettings } from './actions';

export default async function SettingsPage() {
  await requirePageActor(AREA_ROLES.administration, '/admin/settings');
  const [clubs, t, locale] = await Promise.all([listClubs(), getTranslations('settings'), getLocale()]);
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
              <ClubSettingsForm action={saveClubSettings} club={{ code: c.code, name, minEventsPerYear: c.minEventsPerYear, allowedSegments: c.allowedSegments }} />
            </li>
          );
        })}
      </ul>
    </>
  );
}
