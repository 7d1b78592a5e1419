'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { ariaFor, Field, FieldError, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { INSPECTION_ITEMS, INSPECTION_RATINGS, type InspectionKind } from '@/lib/domain/inspections';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
type Option = { value: string; label: string };

const TOP_FIELDS = ['kind', 'place', 'visitedAt', 'note'];
const ITEM_FIELDS = INSPECTION_ITEMS.flatMap((i) => [`rating_${i.key}`, `finding_${i.key}`]);

/**
 * The scorecard, as an inspector fills it on a phone in the hall: the kind of visit (HQ: open or
 * covert; a province: its self-inspection), the hall or event, when, and each item of the plan
 * rated with what was wrong. Each item starts unrated: the inspector looks at every one.
 */
export function InspectionForm({
  action,
  kinds,
  provinceCode,
  halls,
  events,
  visitedAt,
  maxLength,
}: {
  action: Action;
  kinds: readonly InspectionKind[];
  provinceCode: string | null;
  halls: Option[];
  events: Option[];
  visitedAt: string;
  maxLength: number;
}) {
  const t = useTranslations('inspections');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={submitKeepingValues(dispatch)} aria-label={t('form.label')} className="space-y-4">
      {provinceCode ? <input type="hidden" name="provinceCode" value={provinceCode} /> : null}
      {kinds.length === 1 ? (
        <>
          <input type="hidden" name="kind" value={kinds[0]} />
          <p className="text-sm text-gray-700">{t('form.kindFixed', { kind: t(`kinds.${kinds[0]!}`) })}</p>
        </>
      ) : (
        <fieldset>
          <legend className="text-sm font-medium text-gray-800">{t('form.kind')}</legend>
          <div className="mt-1 flex flex-wrap gap-4">
            {kinds.map((k) => (
              <label key={k} className="flex min-h-10 items-center gap-2 text-sm">
                <input type="radio" name="kind" value={k} required className="size-4" />
                {t(`kinds.${k}`)}
              </label>
            ))}
          </div>
          <FieldError id={id('kind')} name="kind" code={errors.kind} />
        </fieldset>
      )}
      <Field id={id('place')} name="place" label={t('form.place')} error={errors.place}>
        <select name="place" required defaultValue="" className={INPUT} {...ariaFor(id('place'), errors.place)}>
          <option value="" disabled>
            {t('form.choosePlace')}
          </option>
          {halls.length > 0 ? (
            <optgroup label={t('form.halls')}>
              {halls.map((h) => (
                <option key={h.value} value={h.value}>
                  {h.label}
                </option>
              ))}
            </optgroup>
          ) : null}
          {events.length > 0 ? (
            <optgroup label={t('form.events')}>
              {events.map((e) => (
                <option key={e.value} value={e.value}>
                  {e.label}
                </option>
              ))}
            </optgroup>
          ) : null}
        </select>
      </Field>
      <Field id={id('visitedAt')} name="visitedAt" label={t('form.visitedAt')} hint={t('form.visitedAtHint')} error={errors.visitedAt}>
        <input type="datetime-local" name="visitedAt" required defaultValue={visitedAt} className={INPUT} {...ariaFor(id('visitedAt'), errors.visitedAt, true)} />
      </Field>
      <div className="space-y-3">
        <h2 className="text-base font-semibold text-gray-900">{t('form.scorecard')}</h2>
        <p className="text-xs text-gray-600">{t('form.scorecardHint')}</p>
        {INSPECTION_ITEMS.map((item) => {
          const rating = `rating_${item.key}`;
          const finding = `finding_${item.key}`;
          return (
            <fieldset key={item.key} className="rounded-md border border-gray-200 p-3" aria-describedby={id(`${item.key}-about`)}>
              <legend className="px-1 text-sm font-medium text-gray-900">
                {t(`items.${item.key}.name`)} <span className="text-xs font-normal text-gray-600">{t('form.weight', { weight: item.weight, plan: item.plan })}</span>
              </legend>
              <p id={id(`${item.key}-about`)} className="text-xs text-gray-600">
                {t(`items.${item.key}.about`)}
              </p>
              <div className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1 sm:grid-cols-4">
                {INSPECTION_RATINGS.map((r) => (
                  <label key={r} className="flex min-h-10 items-center gap-2 text-sm">
                    <input type="radio" name={rating} value={r} required className="size-4" />
                    {t(`ratings.${r}`)}
                  </label>
                ))}
              </div>
              <FieldError id={id(rating)} name={rating} code={errors[rating]} />
              <Field id={id(finding)} name={finding} label={t('form.finding')} hint={t('form.findingHint')} error={errors[finding]} className="mt-2">
                <textarea name={finding} rows={2} maxLength={maxLength} className={INPUT} {...ariaFor(id(finding), errors[finding], true)} />
              </Field>
            </fieldset>
          );
        })}
      </div>
      <Field id={id('note')} name="note" label={t('form.note')} error={errors.note}>
        <textarea name="note" rows={3} maxLength={maxLength} className={INPUT} {...ariaFor(id('note'), errors.note)} />
      </Field>
      <FormMessage state={summaryOf(state, errors, [...TOP_FIELDS, ...ITEM_FIELDS])} />
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {t('form.submit')}
      </Button>
    </form>
  );
}
