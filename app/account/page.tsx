import { getLocale, getTranslations } from 'next-intl/server';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { Card, PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { STAFF_PASSWORD_MIN_LENGTH } from '@/lib/domain/password-policy';
import { localized } from '@/lib/i18n/localized';
import { clubNamesIn } from '@/lib/server/club-names';
import { requirePageActor } from '@/lib/server/guard';
import { listProvinces } from '@/lib/server/provinces';
import { ownUsername } from '@/lib/server/staff';
import { changeOwnPasswordAction } from './actions';

export async function generateMetadata() {
  const t = await getTranslations('account');
  return { title: t('title') };
}

/** A staff member's own account: who they are, what they may reach, and a change of password. */
export default async function AccountPage() {
  const actor = await requirePageActor(AREA_ROLES.staffAccount, '/account');
  if (actor.kind !== 'staff') return null;
  const locale = await getLocale();
  const [username, provinces, clubNames, t, tr, ts] = await Promise.all([
    ownUsername(actor),
    listProvinces(),
    clubNamesIn(locale),
    getTranslations('account'),
    getTranslations('roles'),
    getTranslations('scope'),
  ]);
  const province = provinces.find((p) => p.code === actor.provinceCode);
  const rows: [string, string][] = [
    [t('username'), username],
    [t('name'), actor.name],
    [t('role'), tr(actor.role)],
    [t('province'), province ? localized(locale, province.nameZh, province.nameEn) : ts('hq')],
  ];
  if (actor.role === 'operator') rows.push([t('clubs'), actor.clubCodes ? actor.clubCodes.map((c) => clubNames[c] ?? c).join(' · ') : t('allClubs')]);
  return (
    <>
      <PageHeader title={t('title')} description={t('intro')} />
      <div className="grid items-start gap-6 md:grid-cols-2">
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t('whoTitle')}</h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm" data-testid="account-details">
            {rows.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-gray-600">{label}</dt>
                <dd className="text-gray-900">{value}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-3 text-xs text-gray-600">{t('scopeHint')}</p>
        </Card>
        <Card>
          <h2 className="mb-3 text-lg font-semibold">{t('passwordTitle')}</h2>
          <ChangePasswordForm action={changeOwnPasswordAction} minPassword={STAFF_PASSWORD_MIN_LENGTH} />
        </Card>
      </div>
    </>
  );
}
