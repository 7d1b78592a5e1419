'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { Field, INPUT, ariaFor, fieldErrorsOf, submitKeepingValues, summaryOf } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { STAFF_ROLES, type ClubCode, type StaffRole } from '@/lib/domain/types';
import { IDLE, type FormState } from '@/lib/form-state';

type Option = { code: string; name: string };
const PLACED = ['username', 'displayName', 'role', 'provinceCode', 'password'];

/**
 * A new staff account: login, name, role and scope (an operator's province, and the clubs they run
 * unless all), and a first password. The form empties once the account exists.
 */
export function StaffCreateForm({
  action,
  provinces,
  clubs,
  minPassword,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  provinces: Option[];
  clubs: { code: ClubCode; name: string }[];
  minPassword: number;
}) {
  const t = useTranslations('staffAdmin');
  const tr = useTranslations('roles');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const [role, setRole] = useState<StaffRole>('operator');
  const base = useId();
  const id = (name: string) => `${base}-${name}`;
  const errors = fieldErrorsOf(state);
  const created = state.status === 'ok' ? String(state.params?.username ?? '') : '';
  // A new form (empty fields) after each account made; a refusal keeps what was typed.
  const [formKey, setFormKey] = useState('');
  if (created && created !== formKey) setFormKey(created);
  return (
    <form key={formKey} onSubmit={submitKeepingValues(dispatch)} aria-label={t('createLabel')} className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id('username')} name="username" label={t('username')} hint={t('usernameHint')} error={errors.username}>
          <input name="username" required maxLength={32} autoComplete="off" className={INPUT} {...ariaFor(id('username'), errors.username, true)} />
        </Field>
        <Field id={id('displayName')} name="displayName" label={t('name')} hint={t('nameHint')} error={errors.displayName}>
          <input name="displayName" maxLength={50} className={INPUT} {...ariaFor(id('displayName'), errors.displayName, true)} />
        </Field>
        <Field id={id('role')} name="role" label={t('role')} error={errors.role}>
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as StaffRole)} className={INPUT} {...ariaFor(id('role'), errors.role)}>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {tr(r)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('provinceCode')} name="provinceCode" label={t('province')} hint={t(`provinceHint.${role}`)} error={errors.provinceCode}>
          <select name="provinceCode" defaultValue="" disabled={role === 'admin'} className={INPUT} {...ariaFor(id('provinceCode'), errors.provinceCode, true)}>
            <option value="">{role === 'operator' ? t('chooseProvince') : t('hq')}</option>
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
                <input type="checkbox" name="clubCodes[]" value={c.code} />
                {c.name}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <Field id={id('password')} name="password" label={t('password')} hint={t('passwordHint', { min: minPassword })} error={errors.password} className="sm:max-w-md">
        <input name="password" type="password" required minLength={minPassword} autoComplete="new-password" className={INPUT} {...ariaFor(id('password'), errors.password, true)} />
      </Field>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {t('create')}
        </Button>
      </div>
      <FormMessage state={summaryOf(state, errors, PLACED)} success={created ? t('created', { username: created }) : undefined} testId="staff-create" />
    </form>
  );
}
