'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import type { ClubCode } from '@/lib/domain/types';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** Join or leave one club; the server decides, the answer is shown beside the button. */
export function MembershipToggle({ clubCode, clubName, isMember, join, leave }: { clubCode: ClubCode; clubName: string; isMember: boolean; join: Action; leave: Action }) {
  const t = useTranslations('clubs');
  const [state, action, pending] = useActionState(isMember ? leave : join, IDLE);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="clubCode" value={clubCode} />
      <Button type="submit" variant={isMember ? 'secondary' : 'primary'} disabled={pending} aria-label={t(isMember ? 'leaveClub' : 'joinClub', { club: clubName })}>
        {t(isMember ? 'leave' : 'join')}
      </Button>
      <FormMessage
        state={state}
        success={state.status === 'ok' ? t(state.code === 'left' ? 'leftMessage' : 'joinedMessage', { club: clubName }) : undefined}
        testId={`club-${clubCode}-message`}
      />
    </form>
  );
}
