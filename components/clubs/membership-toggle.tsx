'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import type { ClubCode } from '@/lib/domain/types';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Join a club in one tap; leave it in two: "leave club" (never the bare "退出" of signing out)
 * opens what leaving means, and a second button confirms. The server decides; its answer is shown
 * beside the button.
 */
export function MembershipToggle({ clubCode, clubName, isMember, join, leave }: { clubCode: ClubCode; clubName: string; isMember: boolean; join: Action; leave: Action }) {
  const t = useTranslations('clubs');
  const [state, action, pending] = useActionState(isMember ? leave : join, IDLE);
  const [confirming, setConfirming] = useState(false);
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="clubCode" value={clubCode} />
      {!isMember ? (
        <Button type="submit" disabled={pending} aria-label={t('joinClub', { club: clubName })}>
          {t('join')}
        </Button>
      ) : confirming ? (
        <div role="group" aria-label={t('leaveClub', { club: clubName })} className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3" data-testid={`club-${clubCode}-leave-confirmation`}>
          <p className="text-sm text-amber-950">{t('leaveMeans', { club: clubName })}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={pending}>
              {t('confirmLeave')}
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setConfirming(false)}>
              {t('stay')}
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)} aria-label={t('leaveClub', { club: clubName })}>
          {t('leave')}
        </Button>
      )}
      <FormMessage
        state={state}
        success={state.status === 'ok' ? t(state.code === 'left' ? 'leftMessage' : 'joinedMessage', { club: clubName }) : undefined}
        testId={`club-${clubCode}-message`}
      />
    </form>
  );
}
