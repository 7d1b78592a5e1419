import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page';
import { Table, Td } from '@/components/ui/table';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { listClubs } from '@/lib/server/clubs';
import { requirePageActor } from '@/lib/server/guard';

export default async function SettingsPage() {
  await requirePageActor(AREA_ROLES.administration, '/admin/settings');
  const [clubs, t, ts, locale] = await Promise.all([listClubs(), getTranslations('settings'), getTranslations('segments'), getLocale()]);
  return (
    <>
      <PageHeader title={t('title')} />
      <Table head={[t('club'), t('minEvents'), t('segments'), t('description')]}>
        {clubs.map((c) => (
          <tr key={c.code}>
            <Td className="font-medium whitespace-nowrap">{localized(locale, c.nameZh, c.nameEn)}</Td>
            <Td className="tabular-nums">{c.minEventsPerYear}</Td>
            <Td>{c.allowedSegments.map((s) => ts(s)).join(' / ')}</Td>
            <Td>{localized(locale, c.descriptionZh, c.descriptionEn)}</Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
