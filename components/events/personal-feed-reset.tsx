'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

/** Resetting the personal feed's URL, after saying what it does: every app subscribed to the old one loses it. */
export function PersonalFeedReset({ action }: { action: (state: FormState, formData: FormData) => Promise<FormState> }) {
  const t = useTranslations('calendarFeeds');
  const [confirming, setConfirming] = useState(false);
  const [state, formAction, pending] = useActionState(async (previous: FormState, formData: FormData) => {
    const next = await action(previous, formData);
    setConfirming(false);
    return next;
  }, IDLE);
  return (
    <div className="mt-3 space-y-2">
      <p className="text-sm text-gray-600">{t('personalPrivate')}</p>
      {confirming ? (
        <form action={formAction} className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3">
          <p className="text-sm text-amber-900">{t('resetWarning')}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={pending}>
              {t('resetConfirm')}
            </Button>
            <Button type="button" variant="ghost" onClick={() => setConfirming(false)}>
              {t('resetCancel')}
            </Button>
          </div>
        </form>
      ) : (
        <button type="button" className="min-h-10 text-sm text-brand-700 underline underline-offset-2" onClick={() => setConfirming(true)}>
          {t('reset')}
        </button>
      )}
      <FormMessage state={state} success={t('resetDone')} testId="feed-reset" />
    </div>
  );
}
