'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { OPENS_AT_FORMAT } from '@/components/tickets/formats';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Closing an event once it has ended, after an explicit second click: only the confirmation button
 * sends confirm=yes, which the action requires. Before the end the button is shown disabled with
 * the time it becomes available. It stays mounted after closing, so its answer (how many came) is
 * still shown when the page comes back with the completed event.
 */
export function CloseEventPanel({
  eventId,
  open,
  ended,
  endsAt,
  unchecked,
  action,
}: {
  eventId: number;
  /** Published, so not yet closed. */
  open: boolean;
  ended: boolean;
  endsAt: number;
  /** Confirmed tickets not checked in: they become no-shows. */
  unchecked: number;
  action: Action;
}) {
  const t = useTranslations('attendance');
  const format = useFormatter();
  const [state, close, closing] = useActionState(action, IDLE);
  const [confirming, setConfirming] = useState(false);
  const noteId = useId();
  const endsAtText = format.dateTime(new Date(endsAt), OPENS_AT_FORMAT);

  return (
    <div className="space-y-3">
      {open && !ended ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" variant="secondary" disabled aria-describedby={noteId}>
            {t('close')}
          </Button>
          <p id={noteId} className="text-sm text-gray-700" data-testid="close-not-yet">
            {t('closeNotYet', { endsAt: endsAtText })}
          </p>
        </div>
      ) : null}
      {open && ended && !confirming ? (
        <div className="flex flex-wrap items-center gap-3">
          <Button type="button" onClick={() => setConfirming(true)}>
            {t('close')}
          </Button>
          <p className="text-sm text-gray-700">{t('closeHint')}</p>
        </div>
      ) : null}
      {open && ended && confirming ? (
        <form action={close} className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="close-confirmation">
          <input type="hidden" name="eventId" value={eventId} />
          <p className="text-sm text-amber-950">{t('closeQuestion', { count: unchecked })}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" name="confirm" value="yes" disabled={closing}>
              {t('closeConfirm')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              {t('closeKeep')}
            </Button>
          </div>
        </form>
      ) : null}
      <FormMessage
        state={state}
        success={state.status === 'ok' ? t('closed', { attended: state.params?.attended ?? 0, noShows: state.params?.noShows ?? 0 }) : undefined}
        testId="close-message"
      />
    </div>
  );
}
