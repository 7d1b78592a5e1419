'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import { MAX_OPINION_LENGTH } from '@/lib/validation/attendance';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** The outcome of one VIP callback: whether the member was reached, and what they said. */
export function CallbackOutcomeForm({ callbackId, name, action }: { callbackId: number; name: string; action: Action }) {
  const t = useTranslations('callbacks');
  const [state, record, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <form action={record} className="space-y-3" aria-label={t('formLabel', { name })}>
      <input type="hidden" name="callbackId" value={callbackId} />
      <fieldset>
        <legend className="text-sm text-gray-700">{t('outcome')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
          {(['yes', 'no'] as const).map((value) => (
            <label key={value} className="flex items-center gap-2 text-sm text-gray-900">
              <input type="radio" name="reached" value={value} required className="accent-brand-600" />
              {t(value === 'yes' ? 'reached' : 'notReached')}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-opinion`} className="block text-sm text-gray-700">
          {t('opinion', { max: MAX_OPINION_LENGTH })}
        </label>
        <textarea id={`${id}-opinion`} name="opinion" rows={3} maxLength={MAX_OPINION_LENGTH} className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm" />
      </div>
      <Button type="submit" disabled={pending}>
        {t('submit')}
      </Button>
      <FormMessage state={state} testId="callback-message" />
    </form>
  );
}
