'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { ImportKind } from '@/lib/domain/types';
import { IDLE, type FormState } from '@/lib/form-state';

/** The upload form of one kind of import. A file refused as a whole is answered here; an import opens its result page. */
export function ImportForm({ kind, action, limitMb }: { kind: ImportKind; action: (state: FormState, formData: FormData) => Promise<FormState>; limitMb: number }) {
  const t = useTranslations('import');
  const te = useTranslations('errors');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [tooLarge, setTooLarge] = useState(false);
  const id = useId();
  const code = tooLarge ? 'file_too_large' : state.status === 'error' ? (state.fields?.file ?? state.code) : null;
  // The server refuses a body past the limit before reading it, with no answer a form can show:
  // a file that is too large is said so here, without sending it.
  const checkSize = (event: FormEvent<HTMLFormElement>) => {
    const file = (event.currentTarget.elements.namedItem('file') as HTMLInputElement | null)?.files?.[0];
    const over = file !== undefined && file.size > limitMb * 1024 * 1024;
    setTooLarge(over);
    if (over) event.preventDefault();
  };
  const reason = `reasons.${code}`;
  const message = code === null ? null : t.has(reason) ? t(reason, { limit: limitMb }) : te.has(code) ? te(code) : te('unexpected');
  return (
    <form action={formAction} onSubmit={checkSize} className="space-y-3">
      <div>
        <label htmlFor={`${id}-file`} className="block text-sm font-medium text-gray-800">
          {kind === 'ledger' ? t('ledger.file') : t('file')}
        </label>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept=".csv,text/csv"
          required
          aria-describedby={`${id}-hint`}
          className="mt-1 block w-full text-sm text-gray-800 file:mr-3 file:rounded-md file:border file:border-gray-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-medium"
        />
        <p id={`${id}-hint`} className="mt-1 text-xs text-gray-600">
          {t('fileHint', { limit: limitMb })}
        </p>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? t('submitting') : kind === 'ledger' ? t('ledger.submit') : t('submit')}
      </Button>
      {message ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {message}
        </p>
      ) : null}
    </form>
  );
}
