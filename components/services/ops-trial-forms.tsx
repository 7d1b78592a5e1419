'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { ariaFor, Field, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { OpsServiceField } from './ops-service-field';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const FIELDS = ['serviceId', 'titleZh', 'titleEn', 'units', 'vipOpensAt', 'opensAt', 'closesAt', 'loanDays'] as const;

/** A new trial programme: so many units, VIPs may apply first, then everyone until it closes. */
export function OpsTrialProgrammeForm({
  services,
  defaults,
  action,
}: {
  services: { id: number; name: string }[];
  defaults: { vipOpensAt: string; opensAt: string; closesAt: string };
  action: Action;
}) {
  const t = useTranslations('opsServices.trials');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const prefix = useId();
  const errors = fieldErrorsOf(state);
  const id = (name: string) => `${prefix}-${name}`;
  const time = (name: 'vipOpensAt' | 'opensAt' | 'closesAt') => (
    <Field id={id(name)} name={name} label={t(name)} error={errors[name]}>
      <input name={name} type="datetime-local" required defaultValue={defaults[name]} className={INPUT} {...ariaFor(id(name), errors[name])} />
    </Field>
  );
  return (
    <form action={dispatch} onSubmit={submitKeepingValues(dispatch)} className="space-y-4" aria-label={t('createLabel')}>
      <div className="grid gap-4 sm:grid-cols-2">
        <OpsServiceField id={id('serviceId')} label={t('service')} error={errors.serviceId} services={services} />
        <Field id={id('titleZh')} name="titleZh" label={t('titleZh')} error={errors.titleZh}>
          <input name="titleZh" required maxLength={100} className={INPUT} {...ariaFor(id('titleZh'), errors.titleZh)} />
        </Field>
        <Field id={id('titleEn')} name="titleEn" label={t('titleEn')} error={errors.titleEn}>
          <input name="titleEn" maxLength={100} className={INPUT} {...ariaFor(id('titleEn'), errors.titleEn)} />
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field id={id('units')} name="units" label={t('units')} error={errors.units}>
            <input name="units" type="number" min={1} required defaultValue={5} className={INPUT} {...ariaFor(id('units'), errors.units)} />
          </Field>
          <Field id={id('loanDays')} name="loanDays" label={t('loanDays')} error={errors.loanDays}>
            <input name="loanDays" type="number" min={1} max={365} required defaultValue={14} className={INPUT} {...ariaFor(id('loanDays'), errors.loanDays)} />
          </Field>
        </div>
        {time('vipOpensAt')}
        {time('opensAt')}
        {time('closesAt')}
      </div>
      <FormMessage state={summaryOf(state, errors, FIELDS)} success={t('created')} />
      <Button type="submit" disabled={pending}>
        {t('createSubmit')}
      </Button>
    </form>
  );
}

const STEPS = {
  applied: ['select', 'decline'],
  selected: ['hand_over', 'decline'],
  handed_over: ['return'],
} as const;

export type ActionableTrialStatus = keyof typeof STEPS;

/** The operator's next steps for one applicant: select or decline, hand the unit over, take it back. */
export function OpsTrialStepButtons({ applicationId, status, name, action }: { applicationId: number; status: ActionableTrialStatus; name: string; action: Action }) {
  const t = useTranslations('opsServices.trials');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {STEPS[status].map((step) => (
          <form key={step} action={dispatch} aria-label={t('stepLabel', { step: t(`step.${step}`), name })}>
            <input type="hidden" name="applicationId" value={applicationId} />
            <input type="hidden" name="step" value={step} />
            <Button type="submit" variant={step === 'decline' ? 'secondary' : 'primary'} disabled={pending}>
              {t(`step.${step}`)}
            </Button>
          </form>
        ))}
      </div>
      <FormMessage state={state} />
    </div>
  );
}
