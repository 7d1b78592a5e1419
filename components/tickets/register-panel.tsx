'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { IDLE, type FormState } from '@/lib/form-state';
import { FormMessage } from '@/components/ui/form-message';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** What registering will spend, shown for confirmation before anything is charged. */
export interface SpendSummary {
  lines: { label: string; value: string }[];
  refundRule: string;
}

/**
 * The member's "register" button, or "join the waiting list" when the event is full. When
 * registering spends points or money, the first tap opens a summary (what is charged, to which
 * balance, the balance after, the refund rule) and only its confirmation registers. The server
 * decides everything again; its answer is shown below. The key comes fresh with every page view,
 * so a double submit of this form is replayed, not repeated.
 */
export function RegisterPanel({
  eventId,
  idempotencyKey,
  full,
  paymentNote,
  spend,
  action,
}: {
  eventId: number;
  idempotencyKey: string;
  full: boolean;
  paymentNote: string;
  spend: SpendSummary | null;
  action: Action;
}) {
  const t = useTranslations('register');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [confirming, setConfirming] = useState(false);
  const noteId = useId();
  const sheetId = useId();
  const success =
    state.status === 'ok' ? (state.code === 'waitlisted' ? t('waitlisted', { position: state.params?.position ?? 1 }) : t('confirmed')) : undefined;
  const label = t(full ? 'waitlistSubmit' : 'submit');
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {full ? <input type="hidden" name="waitlist" value="true" /> : null}
      <p id={noteId} className="text-sm text-gray-700" data-testid="register-payment">
        {paymentNote}
      </p>
      {spend && confirming ? (
        <section id={sheetId} aria-labelledby={`${sheetId}-title`} className="space-y-3 rounded-lg border border-brand-200 bg-brand-50 p-3" data-testid="register-confirmation">
          <h3 id={`${sheetId}-title`} className="text-sm font-semibold text-gray-900">
            {t('confirm.title')}
          </h3>
          <dl className="space-y-1 text-sm">
            {spend.lines.map((line) => (
              <div key={line.label} className="flex justify-between gap-3">
                <dt className="text-gray-700">{line.label}</dt>
                <dd className="text-right font-medium text-gray-900">{line.value}</dd>
              </div>
            ))}
          </dl>
          <p className="text-xs text-gray-700">{spend.refundRule}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={pending} className="flex-1 sm:flex-none">
              {t('confirm.submit')}
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
              {t('confirm.back')}
            </Button>
          </div>
        </section>
      ) : spend ? (
        <Button type="button" onClick={() => setConfirming(true)} aria-describedby={noteId} className="w-full sm:w-auto">
          {label}
        </Button>
      ) : (
        <Button type="submit" disabled={pending} aria-describedby={noteId} className="w-full sm:w-auto">
          {label}
        </Button>
      )}
      <FormMessage state={state} success={success} testId="register-message" />
    </form>
  );
}
