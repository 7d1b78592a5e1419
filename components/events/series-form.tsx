'use client';

import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { MAX_SERIES_COUNT, seriesOccurrences, type SeriesRule } from '@/lib/domain/series';
import { TIME_ZONE, type ClubCode } from '@/lib/domain/types';
import { IDLE, type FormState } from '@/lib/form-state';
import { DETAIL_FIELDS, EventDetailsFields, Field, INPUT, ariaFor, fieldErrorsOf, submitKeepingValues, summaryOf, type EventDetailsValues, type Option } from './ops-event-fields';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const RULE_FIELDS = ['frequency', 'ordinal', 'weekday', 'startDate', 'count', 'time', 'durationMinutes', 'regOpensDaysBefore', 'regClosesHoursBefore', 'vipDaysBefore'] as const;
const PLACED = [...DETAIL_FIELDS, ...RULE_FIELDS];
// The server checks each occurrence's derived instants; these are the rule inputs that set them.
const ALIASES = { priceFen: 'priceYuan', endsAt: 'durationMinutes', regOpensAt: 'regOpensDaysBefore', regClosesAt: 'regClosesHoursBefore', vipOpensAt: 'vipDaysBefore' };
// Monday first, as Chinese calendars show the week.
const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;
const ORDINALS = [1, 2, 3, 4, -1] as const;

/**
 * A series of events in one go: the event's details once, a recurrence rule, and the windows
 * relative to each start. The dates the rule produces are previewed as the operator types.
 */
export function SeriesForm({ action, clubs, provinces, values, today }: { action: Action; clubs: Option<ClubCode>[]; provinces?: Option[]; values: EventDetailsValues; today: string }) {
  const t = useTranslations('eventForm');
  const format = useFormatter();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const idPrefix = useId();
  const errors = fieldErrorsOf(state, ALIASES);
  const id = (name: string) => `${idPrefix}-${name}`;
  const [rule, setRule] = useState({ frequency: 'monthly' as SeriesRule['frequency'], ordinal: '1', weekday: '6', startDate: today, count: '4', time: '19:30' });
  const change = (key: keyof typeof rule) => (e: { target: { value: string } }) => setRule((r) => ({ ...r, [key]: e.target.value }));
  const occurrences = seriesOccurrences({
    frequency: rule.frequency,
    ordinal: Number(rule.ordinal) as SeriesRule['ordinal'],
    weekday: Number(rule.weekday),
    startDate: rule.startDate,
    count: Number(rule.count),
    time: rule.time,
  });
  const number = (name: (typeof RULE_FIELDS)[number], value: number, min: number, max: number, hint?: string) => (
    <Field id={id(name)} name={name} label={t(`rule.${name}`)} hint={hint} error={errors[name]}>
      <input name={name} type="number" inputMode="numeric" required min={min} max={max} step={1} defaultValue={value} className={INPUT} {...ariaFor(id(name), errors[name], Boolean(hint))} />
    </Field>
  );
  const created = state.status === 'ok' && state.code === 'series_created' ? state.params : undefined;

  return (
    <form action={formAction} onSubmit={submitKeepingValues(formAction)} className="space-y-5" aria-label={t('seriesLabel')}>
      <EventDetailsFields idPrefix={idPrefix} clubs={clubs} provinces={provinces} values={values} errors={errors} />

      <fieldset className="rounded-md border border-gray-200 p-3">
        <legend className="px-1 text-sm font-medium text-gray-800">{t('rule.title')}</legend>
        <p className="mb-3 text-xs text-gray-600">{t('timeZoneHint')}</p>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <Field id={id('frequency')} name="frequency" label={t('rule.frequency')} error={errors.frequency}>
            <select name="frequency" value={rule.frequency} onChange={change('frequency')} className={INPUT} {...ariaFor(id('frequency'), errors.frequency)}>
              {(['weekly', 'monthly', 'quarterly'] as const).map((f) => (
                <option key={f} value={f}>
                  {t(`rule.frequencies.${f}`)}
                </option>
              ))}
            </select>
          </Field>
          {rule.frequency === 'weekly' ? (
            // Weekly series have no ordinal; the schema still expects one.
            <input type="hidden" name="ordinal" value="1" />
          ) : (
            <Field id={id('ordinal')} name="ordinal" label={t('rule.ordinal')} hint={t(`rule.ordinalHint.${rule.frequency}`)} error={errors.ordinal}>
              <select name="ordinal" value={rule.ordinal} onChange={change('ordinal')} className={INPUT} {...ariaFor(id('ordinal'), errors.ordinal, true)}>
                {ORDINALS.map((o) => (
                  <option key={o} value={o}>
                    {t(`rule.ordinals.${o === -1 ? 'last' : o}`)}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field id={id('weekday')} name="weekday" label={t('rule.weekday')} error={errors.weekday}>
            <select name="weekday" value={rule.weekday} onChange={change('weekday')} className={INPUT} {...ariaFor(id('weekday'), errors.weekday)}>
              {WEEKDAYS.map((d) => (
                <option key={d} value={d}>
                  {t(`weekdays.${d}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={id('startDate')} name="startDate" label={t('rule.startDate')} error={errors.startDate}>
            <input name="startDate" type="date" required value={rule.startDate} onChange={change('startDate')} className={INPUT} {...ariaFor(id('startDate'), errors.startDate)} />
          </Field>
          <Field id={id('count')} name="count" label={t('rule.count')} hint={t('rule.countHint', { max: MAX_SERIES_COUNT })} error={errors.count}>
            <input
              name="count"
              type="number"
              inputMode="numeric"
              required
              min={1}
              max={MAX_SERIES_COUNT}
              step={1}
              value={rule.count}
              onChange={change('count')}
              className={INPUT}
              {...ariaFor(id('count'), errors.count, true)}
            />
          </Field>
          <Field id={id('time')} name="time" label={t('rule.time')} error={errors.time}>
            <input name="time" type="time" required value={rule.time} onChange={change('time')} className={INPUT} {...ariaFor(id('time'), errors.time)} />
          </Field>
          {number('durationMinutes', 120, 15, 24 * 60)}
          {number('regOpensDaysBefore', 21, 1, 180)}
          {number('regClosesHoursBefore', 2, 0, 24 * 30)}
          {number('vipDaysBefore', 0, 0, 30, t('rule.vipDaysBeforeHint'))}
        </div>
        <label className="mt-4 flex items-center gap-2 text-sm">
          <input type="checkbox" name="publish" />
          {t('rule.publish')}
        </label>
      </fieldset>

      <section aria-labelledby={id('preview')} className="rounded-md border border-gray-200 bg-gray-50 p-3">
        <h2 id={id('preview')} className="text-sm font-medium text-gray-800">
          {t('preview.title')}
        </h2>
        {occurrences.length === 0 ? (
          <p className="mt-1 text-sm text-gray-600">{t('preview.none')}</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-gray-600">{t('preview.count', { count: occurrences.length })}</p>
            <ol data-testid="series-preview" className="mt-2 list-decimal space-y-0.5 pl-6 text-sm tabular-nums">
              {occurrences.map((ms) => (
                <li key={ms}>{format.dateTime(new Date(ms), { dateStyle: 'full', timeStyle: 'short', timeZone: TIME_ZONE })}</li>
              ))}
            </ol>
          </>
        )}
      </section>

      {created ? (
        <p role="status" data-testid="series-created" className="rounded-md bg-green-50 px-3 py-2 text-sm text-green-800">
          {t('seriesCreated', { count: created.count ?? 0 })}{' '}
          <Link href={`/ops/events?year=${created.year}&club=${created.club}`} className="font-medium underline">
            {t('seriesCreatedLink')}
          </Link>
        </p>
      ) : (
        <FormMessage state={summaryOf(state, errors, PLACED)} testId="series-form-message" />
      )}
      <Button type="submit" disabled={pending}>
        {t('seriesSubmit')}
      </Button>
    </form>
  );
}
