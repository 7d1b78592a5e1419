'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { ariaFor, Field, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf, useKeyAfterSuccess } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { VISIT_PURPOSES } from '@/lib/domain/hall-visits';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** The desk checks a customer in by mobile number with what they came for; the form empties after each one. */
export function HallCheckInForm({ hallId, action }: { hallId: number; action: Action }) {
  const t = useTranslations('hallQueue');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const prefix = useId();
  const errors = fieldErrorsOf(state);
  const done = useKeyAfterSuccess(state);
  return (
    <form key={done} onSubmit={submitKeepingValues(dispatch)} className="space-y-3" aria-label={t('checkInLabel')}>
      <input type="hidden" name="hallId" value={hallId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${prefix}-mobile`} name="mobile" label={t('mobile')} error={errors.mobile}>
          <input name="mobile" type="tel" inputMode="numeric" autoComplete="off" required maxLength={20} className={INPUT} {...ariaFor(`${prefix}-mobile`, errors.mobile)} />
        </Field>
        <Field id={`${prefix}-purpose`} name="purpose" label={t('purpose')} error={errors.purpose}>
          <select name="purpose" defaultValue="enquiry" className={INPUT} {...ariaFor(`${prefix}-purpose`, errors.purpose)}>
            {VISIT_PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t(`purposes.${p}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <FormMessage state={summaryOf(state, errors, ['mobile', 'purpose'])} success={t('checkedIn')} />
      <Button type="submit" disabled={pending}>
        {t('checkIn')}
      </Button>
    </form>
  );
}
