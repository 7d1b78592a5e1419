'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { CALLBACK_PERIODS, HQ_SETTINGS, SERVICE_ACCESS_RULES, type HqSettings } from '@/lib/domain/hq-settings';
import { IDLE, type FormState } from '@/lib/form-state';

const INPUT = 'mt-1 rounded-md border border-gray-300 px-2 py-1.5';

/** A labelled field with the plan's section it serves and the default, as the settings page promises. */
function Field({ label, plan, fallback, children, htmlFor }: { label: string; plan: string; fallback: string; children: ReactNode; htmlFor: string }) {
  const t = useTranslations('settings.hq');
  return (
    <div>
      <label htmlFor={htmlFor} className="block text-sm font-medium text-gray-800">
        {label}
      </label>
      {children}
      <p className="mt-1 text-xs text-gray-500">{t('source', { plan, fallback })}</p>
    </div>
  );
}

/** HQ's settings that are numbers or choices: the callbacks, complaint deadlines, VIP rights and the billing cycle. */
export function HqSettingsForm({ action, settings, defaults }: { action: (state: FormState, formData: FormData) => Promise<FormState>; settings: HqSettings; defaults: HqSettings }) {
  const t = useTranslations('settings.hq');
  const ts = useTranslations('segments');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  const number = (name: string, value: number, min: number, max: number) => (
    <input id={`${id}-${name}`} name={name} type="number" inputMode="numeric" min={min} max={max} defaultValue={value} className={`${INPUT} w-24`} />
  );
  const deadlines = [
    ['complaintDeadlineHoursVip', 'postpaid_vip'],
    ['complaintDeadlineHoursPostpaid', 'postpaid'],
    ['complaintDeadlineHoursPrepaid', 'prepaid'],
  ] as const;
  return (
    <form action={formAction} className="space-y-6" aria-label={t('title')}>
      <fieldset className="min-w-0 space-y-3">
        <legend className="text-base font-semibold">{t('callbacks')}</legend>
        <Field label={t('callbackPeriod')} plan={HQ_SETTINGS.callbackPeriod.plan} fallback={t(`period.${defaults.callbackPeriod}`)} htmlFor={`${id}-callbackPeriod`}>
          <select id={`${id}-callbackPeriod`} name="callbackPeriod" defaultValue={settings.callbackPeriod} className={`${INPUT} block max-w-full`}>
            {CALLBACK_PERIODS.map((p) => (
              <option key={p} value={p}>
                {t(`period.${p}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('callbackRetryHours')} plan={HQ_SETTINGS.callbackRetryHours.plan} fallback={String(defaults.callbackRetryHours)} htmlFor={`${id}-callbackRetryHours`}>
          {number('callbackRetryHours', settings.callbackRetryHours, 1, 24 * 14)}
        </Field>
        <Field label={t('callbackMaxAttempts')} plan={HQ_SETTINGS.callbackMaxAttempts.plan} fallback={String(defaults.callbackMaxAttempts)} htmlFor={`${id}-callbackMaxAttempts`}>
          {number('callbackMaxAttempts', settings.callbackMaxAttempts, 1, 10)}
        </Field>
      </fieldset>
      <fieldset className="min-w-0 space-y-3">
        <legend className="text-base font-semibold">{t('complaints')}</legend>
        {deadlines.map(([name, segment]) => (
          <Field key={name} label={t('complaintDeadlineHours', { segment: ts(segment) })} plan={HQ_SETTINGS.complaintDeadlineHours.plan} fallback={String(defaults.complaintDeadlineHours[segment])} htmlFor={`${id}-${name}`}>
            {number(name, settings.complaintDeadlineHours[segment], 1, 24 * 30)}
          </Field>
        ))}
        <Field label={t('complaintConfirmDays')} plan={HQ_SETTINGS.complaintConfirmDays.plan} fallback={String(defaults.complaintConfirmDays)} htmlFor={`${id}-complaintConfirmDays`}>
          {number('complaintConfirmDays', settings.complaintConfirmDays, 1, 60)}
        </Field>
      </fieldset>
      <fieldset className="min-w-0 space-y-3">
        <legend className="text-base font-semibold">{t('vipRights')}</legend>
        <Field label={t('serviceAccess')} plan={HQ_SETTINGS.serviceAccess.plan} fallback={t(`access.${defaults.serviceAccess}`)} htmlFor={`${id}-serviceAccess`}>
          <select id={`${id}-serviceAccess`} name="serviceAccess" defaultValue={settings.serviceAccess} className={`${INPUT} block max-w-full`}>
            {SERVICE_ACCESS_RULES.map((rule) => (
              <option key={rule} value={rule}>
                {t(`access.${rule}`)}
              </option>
            ))}
          </select>
        </Field>
      </fieldset>
      <fieldset className="min-w-0 space-y-3">
        <legend className="text-base font-semibold">{t('billing')}</legend>
        <Field label={t('billingCycleStartDay')} plan={HQ_SETTINGS.billingCycle.plan} fallback={String(defaults.billingCycle.startDay)} htmlFor={`${id}-billingCycleStartDay`}>
          {number('billingCycleStartDay', settings.billingCycle.startDay, 1, 28)}
        </Field>
      </fieldset>
      <Button type="submit" disabled={pending}>
        {t('save')}
      </Button>
      <FormMessage state={state} success={t('saved')} />
    </form>
  );
}
