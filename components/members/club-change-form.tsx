'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import { ChoiceSelect } from '@/components/ui/choice-select';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * Staff enrolling a customer in a club (a club to choose) or withdrawing them from one (the club
 * fixed), always naming the channel through which the customer asked.
 */
export function ClubChangeForm({
  action,
  customerId,
  clubs,
  channels,
  mode,
}: {
  action: Action;
  customerId: number;
  clubs: { code: string; name: string }[];
  channels: { code: string; name: string }[];
  mode: 'enroll' | 'withdraw';
}) {
  const t = useTranslations('customerRecord');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  const fixedClub = mode === 'withdraw' ? clubs[0] : undefined;
  const label = fixedClub ? t('withdrawFrom', { club: fixedClub.name }) : t('enrollTitle');
  return (
    <form action={formAction} aria-label={label} className="flex flex-wrap items-end gap-2">
      <input type="hidden" name="customerId" value={customerId} />
      {fixedClub ? (
        <input type="hidden" name="clubCode" value={fixedClub.code} />
      ) : (
        <div>
          <label htmlFor={`${id}-club`} className="block text-xs text-gray-600">
            {t('club')}
          </label>
          <select id={`${id}-club`} name="clubCode" className="mt-1 rounded-md border border-gray-300 px-2 py-2 text-sm" required>
            {clubs.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <ChoiceSelect id={`${id}-channel`} name="channel" label={t('channel')} placeholder={t('chooseChannel')} options={channels} />
      <Button type="submit" variant={mode === 'enroll' ? 'primary' : 'secondary'} disabled={pending} aria-label={fixedClub ? label : undefined}>
        {t(mode)}
      </Button>
      <div className="w-full">
        <FormMessage state={state} success={state.status === 'ok' ? t(mode === 'enroll' ? 'enrolledMessage' : 'withdrawnMessage') : undefined} />
      </div>
    </form>
  );
}
