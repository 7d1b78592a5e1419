import { getLocale, getTranslations } from 'next-intl/server';
import { AuditHint } from '@/components/admin/audit-hint';
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
  const rowActions = (s: (typeof rows)[number]) => (
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
  );
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <div className="space-y-6">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t('createTitle')}</h2>
          <StaffCreateForm action={createStaffAction} provinces={provinceOptions} clubs={clubs} minPassword={STAFF_PASSWORD_MIN_LENGTH} />
        </Card>
        {/* Below the sm breakpoint six columns and the actions cannot fit: one card per account. */}
        <ul className="space-y-3 sm:hidden" aria-label={t('listLabel')}>
          {rows.map((s) => (
            <li key={s.id} data-testid="staff-card" className="rounded-lg border border-gray-200 bg-white p-3">
              <div className="flex items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium break-words text-gray-900">{s.displayName}</p>
                  <p className="font-mono text-sm break-all text-gray-600">{s.username}</p>
                </div>
                <span className={`rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${s.active ? 'bg-green-100 text-green-900' : 'bg-gray-100 text-gray-800'}`}>
                  {s.active ? t('active') : t('disabled')}
                </span>
              </div>
              <p className="mt-1 text-sm text-gray-700">
                {tr(s.role)} · {provinceName(s.provinceCode)}
                {s.clubCodes.length > 0 ? ` · ${s.clubCodes.map((c) => clubNames[c] ?? c).join(' · ')}` : ''}
              </p>
              <div className="mt-3">{rowActions(s)}</div>
            </li>
          ))}
        </ul>
        <div className="hidden sm:block">
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
                <Td>{rowActions(s)}</Td>
              </tr>
            ))}
          </Table>
        </div>
        <AuditHint namespace="staffAdmin" />
      </div>
    </>
  );
}
