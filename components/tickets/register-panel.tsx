'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Button } from '@/components/ui/button';
import { IDLE, type FormState } from '@/lib/form-state';
import { FormMessage } from '@/components/ui/form-message';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * The member's "register" button, or "join the waiting list" when the event looks full. The server
 * decides everything (window, VIP priority, points, seats); its answer is shown below the button.
 * The key comes fresh with every page view, so a double submit of this form is replayed, not repeated.
 */
export function RegisterPanel({ eventId, idempotencyKey, full, paymentNote, action }: { eventId: number; idempotencyKey: string; full: boolean; paymentNote: string; action: Action }) {
  const t = useTranslations('register');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const noteId = useId();
  const success =
    state.status === 'ok' ? (state.code === 'waitlisted' ? t('waitlisted', { position: state.params?.position ?? 1 }) : t('confirmed')) : undefined;
  return (
    <form action={formAction} className="space-y-3">
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {full ? <input type="hidden" name="waitlist" value="true" /> : null}
      <p id={noteId} className="text-sm text-gray-700" data-testid="register-payment">
        {paymentNote}
      </p>
      <Button type="submit" disabled={pending} aria-describedby={noteId} className="w-full sm:w-auto">
        {t(full ? 'waitlistSubmit' : 'submit')}
      </Button>
      <FormMessage state={state} success={success} testId="register-message" />
    </form>
  );
}
