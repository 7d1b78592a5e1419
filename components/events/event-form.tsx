'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ClubCode } from '@/lib/domain/types';
import { IDLE, type FormState } from '@/lib/form-state';
import { DETAIL_FIELDS, EventDetailsFields, Field, INPUT, ariaFor, fieldErrorsOf, submitKeepingValues, summaryOf, type EventDetailsValues, type Option } from './ops-event-fields';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** An event's values as the form holds them; instants as datetime-local strings in Beijing time. */
export interface EventFormValues extends EventDetailsValues {
  startsAt: string;
  endsAt: string;
  regOpensAt: string;
  regClosesAt: string;
  vipOpensAt: string;
}

const TIME_FIELDS = ['startsAt', 'endsAt', 'regOpensAt', 'regClosesAt', 'vipOpensAt'] as const;
const PLACED = [...DETAIL_FIELDS, ...TIME_FIELDS];
// The server names the fee after what it stores.
const ALIASES = { priceFen: 'priceYuan' };

/**
 * Creating an event (it starts as a draft; the action opens its page) or editing one. The server
 * validates everything; its per-field codes are shown beside the fields.
 */
export function EventForm({
  mode,
  action,
  eventId,
  clubs,
  provinces,
  values,
}: {
  mode: 'create' | 'edit';
  action: Action;
  eventId?: number;
  clubs: Option<ClubCode>[];
  provinces?: Option[];
  values: EventFormValues;
}) {
  const t = useTranslations('eventForm');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const idPrefix = useId();
  const errors = fieldErrorsOf(state, ALIASES);
  const id = (name: string) => `${idPrefix}-${name}`;
  const timeField = (name: (typeof TIME_FIELDS)[number], optional = false) => (
    <Field id={id(name)} name={name} label={t(name)} hint={optional ? t(`${name}Hint`) : undefined} error={errors[name]}>
      <input name={name} type="datetime-local" required={!optional} defaultValue={values[name]} className={INPUT} {...ariaFor(id(name), errors[name], optional)} />
    </Field>
  );

  return (
    <form action={formAction} onSubmit={submitKeepingValues(formAction)} className="space-y-5" aria-label={t(mode === 'create' ? 'createLabel' : 'editLabel')}>
      {eventId !== undefined ? <input type="hidden" name="eventId" value={eventId} /> : null}
      <EventDetailsFields idPrefix={idPrefix} clubs={clubs} provinces={provinces} values={values} errors={errors} />
      <fieldset className="rounded-md border border-gray-200 p-3">
        <legend className="px-1 text-sm font-medium text-gray-800">{t('schedule')}</legend>
        <p className="mb-3 text-xs text-gray-600">{t('timeZoneHint')}</p>
        <div className="grid gap-4 sm:grid-cols-2">
          {timeField('startsAt')}
          {timeField('endsAt')}
          {timeField('regOpensAt')}
          {timeField('regClosesAt')}
          {timeField('vipOpensAt', true)}
        </div>
      </fieldset>
      <FormMessage state={summaryOf(state, errors, PLACED)} success={t('saved')} testId="event-form-message" />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {t(mode === 'create' ? 'createSubmit' : 'editSubmit')}
        </Button>
        {mode === 'create' ? <p className="text-sm text-gray-600">{t('draftHint')}</p> : null}
      </div>
    </form>
  );
}
