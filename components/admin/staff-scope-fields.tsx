'use client';

import { useTranslations } from 'next-intl';
import { Field, INPUT, ariaFor } from '@/components/events/ops-event-fields';
import { STAFF_ROLES, type ClubCode, type StaffRole } from '@/lib/domain/types';

export type Option = { code: string; name: string };

/** Fields shown beside their inputs; other refusals (an operator's clubs) go in the form's summary. */
export const STAFF_PLACED = ['username', 'displayName', 'role', 'provinceCode', 'password'];

/**
 * Name, role and scope of a staff account, for a new account and for a change: the province
 * (none: HQ; an admin has none) and, for an operator, the clubs they run (none ticked: all).
 */
export function StaffScopeFields({
  id,
  errors,
  provinces,
  clubs,
  role,
  onRole,
  values,
}: {
  id: (name: string) => string;
  errors: Record<string, string>;
  provinces: Option[];
  clubs: { code: ClubCode; name: string }[];
  role: StaffRole;
  onRole: (role: StaffRole) => void;
  values?: { displayName: string; provinceCode: string | null; clubCodes: readonly ClubCode[] };
}) {
  const t = useTranslations('staffAdmin');
  const tr = useTranslations('roles');
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id('displayName')} name="displayName" label={t('name')} hint={t('nameHint')} error={errors.displayName} className="sm:col-span-2">
          <input name="displayName" maxLength={50} defaultValue={values?.displayName} className={INPUT} {...ariaFor(id('displayName'), errors.displayName, true)} />
        </Field>
        <Field id={id('role')} name="role" label={t('role')} error={errors.role}>
          <select name="role" value={role} onChange={(e) => onRole(e.target.value as StaffRole)} className={INPUT} {...ariaFor(id('role'), errors.role)}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('provinceCode')} name="provinceCode" label={t('province')} hint={t(`provinceHint.${role}`)} error={errors.provinceCode}>
          <select name="provinceCode" defaultValue={values?.provinceCode ?? ''} disabled={role === 'admin'} className={INPUT} {...ariaFor(id('provinceCode'), errors.provinceCode, true)}>
            <option value="">{role === 'operator' || role === 'account_manager' ? t('chooseProvince') : t('hq')}</option>
            {provinces.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </Field>
      </div>
      {role === 'operator' ? (
        <fieldset className="rounded-md border border-gray-200 p-3" aria-describedby={`${id('clubCodes')}-hint`}>
          <legend className="px-1 text-sm font-medium text-gray-800">{t('clubs')}</legend>
          <p id={`${id('clubCodes')}-hint`} className="mb-2 text-xs text-gray-600">
            {t('clubsHint')}
          </p>
          <div className="flex flex-wrap gap-x-4 gap-y-2">
            {clubs.map((c) => (
              <label key={c.code} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="clubCodes[]" value={c.code} defaultChecked={values?.clubCodes.includes(c.code)} />
                {c.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </>
  );
}
