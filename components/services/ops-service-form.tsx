'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { ariaFor, Field, FieldError, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { SEGMENTS, type Segment } from '@/lib/domain/types';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const FIELDS = ['descriptionZh', 'descriptionEn', 'eligibleSegments', 'vipPriorityHours', 'pricePoints'] as const;

export interface ServiceSettings {
  id: number;
  name: string;
  descriptionZh: string;
  descriptionEn: string | null;
  eligibleSegments: readonly Segment[];
  vipPriorityHours: number;
  pricePoints: number;
  active: boolean;
}

/** What one service of the province offers: texts, segments, VIP priority, price, on or off. */
export function OpsServiceForm({ service, action }: { service: ServiceSettings; action: Action }) {
  const t = useTranslations('opsServices.catalogue');
  const ts = useTranslations('segments');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const prefix = useId();
  const errors = fieldErrorsOf(state);
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <form action={dispatch} onSubmit={submitKeepingValues(dispatch)} className="space-y-4" aria-label={t('editLabel', { service: service.name })}>
      <input type="hidden" name="serviceId" value={service.id} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id('descriptionZh')} name="descriptionZh" label={t('descriptionZh')} error={errors.descriptionZh}>
          <textarea name="descriptionZh" rows={3} maxLength={2000} defaultValue={service.descriptionZh} className={INPUT} {...ariaFor(id('descriptionZh'), errors.descriptionZh)} />
        </Field>
        <Field id={id('descriptionEn')} name="descriptionEn" label={t('descriptionEn')} error={errors.descriptionEn}>
          <textarea name="descriptionEn" rows={3} maxLength={2000} defaultValue={service.descriptionEn ?? ''} className={INPUT} {...ariaFor(id('descriptionEn'), errors.descriptionEn)} />
        </Field>
      </div>
      <fieldset aria-describedby={errors.eligibleSegments ? `${id('eligibleSegments')}-error` : undefined}>
        <legend className="text-sm font-medium text-gray-800">{t('eligibleSegments')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
          {SEGMENTS.map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm text-gray-900">
              <input type="checkbox" name="eligibleSegments[]" value={s} defaultChecked={service.eligibleSegments.includes(s)} className="accent-brand-600" />
              {ts(s)}
            </label>
          ))}
        </div>
        <FieldError id={id('eligibleSegments')} name="eligibleSegments" code={errors.eligibleSegments} />
      </fieldset>
      <div className="grid grid-cols-2 gap-4 sm:max-w-md">
        <Field id={id('vipPriorityHours')} name="vipPriorityHours" label={t('vipPriorityHours')} error={errors.vipPriorityHours}>
          <input name="vipPriorityHours" type="number" min={0} max={720} required defaultValue={service.vipPriorityHours} className={INPUT} {...ariaFor(id('vipPriorityHours'), errors.vipPriorityHours)} />
        </Field>
        <Field id={id('pricePoints')} name="pricePoints" label={t('pricePoints')} error={errors.pricePoints}>
          <input name="pricePoints" type="number" min={0} max={1_000_000} required defaultValue={service.pricePoints} className={INPUT} {...ariaFor(id('pricePoints'), errors.pricePoints)} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm text-gray-900">
        <input type="checkbox" name="active" defaultChecked={service.active} className="accent-brand-600" />
        {t('active')}
      </label>
      <FormMessage state={summaryOf(state, errors, FIELDS)} success={t('saved')} />
      <Button type="submit" disabled={pending}>
        {t('save')}
      </Button>
    </form>
  );
}
