'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { submitKeepingValues } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { IDLE, type FormState } from '@/lib/form-state';
import { FormMessage } from '@/components/ui/form-message';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

const SELECT = 'mt-1 block w-full max-w-full rounded-md border border-gray-300 px-2 py-2 text-sm';

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
      <div className="sm:col-span-2">
        <label htmlFor={`${id}-event`} className="block text-xs text-gray-600">
          {t('event')}
        </label>
        <select id={`${id}-event`} name="eventId" required defaultValue="" className={SELECT}>
          <option value="" disabled>
            {t('chooseEvent')}
          </option>
          {events.map((e) => (
            <option key={e.id} value={e.id}>
              {e.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-channel`} className="block text-xs text-gray-600">
          {t('channel')}
        </label>
        <select id={`${id}-channel`} name="channel" required defaultValue="" className={SELECT}>
          <option value="" disabled>
            {t('chooseChannel')}
          </option>
          {channels.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
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
