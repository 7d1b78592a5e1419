'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { ariaFor, Field, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** The province's follow-up of one finding: what was done, and whether that fixed it. */
export function FollowUpForm({ itemId, itemName, followUp, maxLength, action }: { itemId: number; itemName: string; followUp: string | null; maxLength: number; action: Action }) {
  const t = useTranslations('inspections');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const id = useId();
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={submitKeepingValues(dispatch)} aria-label={t('followUp.label', { item: itemName })} className="mt-2 space-y-2">
      <input type="hidden" name="itemId" value={itemId} />
      <Field id={id} name="followUp" label={t('followUp.text')} error={errors.followUp}>
        <textarea name="followUp" required rows={2} maxLength={maxLength} defaultValue={followUp ?? ''} className={INPUT} {...ariaFor(id, errors.followUp)} />
      </Field>
      <label className="flex min-h-10 items-center gap-2 text-sm">
        <input type="checkbox" name="fixed" className="size-4" />
        {t('followUp.fixed')}
      </label>
      <FormMessage state={summaryOf(state, errors, ['followUp'])} success={t('followUp.saved')} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t('followUp.save')}
      </Button>
    </form>
  );
}
