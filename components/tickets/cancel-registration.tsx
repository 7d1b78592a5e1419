'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { IDLE, type FormState } from '@/lib/form-state';
import { FormMessage } from '@/components/ui/form-message';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Cancelling a registration in two steps: the button asks, a second button confirms (no browser
 * dialog, which phones and tests handle badly). The refund is the server's to decide and report.
 */
export function CancelRegistration({ registrationId, idempotencyKey, eventTitle, action }: { registrationId: number; idempotencyKey: string; eventTitle: string; action: Action }) {
  const t = useTranslations('tickets');
  const [confirming, setConfirming] = useState(false);
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="registrationId" value={registrationId} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {confirming ? (
        <div role="group" aria-label={t('cancelFor', { event: eventTitle })} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3" data-testid="cancel-confirmation">
          <p className="text-sm text-red-900">{t('confirmPrompt')}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={pending}>
              {t('confirmCancel')}
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
              {t('keep')}
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)} aria-label={t('cancelFor', { event: eventTitle })}>
          {t('cancel')}
        </Button>
      )}
      <FormMessage state={state} success={t(state.status === 'ok' && state.params?.refunded ? 'cancelledRefunded' : 'cancelled')} testId="cancel-message" />
    </form>
  );
}
