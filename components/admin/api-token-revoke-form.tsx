'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

/** Revoking a token takes a second, explicit click: the channel's system stops working at once. */
export function ApiTokenRevokeForm({ action, token }: { action: (state: FormState, formData: FormData) => Promise<FormState>; token: { id: number; name: string } }) {
  const t = useTranslations('apiTokens');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const [confirming, setConfirming] = useState(false);
  if (!confirming) {
    return (
      <Button type="button" variant="secondary" onClick={() => setConfirming(true)} aria-label={t('revokeNamed', { name: token.name })}>
        {t('revoke')}
      </Button>
    );
  }
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="tokenId" value={token.id} />
      <p className="text-sm text-red-900">{t('revokeQuestion', { name: token.name })}</p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" variant="danger" disabled={pending}>
          {t('revokeConfirm')}
        </Button>
        <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
          {t('revokeKeep')}
        </Button>
      </div>
      <FormMessage state={state} />
    </form>
  );
}
