'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { Field, INPUT, ariaFor, fieldErrorsOf, submitKeepingValues, summaryOf, useKeyAfterSuccess } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ClubCode, StaffRole } from '@/lib/domain/types';
import { IDLE, type FormState } from '@/lib/form-state';
import { STAFF_PLACED, StaffScopeFields, type Option } from './staff-scope-fields';

/**
 * A new staff account: login, name, role and scope, and a first password. The form empties once
 * the account exists.
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
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const [role, setRole] = useState<StaffRole>('operator');
  const base = useId();
  const id = (name: string) => `${base}-${name}`;
  const errors = fieldErrorsOf(state);
  const created = state.status === 'ok' ? String(state.params?.username ?? '') : '';
  const formKey = useKeyAfterSuccess(state);
  return (
    <form key={formKey} onSubmit={submitKeepingValues(dispatch)} aria-label={t('createLabel')} className="space-y-3">
      <Field id={id('username')} name="username" label={t('username')} hint={t('usernameHint')} error={errors.username} className="sm:max-w-md">
        <input name="username" required maxLength={32} autoComplete="off" className={INPUT} {...ariaFor(id('username'), errors.username, true)} />
      </Field>
      <StaffScopeFields id={id} errors={errors} provinces={provinces} clubs={clubs} role={role} onRole={setRole} />
      <Field id={id('password')} name="password" label={t('password')} hint={t('passwordHint', { min: minPassword })} error={errors.password} className="sm:max-w-md">
        <input name="password" type="password" required minLength={minPassword} autoComplete="new-password" className={INPUT} {...ariaFor(id('password'), errors.password, true)} />
      </Field>
      <Button type="submit" disabled={pending}>
        {t('create')}
      </Button>
      <FormMessage state={summaryOf(state, errors, STAFF_PLACED)} success={created ? t('created', { username: created }) : undefined} testId="staff-create" />
    </form>
  );
}
