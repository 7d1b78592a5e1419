'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useEffect } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

function shownForm(ids: readonly number[]): FormData {
  const formData = new FormData();
  formData.set('ids', ids.join(','));
  return formData;
}

/**
 * Opening a page of the inbox marks the unread messages it shows (`shownIds`) as read, through
 * `markSeen`, which leaves this view as it is so the new messages stay highlighted while the member
 * reads them. The button marks every message read, on every page, up to the newest (`throughId`),
 * through `markRead`, which refreshes the page.
 */
export function MarkInboxRead({ throughId, shownIds, markSeen, markRead }: { throughId: number; shownIds: number[]; markSeen: Action; markRead: Action }) {
  const t = useTranslations('inbox');
  const [, seen] = useActionState(markSeen, IDLE);
  const [state, read, pending] = useActionState(markRead, IDLE);
  const shown = shownIds.join(',');
  useEffect(() => {
    if (shown) startTransition(() => seen(shownForm(shown.split(',').map(Number))));
  }, [seen, shown]);
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
