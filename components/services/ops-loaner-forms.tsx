'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { ariaFor, Field, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import { HallField, type HallOption } from './hall-field';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const FIELDS = ['hallId', 'model', 'imei', 'condition'] as const;

/** A phone joins a hall's loaner inventory. */
export function OpsAddLoanerForm({ provinceCode, halls, action }: { provinceCode?: string; halls: HallOption[]; action: Action }) {
  const t = useTranslations('opsServices.loaners');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const prefix = useId();
  const errors = fieldErrorsOf(state);
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <form action={dispatch} onSubmit={submitKeepingValues(dispatch)} className="space-y-4" aria-label={t('addLabel')}>
      {provinceCode ? <input type="hidden" name="provinceCode" value={provinceCode} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <HallField id={id('hallId')} label={t('hall')} error={errors.hallId} halls={halls} />
        <Field id={id('model')} name="model" label={t('model')} error={errors.model}>
          <input name="model" required maxLength={100} className={INPUT} {...ariaFor(id('model'), errors.model)} />
        </Field>
        <Field id={id('imei')} name="imei" label={t('imei')} hint={t('imeiHint')} error={errors.imei}>
          <input name="imei" required inputMode="numeric" pattern="\d{15}" maxLength={15} className={INPUT} {...ariaFor(id('imei'), errors.imei, true)} />
        </Field>
        <Field id={id('condition')} name="condition" label={t('condition')} error={errors.condition}>
          <input name="condition" required maxLength={200} defaultValue={t('conditionDefault')} className={INPUT} {...ariaFor(id('condition'), errors.condition)} />
        </Field>
      </div>
      <FormMessage state={summaryOf(state, errors, FIELDS)} success={t('added')} />
      <Button type="submit" disabled={pending}>
        {t('addSubmit')}
      </Button>
    </form>
  );
}

/** Takes a loaner back, noting the condition it came back in. */
export function OpsReturnLoanerForm({ loanId, phone, condition, action }: { loanId: number; phone: string; condition: string; action: Action }) {
  const t = useTranslations('opsServices.loaners');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const id = useId();
  const success = state.status === 'ok' ? t(state.code === 'returned_late' ? 'returnedLate' : 'returned') : undefined;
  return (
    <form action={dispatch} onSubmit={submitKeepingValues(dispatch)} className="space-y-2" aria-label={t('returnLabel', { phone })}>
      <input type="hidden" name="loanId" value={loanId} />
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1">
          <label htmlFor={`${id}-condition`} className="block text-sm text-gray-700">
            {t('conditionOnReturn')}
          </label>
          <input id={`${id}-condition`} name="condition" required maxLength={200} defaultValue={condition} className={INPUT} />
        </div>
        <Button type="submit" variant="secondary" disabled={pending}>
          {t('returnSubmit')}
        </Button>
      </div>
      <FormMessage state={state} success={success} />
    </form>
  );
}
