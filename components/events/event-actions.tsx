'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { EventStatus } from '@/lib/domain/types';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Publishing a draft, and cancelling a draft or published event. Cancelling takes a second,
 * explicit click: only the confirmation button sends confirm=yes, which the action requires.
 */
export function EventActions({ eventId, status, publishAction, cancelAction }: { eventId: number; status: EventStatus; publishAction: Action; cancelAction: Action }) {
  const t = useTranslations('opsEvents');
  const [published, publish, publishing] = useActionState(publishAction, IDLE);
  const [cancelled, cancel, cancelling] = useActionState(cancelAction, IDLE);
  const [confirming, setConfirming] = useState(false);
  const cancellable = status === 'draft' || status === 'published';

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-start gap-3">
        {status === 'draft' ? (
          <form action={publish}>
            <input type="hidden" name="eventId" value={eventId} />
            <Button type="submit" disabled={publishing}>
              {t('publish')}
            </Button>
          </form>
        ) : null}
        {cancellable && !confirming ? (
          <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
            {t('cancel')}
          </Button>
        ) : null}
      </div>
      {cancellable && confirming ? (
        <form action={cancel} className="space-y-3 rounded-md border border-red-200 bg-red-50 p-3" data-testid="cancel-confirmation">
          <input type="hidden" name="eventId" value={eventId} />
          <p className="text-sm text-red-900">{t('cancelQuestion')}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" name="confirm" value="yes" variant="danger" disabled={cancelling}>
              {t('cancelConfirm')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              {t('cancelKeep')}
            </Button>
          </div>
        </form>
      ) : null}
      <FormMessage state={published} success={t('published')} testId="publish-message" />
      <FormMessage state={cancelled} success={t('cancelled', { count: cancelled.status === 'ok' ? (cancelled.params?.count ?? 0) : 0 })} testId="cancel-message" />
    </div>
  );
}
