'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * "Remind me when registration opens", offered where registration is not open to the member yet:
 * the scheduler tells them by SMS and in the app when it opens to them. Once set, it says so and
 * can be taken back.
 */
export function OpeningReminder({ eventId, reminded, remind, forget }: { eventId: number; reminded: boolean; remind: Action; forget: Action }) {
  const t = useTranslations('register.remind');
  const [state, action, pending] = useActionState(reminded ? forget : remind, IDLE);
  return (
    <form action={action} className="mt-3 space-y-2" data-testid="opening-reminder">
      <input type="hidden" name="eventId" value={eventId} />
      {reminded ? (
        <>
          <p className="text-sm text-gray-700" data-testid="opening-reminder-set">
            {t('set')}
          </p>
          <Button type="submit" variant="secondary" disabled={pending}>
            {t('cancel')}
          </Button>
        </>
      ) : (
        <Button type="submit" variant="secondary" disabled={pending} className="w-full sm:w-auto">
          {t('submit')}
        </Button>
      )}
      <FormMessage state={state} success={state.status === 'ok' && state.code === 'forgotten' ? t('cancelled') : undefined} testId="opening-reminder-message" />
    </form>
  );
}
