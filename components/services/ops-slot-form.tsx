'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useRef, useState } from 'react';
import { ariaFor, Field, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import { HallField, type HallOption } from './hall-field';
import { OpsServiceField } from './ops-service-field';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const FIELDS = ['serviceId', 'hallId', 'area', 'areaEn', 'date', 'startTime', 'endTime', 'opensAt', 'capacity'] as const;
// The server checks the derived instants; their errors belong to the inputs the operator edits.
const ALIASES = { startsAt: 'startTime', endsAt: 'endTime' };

/**
 * A new slot: a bookable service, one of the province's halls (or for on-site repair the area the
 * engineers serve), a day and times, and when booking opens.
 */
export function OpsSlotForm({
  services,
  halls,
  areas,
  defaults,
  action,
}: {
  services: { id: number; name: string; onSite: boolean }[];
  halls: HallOption[];
  /** Areas of earlier on-site slots, offered as suggestions; choosing one fills in its English name. */
  areas: { zh: string; en: string }[];
  defaults: { date: string; opensAt: string };
  action: Action;
}) {
  const t = useTranslations('opsServices.slots');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const [serviceId, setServiceId] = useState(services[0]?.id);
  const onSite = services.find((s) => s.id === serviceId)?.onSite ?? false;
  const prefix = useId();
  const errors = fieldErrorsOf(state, ALIASES);
  const id = (name: string) => `${prefix}-${name}`;
  // A known area fills in its English name, unless the operator typed one of their own.
  const areaEn = useRef<HTMLInputElement>(null);
  const filledEn = useRef('');
  const fillEnglishArea = (zh: string) => {
    const input = areaEn.current;
    if (!input || (input.value && input.value !== filledEn.current)) return;
    filledEn.current = areas.find((a) => a.zh === zh.trim())?.en ?? '';
    input.value = filledEn.current;
  };
  return (
    <form action={dispatch} onSubmit={submitKeepingValues(dispatch)} className="space-y-4" aria-label={t('createLabel')}>
      <div className="grid gap-4 sm:grid-cols-2">
        <OpsServiceField id={id('serviceId')} label={t('service')} error={errors.serviceId} services={services} onChange={setServiceId} />
        {onSite ? (
          <>
            <Field id={id('area')} name="area" label={t('area')} hint={t('areaHint')} error={errors.area}>
              <input name="area" required maxLength={200} list={id('areas')} onChange={(e) => fillEnglishArea(e.target.value)} className={INPUT} {...ariaFor(id('area'), errors.area, true)} />
              <datalist id={id('areas')}>
                {areas.map((a) => (
                  <option key={a.zh} value={a.zh} />
                ))}
              </datalist>
            </Field>
            <Field id={id('areaEn')} name="areaEn" label={t('areaEn')} hint={t('areaEnHint')} error={errors.areaEn}>
              <input ref={areaEn} name="areaEn" maxLength={200} className={INPUT} {...ariaFor(id('areaEn'), errors.areaEn, true)} />
            </Field>
          </>
        ) : (
          <HallField id={id('hallId')} label={t('hall')} hint={t('hallHint')} error={errors.hallId} halls={halls} />
        )}
        <Field id={id('date')} name="date" label={t('date')} error={errors.date}>
          <input name="date" type="date" required defaultValue={defaults.date} className={INPUT} {...ariaFor(id('date'), errors.date)} />
        </Field>
        <div className="grid grid-cols-2 gap-2">
          <Field id={id('startTime')} name="startTime" label={t('startTime')} error={errors.startTime}>
            <input name="startTime" type="time" required defaultValue="10:00" className={INPUT} {...ariaFor(id('startTime'), errors.startTime)} />
          </Field>
          <Field id={id('endTime')} name="endTime" label={t('endTime')} error={errors.endTime}>
            <input name="endTime" type="time" required defaultValue="11:00" className={INPUT} {...ariaFor(id('endTime'), errors.endTime)} />
          </Field>
        </div>
        <Field id={id('opensAt')} name="opensAt" label={t('opensAt')} hint={t('opensAtHint')} error={errors.opensAt}>
          <input name="opensAt" type="datetime-local" required defaultValue={defaults.opensAt} className={INPUT} {...ariaFor(id('opensAt'), errors.opensAt, true)} />
        </Field>
        <Field id={id('capacity')} name="capacity" label={t('capacity')} error={errors.capacity}>
          <input name="capacity" type="number" min={1} max={1000} required defaultValue={2} className={INPUT} {...ariaFor(id('capacity'), errors.capacity)} />
        </Field>
      </div>
      <FormMessage state={summaryOf(state, errors, FIELDS)} success={t('created')} />
      <Button type="submit" disabled={pending}>
        {t('createSubmit')}
      </Button>
    </form>
  );
}
