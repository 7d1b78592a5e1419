import { useTranslations } from 'next-intl';
import { startTransition, useState, type FormEvent, type ReactNode } from 'react';
import { EVENT_KINDS_BY_CLUB, PRICE_TYPES, SEGMENTS, type ClubCode, type EventKind, type PriceType, type Segment } from '@/lib/domain/types';
import type { FormState } from '@/lib/form-state';

// Building blocks shared by the event form and the series form (both client components).

export interface Option<T extends string = string> {
  code: T;
  name: string;
}

/** The event's details as form values (strings, as the inputs hold them). */
export interface EventDetailsValues {
  clubCode: ClubCode;
  kind: EventKind;
  titleZh: string;
  titleEn: string;
  descriptionZh: string;
  descriptionEn: string;
  venue: string;
  venueEn: string;
  city: string;
  capacity: string;
  priceType: PriceType;
  priceYuan: string;
  pricePoints: string;
  eligibleSegments: readonly Segment[];
}

export const DETAIL_FIELDS = [
  'provinceCode',
  'clubCode',
  'kind',
  'titleZh',
  'titleEn',
  'descriptionZh',
  'descriptionEn',
  'venue',
  'venueEn',
  'city',
  'capacity',
  'priceType',
  'priceYuan',
  'pricePoints',
  'eligibleSegments',
] as const;

export const INPUT = 'mt-1 block w-full rounded-md border border-gray-300 px-2 py-2 text-sm disabled:bg-gray-100 disabled:text-gray-500 aria-invalid:border-red-600';
const LABEL = 'block text-sm font-medium text-gray-800';

/**
 * Field codes of a refusal under the names of the inputs that show them. The server names some
 * fields after what it stores (priceFen) or, for a series, after the derived instant (endsAt);
 * `aliases` maps those to the input the operator actually edits.
 */
export function fieldErrorsOf(state: FormState, aliases: Record<string, string> = {}): Record<string, string> {
  if (state.status !== 'error' || !state.fields) return {};
  const out: Record<string, string> = {};
  for (const [field, code] of Object.entries(state.fields)) out[aliases[field] ?? field] ??= code;
  return out;
}

/**
 * The summary above the submit button: when the errors are shown beside their fields, it says how
 * many to correct and lists only those no field shows (so nothing is said twice).
 */
export function summaryOf(state: FormState, errors: Record<string, string>, placed: readonly string[]): FormState {
  if (state.status !== 'error') return state;
  const rest = Object.entries(errors).filter(([field, code]) => !placed.includes(field) && code !== state.code);
  const count = Object.keys(errors).filter((field) => placed.includes(field)).length;
  return {
    status: 'error',
    code: count > 0 ? 'form_has_errors' : state.code,
    params: count > 0 ? { count } : state.params,
    ...(rest.length > 0 ? { fields: Object.fromEntries(rest) } : {}),
  };
}

/**
 * Submits through the action without React's automatic form reset, which would wipe everything
 * the operator typed whenever the server refuses the form.
 */
export function submitKeepingValues(dispatch: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(formData));
  };
}

/**
 * A key for a form that submits through submitKeepingValues: it changes after each success, so the
 * form starts empty again, and stays after a refusal, so what was typed stays.
 */
export function useKeyAfterSuccess(state: FormState): number {
  const [seen, setSeen] = useState(state);
  const [successes, setSuccesses] = useState(0);
  if (state !== seen) {
    setSeen(state);
    if (state.status === 'ok') setSuccesses(successes + 1);
  }
  return successes;
}

/** Accessibility attributes tying an input to its hint and error. */
export function ariaFor(id: string, error: string | undefined, hint?: boolean) {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': ids || undefined } as const;
}

export function FieldError({ id, name, code }: { id: string; name: string; code: string | undefined }) {
  const t = useTranslations('errors');
  if (!code) return null;
  return (
    <p id={`${id}-error`} data-testid={`field-error-${name}`} className="mt-1 text-sm text-red-700">
      {t.has(code) ? t(code) : t('invalid_input')}
    </p>
  );
}

export function Field({ id, name, label, hint, error, className = '', children }: { id: string; name: string; label: string; hint?: string; error?: string; className?: string; children: ReactNode }) {
  return (
    <div className={className}>
      <label htmlFor={id} className={LABEL}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-gray-600">
          {hint}
        </p>
      ) : null}
      <FieldError id={id} name={name} code={error} />
    </div>
  );
}

/**
 * Club and kind (the kinds of the chosen club only; the server checks again), texts, venue,
 * capacity, price and eligible segments; for HQ also the province.
 */
export function EventDetailsFields({
  idPrefix,
  clubs,
  provinces,
  values,
  errors,
}: {
  idPrefix: string;
  clubs: Option<ClubCode>[];
  provinces?: Option[];
  values: EventDetailsValues;
  errors: Record<string, string>;
}) {
  const t = useTranslations('eventForm');
  const tk = useTranslations('eventKinds');
  const ts = useTranslations('segments');
  const [club, setClub] = useState<ClubCode>(values.clubCode);
  const [kind, setKind] = useState<EventKind>(values.kind);
  const [priceType, setPriceType] = useState<PriceType>(values.priceType);
  const id = (name: string) => `${idPrefix}-${name}`;
  const chooseClub = (next: ClubCode) => {
    setClub(next);
    if (!EVENT_KINDS_BY_CLUB[next].includes(kind)) setKind(EVENT_KINDS_BY_CLUB[next][0]!);
  };

  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        {provinces ? (
          <Field id={id('provinceCode')} name="provinceCode" label={t('province')} error={errors.provinceCode} className="sm:col-span-2">
            <select name="provinceCode" required defaultValue="" className={INPUT} {...ariaFor(id('provinceCode'), errors.provinceCode)}>
              <option value="" disabled>
                {t('chooseProvince')}
              </option>
              {provinces.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
        <Field id={id('clubCode')} name="clubCode" label={t('club')} error={errors.clubCode}>
          <select name="clubCode" value={club} onChange={(e) => chooseClub(e.target.value as ClubCode)} className={INPUT} {...ariaFor(id('clubCode'), errors.clubCode)}>
            {clubs.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('kind')} name="kind" label={t('kind')} error={errors.kind}>
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as EventKind)} className={INPUT} {...ariaFor(id('kind'), errors.kind)}>
            {EVENT_KINDS_BY_CLUB[club].map((k) => (
              <option key={k} value={k}>
                {tk(k)}
              </option>
            ))}
          </select>
        </Field>
        <Field id={id('titleZh')} name="titleZh" label={t('titleZh')} error={errors.titleZh}>
          <input name="titleZh" required maxLength={100} defaultValue={values.titleZh} className={INPUT} {...ariaFor(id('titleZh'), errors.titleZh)} />
        </Field>
        <Field id={id('titleEn')} name="titleEn" label={t('titleEn')} hint={t('optional')} error={errors.titleEn}>
          <input name="titleEn" maxLength={100} defaultValue={values.titleEn} className={INPUT} {...ariaFor(id('titleEn'), errors.titleEn, true)} />
        </Field>
        <Field id={id('descriptionZh')} name="descriptionZh" label={t('descriptionZh')} error={errors.descriptionZh}>
          <textarea name="descriptionZh" rows={4} maxLength={2000} defaultValue={values.descriptionZh} className={INPUT} {...ariaFor(id('descriptionZh'), errors.descriptionZh)} />
        </Field>
        <Field id={id('descriptionEn')} name="descriptionEn" label={t('descriptionEn')} hint={t('optional')} error={errors.descriptionEn}>
          <textarea name="descriptionEn" rows={4} maxLength={2000} defaultValue={values.descriptionEn} className={INPUT} {...ariaFor(id('descriptionEn'), errors.descriptionEn, true)} />
        </Field>
        <Field id={id('venue')} name="venue" label={t('venue')} error={errors.venue}>
          <input name="venue" required maxLength={100} defaultValue={values.venue} className={INPUT} {...ariaFor(id('venue'), errors.venue)} />
        </Field>
        <Field id={id('venueEn')} name="venueEn" label={t('venueEn')} hint={t('venueEnHint')} error={errors.venueEn}>
          <input name="venueEn" maxLength={100} defaultValue={values.venueEn} className={INPUT} {...ariaFor(id('venueEn'), errors.venueEn, true)} />
        </Field>
        <Field id={id('city')} name="city" label={t('city')} hint={t('optional')} error={errors.city}>
          <input name="city" maxLength={30} defaultValue={values.city} className={INPUT} {...ariaFor(id('city'), errors.city, true)} />
        </Field>
        <Field id={id('capacity')} name="capacity" label={t('capacity')} error={errors.capacity}>
          <input name="capacity" type="number" inputMode="numeric" required min={1} max={100000} step={1} defaultValue={values.capacity} className={INPUT} {...ariaFor(id('capacity'), errors.capacity)} />
        </Field>
      </div>

      <fieldset className="rounded-md border border-gray-200 p-3" aria-describedby={errors.priceType ? `${id('priceType')}-error` : undefined}>
        <legend className="px-1 text-sm font-medium text-gray-800">{t('price')}</legend>
        <div className="flex flex-wrap gap-4">
          {PRICE_TYPES.map((p) => (
            <label key={p} className="flex items-center gap-1.5 text-sm">
              <input type="radio" name="priceType" value={p} checked={priceType === p} onChange={() => setPriceType(p)} />
              {t(`priceTypes.${p}`)}
            </label>
          ))}
        </div>
        <FieldError id={id('priceType')} name="priceType" code={errors.priceType} />
        <div className="mt-3 grid gap-4 sm:grid-cols-2">
          <Field id={id('priceYuan')} name="priceYuan" label={t('priceYuan')} hint={t('priceYuanHint')} error={errors.priceYuan}>
            <input
              name="priceYuan"
              inputMode="decimal"
              disabled={priceType !== 'fee'}
              required={priceType === 'fee'}
              defaultValue={values.priceYuan}
              className={INPUT}
              {...ariaFor(id('priceYuan'), errors.priceYuan, true)}
            />
          </Field>
          <Field id={id('pricePoints')} name="pricePoints" label={t('pricePoints')} error={errors.pricePoints}>
            <input
              name="pricePoints"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              disabled={priceType !== 'points'}
              required={priceType === 'points'}
              defaultValue={values.pricePoints}
              className={INPUT}
              {...ariaFor(id('pricePoints'), errors.pricePoints)}
            />
          </Field>
        </div>
      </fieldset>

      <fieldset className="rounded-md border border-gray-200 p-3" aria-describedby={errors.eligibleSegments ? `${id('eligibleSegments')}-error` : undefined}>
        <legend className="px-1 text-sm font-medium text-gray-800">{t('segments')}</legend>
        <div className="flex flex-wrap gap-4">
          {SEGMENTS.map((s) => (
            <label key={s} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" name="eligibleSegments[]" value={s} defaultChecked={values.eligibleSegments.includes(s)} />
              {ts(s)}
            </label>
          ))}
        </div>
        <FieldError id={id('eligibleSegments')} name="eligibleSegments" code={errors.eligibleSegments} />
      </fieldset>
    </>
  );
}
