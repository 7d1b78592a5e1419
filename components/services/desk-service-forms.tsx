'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, type ReactNode } from 'react';
import { submitKeepingValues } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { ChoiceSelect } from '@/components/ui/choice-select';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import { MAX_ADDRESS_LENGTH, MAX_PROBLEM_LENGTH } from '@/lib/validation/services';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
type Option = { code: string | number; name: string };

/**
 * One of the desk's forms for a customer: the customer, the page view's key (a double submit is
 * answered once) and the channel the customer came through, around the form's own fields. The
 * choices stay when the server refuses, so that the operator can pick again.
 */
function DeskForm({
  title,
  customerId,
  idempotencyKey,
  channels,
  action,
  submit,
  success,
  testId,
  empty,
  children,
}: {
  title: string;
  customerId: number;
  idempotencyKey: string;
  channels: Option[];
  action: Action;
  submit: string;
  success: string;
  testId: string;
  /** Said instead of the fields when there is nothing to choose; the form stays, and with it the answer to its last submit. */
  empty?: string;
  children: ReactNode;
}) {
  const t = useTranslations('deskServices');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <form action={formAction} onSubmit={submitKeepingValues(formAction)} className="grid gap-3 sm:grid-cols-2" aria-label={title}>
      {empty ? (
        <p className="text-sm text-gray-600 sm:col-span-2">{empty}</p>
      ) : (
        <>
          <input type="hidden" name="customerId" value={customerId} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          {children}
          <ChoiceSelect id={`${id}-channel`} name="channel" label={t('channel')} placeholder={t('chooseChannel')} options={channels} />
          <div className="sm:col-span-2">
            <Button type="submit" disabled={pending}>
              {submit}
            </Button>
          </div>
        </>
      )}
      <div className="sm:col-span-2">
        <FormMessage state={state} success={success} testId={testId} />
      </div>
    </form>
  );
}

type Common = { customerId: number; idempotencyKey: string; channels: Option[]; action: Action; empty?: string };

/** A handset service slot the customer may take now; an on-site repair takes the address. */
export function DeskBookingForm({ slots, ...common }: Common & { slots: Option[] }) {
  const t = useTranslations('deskServices.book');
  const id = useId();
  return (
    <DeskForm {...common} title={t('title')} submit={t('submit')} success={t('booked')} testId="desk-book-message">
      <ChoiceSelect id={`${id}-slot`} name="slotId" label={t('slot')} placeholder={t('chooseSlot')} options={slots} className="sm:col-span-2" />
      <div>
        <label htmlFor={`${id}-address`} className="block text-xs text-gray-600">
          {t('address')}
        </label>
        <input id={`${id}-address`} name="address" maxLength={MAX_ADDRESS_LENGTH} className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-2 text-sm" />
      </div>
      <div>
        <label htmlFor={`${id}-description`} className="block text-xs text-gray-600">
          {t('description')}
        </label>
        <input id={`${id}-description`} name="description" maxLength={MAX_PROBLEM_LENGTH} className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-2 text-sm" />
      </div>
    </DeskForm>
  );
}

/** A trial (new handset or new service) the customer may apply for now. */
export function DeskTrialForm({ programmes, ...common }: Common & { programmes: Option[] }) {
  const t = useTranslations('deskServices.trial');
  const id = useId();
  return (
    <DeskForm {...common} title={t('title')} submit={t('submit')} success={t('applied')} testId="desk-trial-message">
      <ChoiceSelect id={`${id}-programme`} name="programmeId" label={t('programme')} placeholder={t('chooseProgramme')} options={programmes} className="sm:col-span-2" />
    </DeskForm>
  );
}

/** A loaner from the province's shelf while one of the customer's repairs is open, until a Beijing day. */
export function DeskLoanerForm({ repairs, phones, dueDate, ...common }: Common & { repairs: Option[]; phones: Option[]; dueDate: string }) {
  const t = useTranslations('deskServices.loan');
  const id = useId();
  return (
    <DeskForm {...common} title={t('title')} submit={t('submit')} success={t('lent')} testId="desk-loan-message">
      <ChoiceSelect id={`${id}-repair`} name="bookingId" label={t('repair')} placeholder={t('chooseRepair')} options={repairs} className="sm:col-span-2" />
      <ChoiceSelect id={`${id}-loaner`} name="loanerId" label={t('loaner')} placeholder={t('chooseLoaner')} options={phones} className="sm:col-span-2" />
      <div>
        <label htmlFor={`${id}-due`} className="block text-xs text-gray-600">
          {t('dueDate')}
        </label>
        <input id={`${id}-due`} name="dueDate" type="date" required defaultValue={dueDate} className="mt-1 block w-full rounded-md border border-gray-300 px-2 py-2 text-sm" />
      </div>
    </DeskForm>
  );
}
