'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { ariaFor, Field, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf, useKeyAfterSuccess } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { HALL_KINDS, type HallKind } from '@/lib/domain/types';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

export interface HallValues {
  id: number;
  kind: HallKind;
  nameZh: string;
  nameEn: string | null;
  city: string;
  address: string;
  active: boolean;
}

const FIELDS = ['kind', 'nameZh', 'nameEn', 'city', 'address'] as const;

/**
 * A hall or brand store of the province: a new one (the form empties once it is added), or the
 * one given, changed in place (a new name reaches its slots and loaner phones).
 */
export function OpsHallForm({ hall, provinceCode, action, onDone }: { hall?: HallValues; provinceCode?: string; action: Action; onDone?: () => void }) {
  const t = useTranslations('opsServices.halls');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const errors = fieldErrorsOf(state);
  // A new, empty form after each hall added (a changed hall keeps its values).
  const added = useKeyAfterSuccess(state);
  return (
    <form key={hall ? 'edit' : added} onSubmit={submitKeepingValues(dispatch)} className="space-y-3" aria-label={hall ? t('editLabel', { name: hall.nameZh }) : t('addLabel')}>
      {hall ? <input type="hidden" name="hallId" value={hall.id} /> : null}
      {provinceCode ? <input type="hidden" name="provinceCode" value={provinceCode} /> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id('nameZh')} name="nameZh" label={t('nameZh')} hint={t('nameZhHint')} error={errors.nameZh}>
          <input name="nameZh" required maxLength={100} defaultValue={hall?.nameZh} className={INPUT} {...ariaFor(id('nameZh'), errors.nameZh, true)} />
        </Field>
        <Field id={id('nameEn')} name="nameEn" label={t('nameEn')} error={errors.nameEn}>
          <input name="nameEn" maxLength={100} defaultValue={hall?.nameEn ?? ''} className={INPUT} {...ariaFor(id('nameEn'), errors.nameEn)} />
        </Field>
        <Field id={id('kind')} name="kind" label={t('kind')} error={errors.kind}>
          <select name="kind" defaultValue={hall?.kind ?? 'hall'} className={INPUT} {...ariaFor(id('kind'), errors.kind)}>
            {HALL_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('city')} name="city" label={t('city')} error={errors.city}>
          <input name="city" required maxLength={30} defaultValue={hall?.city} className={INPUT} {...ariaFor(id('city'), errors.city)} />
        </Field>
        <Field id={id('address')} name="address" label={t('address')} error={errors.address} className="sm:col-span-2">
          <input name="address" maxLength={200} defaultValue={hall?.address} className={INPUT} {...ariaFor(id('address'), errors.address)} />
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm text-gray-800">
        <input type="checkbox" name="active" defaultChecked={hall?.active ?? true} className="accent-brand-600" />
        {t('active')}
      </label>
      <FormMessage state={summaryOf(state, errors, FIELDS)} success={hall ? t('saved') : t('added')} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {hall ? t('save') : t('addSubmit')}
        </Button>
        {onDone ? (
          <Button type="button" variant="secondary" onClick={onDone}>
            {t('close')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}

/** A hall's row action: its form, opened on demand. */
export function OpsHallEdit({ hall, action }: { hall: HallValues; action: Action }) {
  const t = useTranslations('opsServices.halls');
  const [open, setOpen] = useState(false);
  return open ? (
    <OpsHallForm hall={hall} action={action} onDone={() => setOpen(false)} />
  ) : (
    <div>
      <Button type="button" variant="secondary" onClick={() => setOpen(true)} aria-label={t('editLabel', { name: hall.nameZh })}>
        {t('edit')}
      </Button>
    </div>
  );
}
