'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Field, INPUT, ariaFor, fieldErrorsOf, submitKeepingValues, summaryOf, useKeyAfterSuccess } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

const PLACED = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

/** Changing one's own password: the current one, then the new one twice. The form empties once saved. */
export function ChangePasswordForm({ action, minPassword }: { action: (state: FormState, formData: FormData) => Promise<FormState>; minPassword: number }) {
  const t = useTranslations('account');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const base = useId();
  const id = (name: string) => `${base}-${name}`;
  const errors = fieldErrorsOf(state);
  const formKey = useKeyAfterSuccess(state);
  const field = (name: (typeof PLACED)[number], autoComplete: string, hint?: string) => (
    <Field id={id(name)} name={name} label={t(name)} hint={hint} error={errors[name]}>
      <input
        name={name}
        type="password"
        required
        minLength={name === 'currentPassword' ? undefined : minPassword}
        autoComplete={autoComplete}
        className={INPUT}
        {...ariaFor(id(name), errors[name], Boolean(hint))}
      />
    </Field>
  );
  return (
    <form key={formKey} onSubmit={submitKeepingValues(dispatch)} aria-label={t('passwordTitle')} className="space-y-3 sm:max-w-md">
      {field('currentPassword', 'current-password')}
      {field('newPassword', 'new-password', t('passwordHint', { min: minPassword }))}
      {field('confirmPassword', 'new-password')}
      <Button type="submit" disabled={pending}>
        {t('savePassword')}
      </Button>
      <FormMessage state={summaryOf(state, errors, PLACED)} success={t('passwordChanged')} testId="change-password" />
    </form>
  );
}
