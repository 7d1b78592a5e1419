'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { submitKeepingValues } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { IDLE, type FormState } from '@/lib/form-state';
import { FormMessage } from '@/components/ui/form-message';
import { ChoiceSelect } from '@/components/ui/choice-select';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;


/**
 * Staff registering a customer for an event, naming the channel the customer asked through. The
 * choices stay as they were when the server refuses, so the operator can correct and resend.
 */
export function RegisterForCustomerForm({
  customerId,
  idempotencyKey,
  events,
  channels,
  action,
}: {
  customerId: number;
  idempotencyKey: string;
  events: { id: number; label: string }[];
  channels: { code: string; name: string }[];
  action: Action;
}) {
  const t = useTranslations('register.staff');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  const success =
    state.status === 'ok' ? (state.code === 'waitlisted' ? t('waitlisted', { position: state.params?.position ?? 1 }) : t('confirmed')) : undefined;
  return (
    <form action={formAction} onSubmit={submitKeepingValues(formAction)} className="grid gap-3 sm:grid-cols-2" aria-label={t('title')}>
      <input type="hidden" name="customerId" value={customerId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <ChoiceSelect
        id={`${id}-event`}
        name="eventId"
        label={t('event')}
        placeholder={t('chooseEvent')}
        options={events.map((e) => ({ code: e.id, name: e.label }))}
        className="sm:col-span-2"
      />
      <ChoiceSelect id={`${id}-channel`} name="channel" label={t('channel')} placeholder={t('chooseChannel')} options={channels} />
      <label className="flex items-center gap-2 self-end py-2 text-sm">
        <input type="checkbox" name="waitlist" value="true" />
        {t('waitlist')}
      </label>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {t('submit')}
        </Button>
      </div>
      <div className="sm:col-span-2">
        <FormMessage state={state} success={success} testId="staff-register-message" />
      </div>
    </form>
  );
}
