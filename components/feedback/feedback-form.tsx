'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import { MAX_OPINION_LENGTH } from '@/lib/validation/attendance';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const RATINGS = [1, 2, 3, 4, 5] as const;

/** A member's rating (1-5) and comment on an event they attended, prefilled when changing it. */
export function FeedbackForm({
  action,
  eventId,
  registrationId,
  current,
  intro,
}: {
  action: Action;
  eventId: number;
  registrationId: number;
  current: { rating: number; comment: string } | null;
  intro: string;
}) {
  const t = useTranslations('feedback');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <form action={formAction} className="space-y-4" aria-labelledby={`${id}-title`}>
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="registrationId" value={registrationId} />
      <h2 id={`${id}-title`} className="text-base font-semibold">
        {t('title')}
      </h2>
      <p className="-mt-2 text-sm text-gray-700">{intro}</p>
      <fieldset>
        <legend className="text-sm text-gray-700">{t('rating')}</legend>
        <div className="mt-2 grid gap-1.5 sm:grid-cols-5">
          {RATINGS.map((n) => (
            <label
              key={n}
              className="flex cursor-pointer items-center gap-2 rounded-md border border-gray-300 px-3 py-2 sm:flex-col sm:gap-0 sm:px-1 sm:text-center has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input type="radio" name="rating" value={n} defaultChecked={current?.rating === n} required className="accent-brand-600 sm:mb-1" />
              <span className="text-base font-semibold whitespace-nowrap text-gray-900">
                <span aria-hidden className="text-amber-500">
                  ★{' '}
                </span>
                {t(`stars.${n}`)}
              </span>
              <span className="text-xs text-gray-700 sm:mt-0.5">{t(`levels.${n}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-comment`} className="block text-sm text-gray-700">
          {t('comment', { max: MAX_OPINION_LENGTH })}
        </label>
        <textarea
          id={`${id}-comment`}
          name="comment"
          rows={4}
          maxLength={MAX_OPINION_LENGTH}
          defaultValue={current?.comment ?? ''}
          className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 text-sm"
        />
      </div>
      <Button type="submit" disabled={pending}>
        {current ? t('update') : t('submit')}
      </Button>
      <FormMessage state={state} success={state.status === 'ok' ? t(state.code === 'feedback_updated' ? 'updated' : 'saved') : undefined} testId="feedback-message" />
    </form>
  );
}
