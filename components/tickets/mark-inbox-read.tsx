'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

function throughForm(throughId: number): FormData {
  const formData = new FormData();
  formData.set('throughId', String(throughId));
  return formData;
}

/**
 * Opening the inbox marks what it shows as read, through `markSeen`, which leaves this view as it
 * is so the new messages stay highlighted while the member reads them. The button marks them read
 * through `markRead`, which refreshes the page.
 */
export function MarkInboxRead({ throughId, markSeen, markRead }: { throughId: number; markSeen: Action; markRead: Action }) {
  const t = useTranslations('inbox');
  const [, seen] = useActionState(markSeen, IDLE);
  const [state, read, pending] = useActionState(markRead, IDLE);
  useEffect(() => {
    startTransition(() => seen(throughForm(throughId)));
  }, [seen, throughId]);
  return (
    <form action={read} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="throughId" value={throughId} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {t('markAllRead')}
      </Button>
      <FormMessage state={state} success={t('marked')} testId="inbox-mark-message" />
    </form>
  );
}
