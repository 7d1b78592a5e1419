'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { ariaFor, Field, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf, useKeyAfterSuccess } from '@/components/events/ops-event-fields';
import { HallField } from '@/components/services/hall-field';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const FIELDS = ['hallId', 'imei', 'model', 'purchasedOn', 'warrantyEndsOn', 'mobile'] as const;

/**
 * An operator registers a handset sold at one of the province's halls: IMEI, model, purchase day,
 * and (left blank) a year of warranty; the buyer by mobile when a 3G customer. Empties after each one.
 */
export function RegisterHandsetForm({ halls, action, today }: { halls: { id: number; name: string }[]; action: Action; today: string }) {
  const t = useTranslations('warranty');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const prefix = useId();
  const errors = fieldErrorsOf(state);
  const done = useKeyAfterSuccess(state);
  const registered = state.status === 'ok' && state.params?.imei ? String(state.params.imei) : null;
  return (
    <form key={done} onSubmit={submitKeepingValues(dispatch)} className="space-y-3" aria-label={t('registerLabel')}>
      <div className="grid gap-3 sm:grid-cols-2">
        <HallField id={`${prefix}-hall`} label={t('soldAt')} error={errors.hallId} halls={halls} className="sm:col-span-2" />
        <Field id={`${prefix}-imei`} name="imei" label={t('imei')} hint={t('imeiHint')} error={errors.imei}>
          <input name="imei" inputMode="numeric" autoComplete="off" required maxLength={20} className={INPUT} {...ariaFor(`${prefix}-imei`, errors.imei, true)} />
        </Field>
        <Field id={`${prefix}-model`} name="model" label={t('model')} error={errors.model}>
          <input name="model" autoComplete="off" required maxLength={60} className={INPUT} {...ariaFor(`${prefix}-model`, errors.model)} />
        </Field>
        <Field id={`${prefix}-purchased`} name="purchasedOn" label={t('purchasedOn')} error={errors.purchasedOn}>
          <input name="purchasedOn" type="date" required max={today} defaultValue={today} className={INPUT} {...ariaFor(`${prefix}-purchased`, errors.purchasedOn)} />
        </Field>
        <Field id={`${prefix}-ends`} name="warrantyEndsOn" label={t('warrantyEndsOn')} hint={t('warrantyEndsHint')} error={errors.warrantyEndsOn}>
          <input name="warrantyEndsOn" type="date" className={INPUT} {...ariaFor(`${prefix}-ends`, errors.warrantyEndsOn, true)} />
        </Field>
        <Field id={`${prefix}-mobile`} name="mobile" label={t('buyerMobile')} hint={t('buyerMobileHint')} error={errors.mobile} className="sm:col-span-2">
          <input name="mobile" type="tel" inputMode="numeric" autoComplete="off" maxLength={20} className={INPUT} {...ariaFor(`${prefix}-mobile`, errors.mobile, true)} />
        </Field>
      </div>
      <FormMessage state={summaryOf(state, errors, FIELDS)} success={t('registered')} />
      {registered ? (
        <p>
          <Link href={`/ops/warranty?imei=${registered}`} className="text-sm font-medium text-brand-700 underline">
            {t('openHandset', { imei: registered })}
          </Link>
        </p>
      ) : null}
      <Button type="submit" disabled={pending}>
        {t('register')}
      </Button>
    </form>
  );
}
