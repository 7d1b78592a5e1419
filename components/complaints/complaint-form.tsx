'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { ariaFor, Field, fieldErrorsOf, INPUT, submitKeepingValues, summaryOf, useKeyAfterSuccess } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const FIELDS = ['kind', 'topic', 'body', 'channel'] as const;

/**
 * A complaint or a suggestion: its kind, topic and what happened. Members write their own; an operator takes one down for
 * a customer (`forCustomer`), naming the channel it came through. The form empties once it is sent.
 */
export function ComplaintForm({
  topics,
  maxLength,
  action,
  forCustomer,
}: {
  topics: { code: string; name: string }[];
  maxLength: number;
  action: Action;
  forCustomer?: { customerId: number; channels: { code: string; name: string }[]; idempotencyKey: string };
}) {
  const t = useTranslations('complaints');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const prefix = useId();
  const id = (name: string) => `${prefix}-${name}`;
  const errors = fieldErrorsOf(state);
  const formKey = useKeyAfterSuccess(state);
  return (
    <form key={formKey} onSubmit={submitKeepingValues(dispatch)} aria-label={t(forCustomer ? 'staff.formLabel' : 'formLabel')} className="space-y-3">
      {forCustomer ? (
        <>
          <input type="hidden" name="customerId" value={forCustomer.customerId} />
          <input type="hidden" name="idempotencyKey" value={forCustomer.idempotencyKey} />
          <Field id={id('channel')} name="channel" label={t('staff.channel')} error={errors.channel}>
            <select name="channel" required defaultValue="" className={INPUT} {...ariaFor(id('channel'), errors.channel)}>
              <option value="" disabled>
                {t('staff.chooseChannel')}
              </option>
              {forCustomer.channels.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
        </>
      ) : null}
      <fieldset>
        <legend className="text-sm font-medium text-gray-800">{t('kind')}</legend>
        <div className="mt-1 flex flex-wrap gap-x-6 gap-y-2">
          {(['complaint', 'suggestion'] as const).map((kind) => (
            <label key={kind} className="flex items-center gap-2 text-sm text-gray-900">
              <input type="radio" name="kind" value={kind} defaultChecked={kind === 'complaint'} className="accent-brand-600" />
              {t(`kinds.${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field id={id('topic')} name="topic" label={t('topic')} error={errors.topic}>
        <select name="topic" required defaultValue="" className={INPUT} {...ariaFor(id('topic'), errors.topic)}>
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
      <Field id={id('body')} name="body" label={t('body')} hint={t(forCustomer ? 'staff.bodyHint' : 'bodyHint')} error={errors.body}>
        <textarea name="body" required rows={5} maxLength={maxLength} className={INPUT} {...ariaFor(id('body'), errors.body, true)} />
      </Field>
      <FormMessage state={summaryOf(state, errors, FIELDS)} success={t(forCustomer ? 'staff.sent' : 'sent')} testId="complaint" />
      <Button type="submit" disabled={pending}>
        {t(forCustomer ? 'staff.send' : 'send')}
      </Button>
    </form>
  );
}

/** The owner's answer (the customer gets it by SMS and in the app), or a suggestion's acknowledgement, whose words are optional. */
export function ComplaintReplyForm({ complaintId, maxLength, action, suggestion = false }: { complaintId: number; maxLength: number; action: Action; suggestion?: boolean }) {
  const t = useTranslations('opsComplaints');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const id = useId();
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={submitKeepingValues(dispatch)} aria-label={t('replyLabel')} className="space-y-2">
      <input type="hidden" name="complaintId" value={complaintId} />
      <Field id={id} name="reply" label={t(suggestion ? 'acknowledgement' : 'reply')} hint={t(suggestion ? 'acknowledgementHint' : 'replyHint')} error={errors.reply}>
        <textarea name="reply" required={!suggestion} rows={3} maxLength={maxLength} className={INPUT} {...ariaFor(id, errors.reply, true)} />
      </Field>
      <FormMessage state={summaryOf(state, errors, ['reply'])} />
      <Button type="submit" disabled={pending}>
        {t(suggestion ? 'acknowledge' : 'resolve')}
      </Button>
    </form>
  );
}
