'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useEffect, useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { IDLE, type FormState } from '@/lib/form-state';
import { useSignIn } from './use-sign-in';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Seconds before another code may be asked for: the server allows one a minute per number. */
const RESEND_SECONDS = 60;
const INPUT = 'mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-base';

/**
 * 验证码登录: the mobile number, a code asked for by SMS (the activation's code and limits), and
 * sign-in with both. The request always answers "sent" for a well-formed number, so the form does
 * not tell who is a customer.
 */
export function CodeSignIn({ requestCode, returnTo, rules }: { requestCode: Action; returnTo: string | null; rules: { codeLength: number; minutes: number } }) {
  const t = useTranslations('activate');
  const ts = useTranslations('signin');
  const id = useId();
  const [mobile, setMobile] = useState('');
  const [requested, dispatch, requesting] = useActionState(requestCode, IDLE);
  const [waitUntil, setWaitUntil] = useState(0);
  const [now, setNow] = useState(0);
  const { error, setError, pending, submit } = useSignIn(returnTo);

  useEffect(() => {
    if (waitUntil === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [waitUntil]);
  const secondsLeft = Math.max(0, Math.ceil((waitUntil - now) / 1000));

  function askForCode() {
    const form = new FormData();
    form.set('mobile', mobile);
    setError(null);
    setWaitUntil(Date.now() + RESEND_SECONDS * 1000);
    setNow(Date.now());
    startTransition(() => dispatch(form));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '').trim();
    if (!mobile.trim() || !code) {
      setError('missing_code');
      return;
    }
    await submit('member-code', { mobile, code });
  }

  const errorText = (code: string) => {
    if (code === 'missing_code') return ts('errors.missingCode');
    const key = `errors.${code}`;
    return t.has(key) ? t(key, { codeLength: rules.codeLength, minutes: 1 }) : ts('errors.default');
  };
  const requestError = requested.status === 'error' ? requested : null;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" data-testid="code-sign-in">
      <div>
        <label htmlFor={`${id}-mobile`} className="block text-sm font-medium text-gray-800">
          {t('mobile')}
        </label>
        <input id={`${id}-mobile`} name="mobile" type="tel" inputMode="numeric" autoComplete="tel" required value={mobile} onChange={(e) => setMobile(e.target.value)} className={INPUT} />
      </div>
      <div>
        <label htmlFor={`${id}-code`} className="block text-sm font-medium text-gray-800">
          {t('code')}
        </label>
        <div className="mt-1 flex gap-2">
          <input id={`${id}-code`} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={rules.codeLength} required className={`${INPUT} mt-0 min-w-0 flex-1`} />
          <Button type="button" variant="secondary" onClick={askForCode} disabled={requesting || secondsLeft > 0 || mobile.trim() === ''} className="shrink-0">
            {requesting ? t('requesting') : secondsLeft > 0 ? ts('resendIn', { seconds: secondsLeft }) : t('requestCode')}
          </Button>
        </div>
      </div>
      {requested.status === 'ok' ? (
        <p role="status" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="code-sent">
          {t('codeSent', { mobile: String(requested.params?.mobile ?? mobile), minutes: rules.minutes })}
        </p>
      ) : null}
      {requestError || error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="signin-error">
          {requestError ? (t.has(`errors.${requestError.code}`) ? t(`errors.${requestError.code}`, { codeLength: rules.codeLength, ...requestError.params }) : ts('errors.default')) : errorText(error!)}
        </p>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? ts('submitting') : ts('submit')}
      </Button>
    </form>
  );
}
