'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { submitKeepingValues } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import { MAX_ADDRESS_LENGTH } from '@/lib/validation/services';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * An account manager books a handset service slot for their VIP (预约维修, 手机清洗 …), naming the
 * channel the VIP asked through; an on-site repair needs the address. The choices stay when the
 * server refuses (the VIP window, points, a booking already held), so the manager can pick again.
 */
export function BookForVipForm({ customerId, slots, channels, action }: { customerId: number; slots: { id: number; label: string }[]; channels: { code: string; name: string }[]; action: Action }) {
  const t = useTranslations('myVips.book');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <form action={formAction} onSubmit={submitKeepingValues(formAction)} className="grid gap-3 sm:grid-cols-2" aria-label={t('title')}>
      <input type="hidden" name="customerId" value={customerId} />
      <ChoiceSelect id={`${id}-slot`} name="slotId" label={t('slot')} placeholder={t('chooseSlot')} options={slots.map((s) => ({ code: s.id, name: s.label }))} className="sm:col-span-2" />
      <ChoiceSelect id={`${id}-channel`} name="channel" label={t('channel')} placeholder={t('chooseChannel')} options={channels} />
      <div>
        <label htmlFor={`${id}-address`} className="block text-xs text-gray-600">
          {t('address')}
        </label>
        <input id={`${id}-address`} name="address" maxLength={MAX_ADDRESS_LENGTH} className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-2 text-sm" />
      </div>
      <div className="sm:col-span-2">
        <Button type="submit" disabled={pending}>
          {t('submit')}
        </Button>
      </div>
      <div className="sm:col-span-2">
        <FormMessage state={state} success={t('booked')} testId="vip-book-message" />
      </div>
    </form>
  );
}
