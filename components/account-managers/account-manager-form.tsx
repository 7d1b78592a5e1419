'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { INPUT } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** An operator choosing a VIP's account manager among the province's, or none. */
export function AccountManagerForm({ customerId, current, managers, action }: { customerId: number; current: number | null; managers: { id: number; name: string }[]; action: Action }) {
  const t = useTranslations('accountManagers');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <form action={dispatch} className="flex flex-wrap items-end gap-3" aria-label={t('formLabel')}>
      <input type="hidden" name="customerId" value={customerId} />
      <div className="min-w-0 grow sm:grow-0">
        <label htmlFor={id} className="block text-sm text-gray-700">
          {t('manager')}
        </label>
        <select id={id} name="staffId" defaultValue={current ?? ''} className={INPUT}>
          <option value="">{t('none')}</option>
          {managers.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={pending}>
        {t('save')}
      </Button>
      <div className="basis-full">
        <FormMessage state={state} success={state.status === 'ok' ? t(state.code === 'manager_removed' ? 'removed' : 'assigned') : undefined} testId="account-manager" />
      </div>
    </form>
  );
}
