import { getLocale, getTranslations } from 'next-intl/server';
import { StaffCreateForm } from '@/components/admin/staff-create-form';
import { StaffRowActions } from '@/components/admin/staff-row-actions';
import { Card, PageHeader } from '@/components/ui/page';
import { Table, Td } from '@/components/ui/table';
import { AREA_ROLES } from '@/lib/domain/access';
import { STAFF_PASSWORD_MIN_LENGTH } from '@/lib/domain/password-policy';
import { CLUB_CODES } from '@/lib/domain/types';
import { localized } from '@/lib/i18n/localized';
import { clubNamesIn } from '@/lib/server/club-names';
import { requirePageActor } from '@/lib/server/guard';
import { listProvinces } from '@/lib/server/provinces';
import { listStaff } from '@/lib/server/staff';
import { createStaffAction, resetStaffPasswordAction, setStaffActiveAction, updateStaffAction } from './actions';

export default async function StaffPage() {
  const actor = await requirePageActor(AREA_ROLES.administration, '/admin/staff');
  const locale = await getLocale();
  const [rows, provinces, clubNames, t, tr, ts] = await Promise.all([
    listStaff(actor),
    listProvinces(),
    clubNamesIn(locale),
    getTranslations('staffAdmin'),
    getTranslations('roles'),
    getTranslations('scope'),
  ]);
  const provinceOptions = provinces.map((p) => ({ code: p.code, name: localized(locale, p.nameZh, p.nameEn) }));
  const provinceName = (code: string | null) => provinceOptions.find((p) => p.code === code)?.name ?? ts('hq');
  const clubs = CLUB_CODES.map((code) => ({ code, name: clubNames[code] ?? code }));
  const selfId = actor.kind === 'staff' ? actor.staffId : null;
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t('createTitle')}</h2>
          <StaffCreateForm action={createStaffAction} provinces={provinceOptions} clubs={clubs} minPassword={STAFF_PASSWORD_MIN_LENGTH} />
        </Card>
        <Table head={[t('username'), t('name'), t('role'), t('scope'), t('status'), t('actions')]}>
          {rows.map((s) => (
            <tr key={s.id} data-testid="staff-row">
              <Td className="font-mono">{s.username}</Td>
              <Td className="whitespace-nowrap">{s.displayName}</Td>
              <Td>{tr(s.role)}</Td>
              <Td>
                {provinceName(s.provinceCode)}
                {s.clubCodes.length > 0 ? <span className="block text-xs text-gray-600">{s.clubCodes.map((c) => clubNames[c] ?? c).join(' · ')}</span> : null}
              </Td>
              <Td>{s.active ? t('active') : t('disabled')}</Td>
              <Td>
                <StaffRowActions
                  key={`${s.id}:${s.active}`}
                  account={{ ...s, self: s.id === selfId }}
                  update={updateStaffAction}
                  setActive={setStaffActiveAction}
                  resetPassword={resetStaffPasswordAction}
                  provinces={provinceOptions}
                  clubs={clubs}
                  minPassword={STAFF_PASSWORD_MIN_LENGTH}
                />
              </Td>
            </tr>
          ))}
        </Table>
        <p className="text-sm text-gray-600">{t('cliHint')}</p>
      </div>
    </>
  );
}
