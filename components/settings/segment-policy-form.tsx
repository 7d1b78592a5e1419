'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { submitKeepingValues } from '@/components/events/ops-event-fields';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import type { SegmentPolicyRow } from '@/lib/domain/segment-policy';
import { CLUB_CODES, type ClubCode } from '@/lib/domain/types';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * The segment policy as one matrix (附表1): a row per segment; which clubs it may join, whether it
 * earns points and whether it may pay in them. The one place where either is edited.
 */
export function SegmentPolicyForm({ action, rows, clubNames }: { action: Action; rows: SegmentPolicyRow[]; clubNames: Record<ClubCode, string> }) {
  const t = useTranslations('settings.segmentPolicy');
  const ts = useTranslations('segments');
  const [state, dispatch, pending] = useActionState(action, IDLE);
  const box = (name: string, value: string, checked: boolean, label: string) => (
    <td className="px-2 py-2 text-center">
      <input type="checkbox" name={name} value={value} defaultChecked={checked} aria-label={label} className="size-5" />
    </td>
  );
  return (
    <form onSubmit={submitKeepingValues(dispatch)} aria-label={t('label')} className="space-y-3">
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="segment-policy">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="bg-gray-50">
            <tr>
              <th scope="col" className="px-2 py-2 text-left font-medium">
                {t('segment')}
              </th>
              {CLUB_CODES.map((c) => (
                <th key={c} scope="col" className="px-2 py-2 text-center font-medium whitespace-nowrap">
                  {t('joins', { club: clubNames[c] })}
                </th>
              ))}
              <th scope="col" className="px-2 py-2 text-center font-medium whitespace-nowrap">
                {t('earn')}
              </th>
              <th scope="col" className="px-2 py-2 text-center font-medium whitespace-nowrap">
                {t('pay')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {rows.map((r) => {
              const segment = ts(r.segment);
              return (
                <tr key={r.segment}>
                  <th scope="row" className="px-2 py-2 text-left font-medium whitespace-nowrap">
                    {segment}
                  </th>
                  {CLUB_CODES.map((c) => box(`join_${c}[]`, r.segment, r.clubs[c], t('joinsLabel', { segment, club: clubNames[c] })))}
                  {box('earn[]', r.segment, r.earn, t('earnLabel', { segment }))}
                  {box('pay[]', r.segment, r.pay, t('payLabel', { segment }))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="text-xs text-gray-600">{t('hint')}</p>
      <FormMessage state={state} success={t('saved')} />
      <Button type="submit" disabled={pending}>
        {t('save')}
      </Button>
    </form>
  );
}
