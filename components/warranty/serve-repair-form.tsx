'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { ariaFor, Field, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf, useKeyAfterSuccess } from '@/components/events/ops-event-fields';
import { HallField } from '@/components/services/hall-field';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const FIELDS = ['hallId', 'fault', 'work', 'parts', 'feeYuan'] as const;

/**
 * The counter serves a repair on the handset found: at which of the province's halls, what was
 * wrong, what was done, the parts. Out of warranty it is a paid repair and asks for the fee. The
 * request key comes with the page: a double click sends it twice and the server serves it once.
 */
export function ServeRepairForm({ handsetId, inWarranty, halls, requestKey, action }: { handsetId: number; inWarranty: boolean; halls: { id: number; name: string }[]; requestKey: string; action: Action }) {
  const t = useTranslations('warranty');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const prefix = useId();
  const errors = fieldErrorsOf(state);
  const done = useKeyAfterSuccess(state);
  return (
    <form key={done} onSubmit={submitKeepingValues(dispatch)} className="space-y-3" aria-label={t('serveLabel')}>
      <input type="hidden" name="handsetId" value={handsetId} />
      <input type="hidden" name="requestKey" value={requestKey} />
      <HallField id={`${prefix}-hall`} label={t('servedAt')} error={errors.hallId} halls={halls} />
      <Field id={`${prefix}-fault`} name="fault" label={t('fault')} error={errors.fault}>
        <textarea name="fault" required rows={2} maxLength={500} className={INPUT} {...ariaFor(`${prefix}-fault`, errors.fault)} />
      </Field>
      <Field id={`${prefix}-work`} name="work" label={t('work')} error={errors.work}>
        <textarea name="work" required rows={2} maxLength={500} className={INPUT} {...ariaFor(`${prefix}-work`, errors.work)} />
      </Field>
      <Field id={`${prefix}-parts`} name="parts" label={t('parts')} error={errors.parts}>
        <input name="parts" autoComplete="off" maxLength={200} className={INPUT} {...ariaFor(`${prefix}-parts`, errors.parts)} />
      </Field>
      {inWarranty ? null : (
        <Field id={`${prefix}-fee`} name="feeYuan" label={t('fee')} hint={t('feeHint')} error={errors.feeYuan}>
          <input name="feeYuan" inputMode="decimal" autoComplete="off" required maxLength={10} className={INPUT} {...ariaFor(`${prefix}-fee`, errors.feeYuan, true)} />
        </Field>
      )}
      <FormMessage state={summaryOf(state, errors, inWarranty ? FIELDS.filter((f) => f !== 'feeYuan') : FIELDS)} success={t('served')} />
      <Button type="submit" disabled={pending}>
        {t(inWarranty ? 'serve' : 'servePaid')}
      </Button>
    </form>
  );
}
