'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { ariaFor, Field, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import { MAX_OPINION_LENGTH } from '@/lib/validation/attendance';
import { CALLBACK_OUTCOMES } from '@/lib/validation/callbacks';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const FIELDS = ['outcome', 'opinion', 'complaintTopic', 'complaintBody'] as const;
const OUTCOME_LABEL = { reached: 'reached', not_reached: 'notReached', declined: 'declined' } as const;
const FOLLOW_UPS = ['none', 'complaint', 'suggestion'] as const;
const FOLLOW_UP_LABEL = { none: 'followUpNone', complaint: 'followUpComplaint', suggestion: 'followUpSuggestion' } as const;

/**
 * One attempt at a VIP callback in one step: the outcome, the customer's opinion in their words,
 * and a complaint or suggestion they raised on the call (filed through the hotline with the outcome).
 */
export function CallbackOutcomeForm({
  callbackId,
  name,
  topics,
  complaintMaxLength,
  action,
}: {
  callbackId: number;
  name: string;
  topics: { code: string; name: string }[];
  complaintMaxLength: number;
  action: Action;
}) {
  const t = useTranslations('callbacks');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const [followUp, setFollowUp] = useState<(typeof FOLLOW_UPS)[number]>('none');
  const prefix = useId();
  const id = (field: string) => `${prefix}-${field}`;
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={submitKeepingValues(dispatch)} className="space-y-3" aria-label={t('formLabel', { name })}>
      <input type="hidden" name="callbackId" value={callbackId} />
      <fieldset>
        <legend className="text-sm text-gray-700">{t('outcome')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
          {CALLBACK_OUTCOMES.map((value) => (
            <label key={value} className="flex min-h-11 items-center gap-2 text-sm text-gray-900">
              <input type="radio" name="outcome" value={value} required className="accent-brand-600" />
              {t(OUTCOME_LABEL[value])}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id={id('opinion')} name="opinion" label={t('opinion', { max: MAX_OPINION_LENGTH })} error={errors.opinion}>
        <textarea name="opinion" rows={3} maxLength={MAX_OPINION_LENGTH} className={INPUT} {...ariaFor(id('opinion'), errors.opinion)} />
      </Field>
      <fieldset>
        <legend className="text-sm text-gray-700">{t('followUp')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-1">
          {FOLLOW_UPS.map((value) => (
            <label key={value} className="flex min-h-11 items-center gap-2 text-sm text-gray-900">
              <input type="radio" name="followUp" value={value} checked={followUp === value} onChange={() => setFollowUp(value)} className="accent-brand-600" />
              {t(FOLLOW_UP_LABEL[value])}
            </label>
          ))}
        </div>
      </fieldset>
      {followUp !== 'none' ? (
        <div className="space-y-3 rounded-md border border-gray-200 p-3">
          <Field id={id('complaintTopic')} name="complaintTopic" label={t(followUp === 'suggestion' ? 'suggestionTopic' : 'complaintTopic')} error={errors.complaintTopic}>
            <select name="complaintTopic" required defaultValue="" className={INPUT} {...ariaFor(id('complaintTopic'), errors.complaintTopic)}>
              <option value="" disabled>
                {t('chooseTopic')}
              </option>
              {topics.map((topic) => (
                <option key={topic.code} value={topic.code}>
                  {topic.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id={id('complaintBody')} name="complaintBody" label={t(followUp === 'suggestion' ? 'suggestionBody' : 'complaintBody')} error={errors.complaintBody}>
            <textarea name="complaintBody" required rows={3} maxLength={complaintMaxLength} className={INPUT} {...ariaFor(id('complaintBody'), errors.complaintBody, true)} />
          </Field>
        </div>
      ) : null}
      <FormMessage state={summaryOf(state, errors, FIELDS)} testId="callback-message" />
      <Button type="submit" disabled={pending}>
        {t('submit')}
      </Button>
    </form>
  );
}
