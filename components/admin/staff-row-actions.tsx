'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useState } from 'react';
import { INPUT, fieldErrorsOf, submitKeepingValues, summaryOf } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { ClubCode, StaffRole } from '@/lib/domain/types';
import { IDLE, type FormState } from '@/lib/form-state';
import { STAFF_PLACED, StaffScopeFields, type Option } from './staff-scope-fields';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

interface Account {
  id: number;
  username: string;
  displayName: string;
  role: StaffRole;
  provinceCode: string | null;
  clubCodes: ClubCode[];
  active: boolean;
  /** The admin looking at the page. */
  self: boolean;
}

/**
 * What an admin does to one account: change its name, role or scope; disable it (after a second,
 * explicit click: the person is signed out at once) or enable it again; set a new password for
 * someone who forgot theirs.
 */
export function StaffRowActions({
  account,
  update,
  setActive,
  resetPassword,
  provinces,
  clubs,
  minPassword,
}: {
  account: Account;
  update: Action;
  setActive: Action;
  resetPassword: Action;
  provinces: Option[];
  clubs: { code: ClubCode; name: string }[];
  minPassword: number;
}) {
  const t = useTranslations('staffAdmin');
  const [activeState, activeAction, activePending] = useActionState(setActive, IDLE);
  const [passwordState, passwordAction, passwordPending] = useActionState(resetPassword, IDLE);
  const [confirming, setConfirming] = useState(false);
  const [resetting, setResetting] = useState(false);
  const [editing, setEditing] = useState(false);
  const id = useId();
  return (
    <div className="flex min-w-56 flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {!editing ? (
          <Button type="button" variant="secondary" onClick={() => setEditing(true)} aria-label={t('editNamed', { username: account.username })}>
            {t('edit')}
          </Button>
        ) : null}
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
      {editing ? <StaffEditForm account={account} action={update} provinces={provinces} clubs={clubs} onClose={() => setEditing(false)} /> : null}
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

function StaffEditForm({ account, action, provinces, clubs, onClose }: { account: Account; action: Action; provinces: Option[]; clubs: { code: ClubCode; name: string }[]; onClose: () => void }) {
  const t = useTranslations('staffAdmin');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const [role, setRole] = useState(account.role);
  const base = useId();
  const id = (name: string) => `${base}-${name}`;
  const errors = fieldErrorsOf(state);
  return (
    <form onSubmit={submitKeepingValues(dispatch)} aria-label={t('editNamed', { username: account.username })} className="w-[28rem] max-w-full space-y-3 rounded-md border border-gray-200 p-3">
      <input type="hidden" name="staffId" value={account.id} />
      <StaffScopeFields id={id} errors={errors} provinces={provinces} clubs={clubs} role={role} onRole={setRole} values={account} />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>
          {t('save')}
        </Button>
        <Button type="button" variant="secondary" onClick={onClose}>
          {t('keep')}
        </Button>
      </div>
      <FormMessage state={summaryOf(state, errors, STAFF_PLACED)} success={t('saved', { username: account.username })} testId="staff-edit" />
    </form>
  );
}
