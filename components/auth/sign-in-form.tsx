'use client';

import { useTranslations } from 'next-intl';
import { useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { FormState } from '@/lib/form-state';
import { CodeSignIn } from './code-sign-in';
import { useSignIn } from './use-sign-in';

type Kind = 'member' | 'staff';
const KNOWN_ERRORS = ['CredentialsSignin', 'rate_limited', 'missing'] as const;

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Members sign in with their mobile number and their password, or an SMS code (验证码登录, as in
 * the operator's own app); staff with their username and password.
 */
export function SignInForm({
  returnTo,
  initialError,
  requestCode,
  codeRules,
}: {
  returnTo: string | null;
  initialError: string | null;
  requestCode: Action;
  codeRules: { codeLength: number; minutes: number };
}) {
  const t = useTranslations('signin');
  const [kind, setKind] = useState<Kind>('member');
  const [memberMode, setMemberMode] = useState<'code' | 'password'>('password');
  const { error, setError, pending, submit } = useSignIn(returnTo, initialError);
  const id = useId();

  const message = (code: string) =>
    (KNOWN_ERRORS as readonly string[]).includes(code) ? t(`errors.${code as (typeof KNOWN_ERRORS)[number]}`) : t('errors.default');

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const login = String(form.get('login') ?? '').trim();
    const password = String(form.get('password') ?? '');
    if (!login || !password) {
      setError('missing');
      return;
    }
    await submit(kind, { password, ...(kind === 'member' ? { mobile: login } : { username: login }) });
  }

  return (
    <div className="rounded-lg border border-gray-200 bg-white p-4 shadow-sm sm:p-6">
      <div role="tablist" aria-label={t('title')} className="mb-4 grid grid-cols-2 gap-1 rounded-md bg-gray-100 p-1">
        {(['member', 'staff'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={kind === k}
            onClick={() => {
              setKind(k);
              setError(null);
            }}
            className={`rounded px-3 py-2 text-sm font-medium ${kind === k ? 'bg-white text-gray-900 shadow-sm' : 'text-gray-600'}`}
          >
            {t(k)}
          </button>
        ))}
      </div>
      {kind === 'member' ? (
        <div className="mb-4 flex gap-4 text-sm" role="radiogroup" aria-label={t('memberMode')}>
          {(['password', 'code'] as const).map((mode) => (
            <button
              key={mode}
              type="button"
              role="radio"
              aria-checked={memberMode === mode}
              onClick={() => {
                setMemberMode(mode);
                setError(null);
              }}
              className={`border-b-2 pb-1 font-medium ${memberMode === mode ? 'border-brand-600 text-brand-700' : 'border-transparent text-gray-600'}`}
            >
              {t(mode === 'code' ? 'withCode' : 'withPassword')}
            </button>
          ))}
        </div>
      ) : null}
      {kind === 'member' && memberMode === 'code' ? (
        <CodeSignIn requestCode={requestCode} returnTo={returnTo} rules={codeRules} />
      ) : (
      <form onSubmit={onSubmit} noValidate className="space-y-4" key={kind}>
        <div>
          <label htmlFor={`${id}-login`} className="block text-sm font-medium text-gray-800">
            {kind === 'member' ? t('mobile') : t('username')}
          </label>
          <input
            id={`${id}-login`}
            name="login"
            type={kind === 'member' ? 'tel' : 'text'}
            inputMode={kind === 'member' ? 'numeric' : undefined}
            autoComplete="username"
            required
            className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-base"
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
            autoComplete="current-password"
            required
            className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-base"
          />
        </div>
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="signin-error">
            {message(error)}
          </p>
        ) : null}
        <Button type="submit" disabled={pending} className="w-full">
          {pending ? t('submitting') : t('submit')}
        </Button>
      </form>
      )}
    </div>
  );
}
