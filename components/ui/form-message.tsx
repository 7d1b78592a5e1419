'use client';

import { useTranslations } from 'next-intl';
import type { FormState } from '@/lib/form-state';

/**
 * The answer of a form's server action, translated: errors.<code> for refusals, and the caller's
 * success text. Refusals are alerts; successes are polite status updates.
 */
export function FormMessage({ state, success, testId }: { state: FormState; success?: string; testId?: string }) {
  const t = useTranslations('errors');
  if (state.status === 'error') {
    const text = t.has(state.code) ? t(state.code, state.params) : t('invalid_input');
    const fields = state.fields ? Object.entries(state.fields) : [];
    return (
      <div role="alert" data-testid={testId ?? 'form-error'} className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
        <p>{text}</p>
        {fields.length > 0 ? (
          <ul className="mt-1 list-disc pl-5">
            {fields.map(([field, code]) => (
              <li key={field}>{t.has(code) ? t(code) : t('invalid_input')}</li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }
  if (state.status === 'ok' && success) {
    return (
      <p role="status" data-testid={testId ? `${testId}-ok` : 'form-ok'} className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
        {success}
      </p>
    );
  }
  return null;
}
