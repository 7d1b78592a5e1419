import { getLocale, getTranslations } from 'next-intl/server';
import { PageHeader } from '@/components/ui/page';
import { Table, Td } from '@/components/ui/table';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized } from '@/lib/i18n/localized';
import { requirePageActor } from '@/lib/server/guard';
import { listProvinces } from '@/lib/server/provinces';
import { listStaff } from '@/lib/server/staff';

export default async function StaffPage() {
  const actor = await requirePageActor(AREA_ROLES.administration, '/admin/staff');
  const [rows, provinces, t, tr, ts, locale] = await Promise.all([
    listStaff(actor),
    listProvinces(),
    getTranslations('staffAdmin'),
    getTranslations('roles'),
    getTranslations('scope'),
    getLocale(),
  ]);
  const provinceName = (code: string | null) => {
    const p = provinces.find((x) => x.code === code);
    return p ? localized(locale, p.nameZh, p.nameEn) : ts('hq');
  };
  return (
    <>
      <PageHeader title={t('title')} description={t('cliHint')} />
      <Table head={[t('username'), t('name'), t('role'), t('scope'), t('status')]}>
        {rows.map((s) => (
          <tr key={s.id}>
            <Td className="font-mono">{s.username}</Td>
            <Td>{s.displayName}</Td>
            <Td>{tr(s.role)}</Td>
            <Td>{provinceName(s.provinceCode)}</Td>
            <Td>{s.active ? t('active') : t('disabled')}</Td>
          </tr>
        ))}
      </Table>
    </>
  );
}
