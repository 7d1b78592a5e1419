'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Numbers shown in the texts, from the server's rules. */
export interface ActivationRules {
  codeLength: number;
  minutes: number;
  min: number;
  max: number;
}

const INPUT = 'mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-base aria-invalid:border-red-600';

// Which input a refusal of the use-case is about, for aria-invalid.
const FIELD_OF: Record<string, string> = {
  invalid_mobile: 'mobile',
  invalid_code: 'code',
  invalid_code_format: 'code',
  code_expired: 'code',
  too_many_attempts: 'code',
  password_too_short: 'password',
  password_too_long: 'password',
  password_mismatch: 'confirmPassword',
};

function invalidFields(state: FormState): Set<string> {
  if (state.status !== 'error') return new Set();
  if (state.fields) return new Set(Object.keys(state.fields));
  const field = FIELD_OF[state.code];
  return new Set(field ? [field] : []);
}

/**
 * Two steps: ask for a code by SMS, then set a password with it. Step 1 always answers "sent" for
 * a well-formed number, so the page does not tell who is a customer.
 */
export function ActivateForm({ requestCode, activate, rules }: { requestCode: Action; activate: Action; rules: ActivationRules }) {
  const [mobile, setMobile] = useState('');
  const [sent, setSent] = useState(false);
  return sent ? (
    <VerifyStep action={activate} mobile={mobile} rules={rules} onRestart={() => setSent(false)} />
  ) : (
    <RequestStep
      action={requestCode}
      defaultMobile={mobile}
      rules={rules}
      onSent={(sentTo) => {
        setMobile(sentTo);
        setSent(true);
      }}
    />
  );
}

function RequestStep({ action, defaultMobile, rules, onSent }: { action: Action; defaultMobile: string; rules: ActivationRules; onSent: (mobile: string) => void }) {
  const t = useTranslations('activate');
  const id = useId();
  // React resets an action's form afterwards; keeping what was typed as the default keeps it on screen.
  const [typed, setTyped] = useState(defaultMobile);
  const [state, formAction, pending] = useActionState<FormState, FormData>(async (previous, formData) => {
    setTyped(String(formData.get('mobile') ?? ''));
    const next = await action(previous, formData);
    if (next.status === 'ok' && typeof next.params?.mobile === 'string') onSent(next.params.mobile);
    return next;
  }, IDLE);
  const invalid = invalidFields(state);
  return (
    <form action={formAction} noValidate className="space-y-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6">
      <div>
        <label htmlFor={`${id}-mobile`} className="block text-sm font-medium text-gray-800">
          {t('mobile')}
        </label>
        <input
          id={`${id}-mobile`}
          name="mobile"
          type="tel"
          inputMode="numeric"
          autoComplete="tel"
          required
          defaultValue={typed}
          aria-invalid={invalid.has('mobile') || undefined}
          aria-describedby={state.status === 'error' ? `${id}-error` : undefined}
          className={INPUT}
        />
      </div>
      <ActivationError id={`${id}-error`} state={state} rules={rules} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t('requesting') : t('requestCode')}
      </Button>
    </form>
  );
}

function VerifyStep({ action, mobile, rules, onRestart }: { action: Action; mobile: string; rules: ActivationRules; onRestart: () => void }) {
  const t = useTranslations('activate');
  const id = useId();
  const [typedCode, setTypedCode] = useState('');
  const [state, formAction, pending] = useActionState<FormState, FormData>(async (previous, formData) => {
    setTypedCode(String(formData.get('code') ?? ''));
    return action(previous, formData);
  }, IDLE);
  const invalid = invalidFields(state);
  const describedBy = (...ids: string[]) => [...ids, ...(state.status === 'error' ? [`${id}-error`] : [])].join(' ') || undefined;
  return (
    <form action={formAction} noValidate className="space-y-4 rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6">
      <p role="status" data-testid="activate-sent" className="rounded-md bg-blue-50 px-3 py-2 text-sm text-blue-900">
        {t('codeSent', { mobile, minutes: rules.minutes })}
      </p>
      <input type="hidden" name="mobile" value={mobile} />
      <div>
        <label htmlFor={`${id}-code`} className="block text-sm font-medium text-gray-800">
          {t('code')}
        </label>
        <input
          id={`${id}-code`}
          name="code"
          type="text"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={rules.codeLength}
          required
          defaultValue={typedCode}
          aria-invalid={invalid.has('code') || undefined}
          aria-describedby={describedBy()}
          className={`${INPUT} tracking-widest`}
        />
      </div>
      <div>
        <label htmlFor={`${id}-password`} className="block text-sm font-medium text-gray-800">
          {t('password')}
        </label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={invalid.has('password') || undefined}
          aria-describedby={describedBy(`${id}-password-hint`)}
          className={INPUT}
        />
        <p id={`${id}-password-hint`} className="mt-1 text-xs text-gray-600">
          {t('passwordHint', { min: rules.min })}
        </p>
      </div>
      <div>
        <label htmlFor={`${id}-confirm`} className="block text-sm font-medium text-gray-800">
          {t('confirmPassword')}
        </label>
        <input
          id={`${id}-confirm`}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          aria-invalid={invalid.has('confirmPassword') || undefined}
          aria-describedby={describedBy()}
          className={INPUT}
        />
      </div>
      <ActivationError id={`${id}-error`} state={state} rules={rules} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t('submitting') : t('submit')}
      </Button>
      <Button type="button" variant="ghost" onClick={onRestart} className="w-full">
        {t('resend')}
      </Button>
    </form>
  );
}

function ActivationError({ id, state, rules }: { id: string; state: FormState; rules: ActivationRules }) {
  const t = useTranslations('activate.errors');
  if (state.status !== 'error') return null;
  const codes = state.fields ? [...new Set(Object.values(state.fields))] : [state.code];
  const values = { ...rules, ...state.params };
  return (
    <div id={id} role="alert" data-testid="activate-error" className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {codes.map((code) => (
        <p key={code}>{t.has(code) ? t(code, values) : t('invalid_input')}</p>
      ))}
    </div>
  );
}
