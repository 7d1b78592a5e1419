'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

export function ClubSettingsForm({
  action,
  club,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  club: { code: string; name: string; minEventsPerYear: number };
}) {
  const t = useTranslations('settings');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <form action={formAction} className="space-y-3" aria-label={club.name}>
      <input type="hidden" name="clubCode" value={club.code} />
      <div>
        <label htmlFor={`${id}-min`} className="block text-sm text-gray-700">
          {t('minEvents')}
        </label>
        <input
          id={`${id}-min`}
          name="minEventsPerYear"
          type="number"
          min={0}
          max={100}
          defaultValue={club.minEventsPerYear}
          className="mt-1 w-24 rounded-md border border-gray-300 px-2 py-1.5"
        />
      </div>
      <Button type="submit" disabled={pending}>
        {t('save')}
      </Button>
      <FormMessage state={state} success={t('saved')} />
    </form>
  );
}
