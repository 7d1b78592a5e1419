'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { INPUT } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * What an admin does to one account: disable it (after a second, explicit click: the person is
 * signed out at once) or enable it again, and set a new password for someone who forgot theirs.
 */
export function StaffRowActions({
  account,
  setActive,
  resetPassword,
  minPassword,
}: {
  account: { id: number; username: string; active: boolean; self: boolean };
  setActive: Action;
  resetPassword: Action;
  minPassword: number;
}) {
  const t = useTranslations('staffAdmin');
  const [activeState, activeAction, activePending] = useActionState(setActive, IDLE);
  const [passwordState, passwordAction, passwordPending] = useActionState(resetPassword, IDLE);
  const [confirming, setConfirming] = useState(false);
  const [resetting, setResetting] = useState(false);
  const id = useId();
  return (
    <div className="flex min-w-56 flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {account.active && !confirming ? (
          <Button type="button" variant="secondary" disabled={account.self} onClick={() => setConfirming(true)} aria-label={t('disableNamed', { username: account.username })}>
            {t('disable')}
          </Button>
        ) : null}
        {!account.active ? (
          <form action={activeAction}>
            <input type="hidden" name="staffId" value={account.id} />
            <input type="hidden" name="active" value="true" />
            <Button type="submit" variant="secondary" disabled={activePending} aria-label={t('enableNamed', { username: account.username })}>
              {t('enable')}
            </Button>
          </form>
        ) : null}
        {!resetting ? (
          <Button type="button" variant="secondary" onClick={() => setResetting(true)} aria-label={t('resetNamed', { username: account.username })}>
            {t('reset')}
          </Button>
        ) : null}
      </div>
      {account.active && confirming ? (
        <form action={activeAction} className="space-y-2">
          <input type="hidden" name="staffId" value={account.id} />
          <input type="hidden" name="active" value="false" />
          <p className="text-sm text-red-900">{t('disableQuestion', { username: account.username })}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={activePending}>
              {t('disableConfirm')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              {t('keep')}
            </Button>
          </div>
        </form>
      ) : null}
      <FormMessage state={activeState} />
      {resetting ? (
        <form action={passwordAction} className="space-y-2" aria-label={t('resetNamed', { username: account.username })}>
          <input type="hidden" name="staffId" value={account.id} />
          <label htmlFor={`${id}-password`} className="block text-sm text-gray-700">
            {t('newPassword')}
          </label>
          <input id={`${id}-password`} name="password" type="password" required minLength={minPassword} autoComplete="new-password" className={INPUT} />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={passwordPending}>
              {t('resetConfirm')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setResetting(false)}>
              {t('keep')}
            </Button>
          </div>
        </form>
      ) : null}
      <FormMessage state={passwordState} success={t('passwordSet', { username: account.username })} testId="staff-password" />
    </div>
  );
}
