'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import { MAX_ADDRESS_LENGTH, MAX_PROBLEM_LENGTH } from '@/lib/validation/services';
import { TypedText } from '@/components/ui/typed-text';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** A slot as the page words it: times already in Beijing time and the member's language. */
export interface SlotChoice {
  id: number;
  time: string;
  place: string;
  /** The hall's street address (none for on-site repair). */
  address: string;
  left: number;
  /** Set while only VIPs may book it: when it opens to everyone. */
  vipUntil: string | null;
  /** Why it cannot be chosen (full, not yet open), or null. */
  unavailable: string | null;
}

/**
 * Choosing one slot (grouped by day) and booking it; on-site repair asks for the address, repairs
 * for what is wrong. The price is stated on the button.
 */
export function MemberBookingForm({
  action,
  days,
  askAddress,
  askProblem,
  submitLabel,
}: {
  action: Action;
  /** key: the Beijing date, YYYY-MM-DD. */
  days: { key: string; label: string; slots: SlotChoice[] }[];
  askAddress: boolean;
  askProblem: boolean;
  submitLabel: string;
}) {
  const t = useTranslations('services');
  const [state, book, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <form action={book} className="space-y-5">
      {days.map((day) => (
        <fieldset key={day.key} className="space-y-2" data-day={day.key}>
          <legend className="mb-1 text-base font-semibold text-gray-900">{day.label}</legend>
          {day.slots.map((slot) => (
            <label
              key={slot.id}
              className={`flex items-start gap-3 rounded-md border p-3 text-sm ${slot.unavailable ? 'border-gray-200 bg-gray-50 text-gray-500' : 'border-gray-300 bg-white has-checked:border-brand-600 has-checked:ring-1 has-checked:ring-brand-600'}`}
              data-testid="slot-option"
            >
              <input type="radio" name="slotId" value={slot.id} required disabled={slot.unavailable !== null} className="mt-1 accent-brand-600" />
              <span className="min-w-0 flex-1">
                <span className="block font-medium tabular-nums text-gray-900">{slot.time}</span>
                <TypedText text={slot.place} className="block break-words" />
                {slot.address ? <TypedText text={slot.address} className="block text-xs break-words text-gray-600" testId="slot-address" /> : null}
                <span className="block text-xs">
                  {slot.unavailable ?? t('slotsLeft', { count: slot.left })}
                  {slot.vipUntil ? <span className="ml-2 rounded bg-amber-100 px-1.5 py-0.5 text-amber-900">{t('vipUntil', { time: slot.vipUntil })}</span> : null}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
      ))}
      {askAddress ? (
        <div>
          <label htmlFor={`${id}-address`} className="block text-sm font-medium text-gray-900">
            {t('address')}
          </label>
          <input id={`${id}-address`} name="address" required maxLength={MAX_ADDRESS_LENGTH} autoComplete="street-address" className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm" />
        </div>
      ) : null}
      {askProblem ? (
        <div>
          <label htmlFor={`${id}-problem`} className="block text-sm font-medium text-gray-900">
            {t('problem')}
          </label>
          <textarea id={`${id}-problem`} name="description" rows={3} maxLength={MAX_PROBLEM_LENGTH} className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm" />
        </div>
      ) : null}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {submitLabel}
      </Button>
      <FormMessage state={state} testId="booking-message" />
    </form>
  );
}
