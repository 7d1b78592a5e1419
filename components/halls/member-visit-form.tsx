'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { INPUT } from '@/components/events/ops-event-fields';
import { VISIT_PURPOSES } from '@/lib/domain/hall-visits';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/** The member at the hall says what they came for and takes their place in its line. */
export function MemberVisitForm({ code, action }: { code: string; action: Action }) {
  const t = useTranslations('hallVisit');
  const tq = useTranslations('hallQueue');
  const [state, send, pending] = useActionState(action, IDLE);
  const id = useId();
  return (
    <form action={send} className="space-y-3">
      <input type="hidden" name="code" value={code} />
      <div>
        <label htmlFor={id} className="block text-sm font-medium text-gray-800">
          {t('purpose')}
        </label>
        <select id={id} name="purpose" defaultValue="enquiry" className={INPUT}>
          {VISIT_PURPOSES.filter((p) => p !== 'service_booking').map((p) => (
            <option key={p} value={p}>
              {tq(`purposes.${p}`)}
            </option>
          ))}
        </select>
      </div>
      <FormMessage state={state} />
      <Button type="submit" disabled={pending} className="w-full">
        {t('takePlace')}
      </Button>
    </form>
  );
}
