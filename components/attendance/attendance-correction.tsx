'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Flips one row of a completed event's attendance; the server keeps the audit trail. */
export function AttendanceCorrection({ eventId, registrationId, attended, name, action }: { eventId: number; registrationId: number; attended: boolean; name: string; action: Action }) {
  const t = useTranslations('attendance');
  const [state, correct, pending] = useActionState(action, IDLE);
  return (
    <form action={correct} className="flex flex-col items-start gap-1">
      <input type="hidden" name="eventId" value={eventId} />
      <input type="hidden" name="registrationId" value={registrationId} />
      <input type="hidden" name="attended" value={String(!attended)} />
      <Button type="submit" variant="secondary" className="whitespace-nowrap" disabled={pending} aria-label={t(attended ? 'markNoShowFor' : 'markAttendedFor', { name })}>
        {t(attended ? 'markNoShow' : 'markAttended')}
      </Button>
      <FormMessage state={state} success={state.status === 'ok' ? t(state.code === 'marked_attended' ? 'markedAttended' : 'markedNoShow') : undefined} testId="correction-message" />
    </form>
  );
}
