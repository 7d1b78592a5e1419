'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';
import { ChoiceSelect } from '@/components/ui/choice-select';

type Option = { code: string; name: string };

/**
 * Creating a channel's API token. The new token comes back in the action's answer and is shown
 * here once, with a copy button: only its hash is stored, so it cannot be shown again.
 */
export function ApiTokenCreateForm({
  action,
  channels,
  scopes,
}: {
  action: (state: FormState, formData: FormData) => Promise<FormState>;
  channels: Option[];
  scopes: Option[];
}) {
  const t = useTranslations('apiTokens');
  const [state, formAction, pending] = useActionState(action, IDLE);
  const id = useId();
  const created = state.status === 'ok' && typeof state.params?.token === 'string' ? { name: String(state.params.name), token: state.params.token } : null;
  const fieldClass = 'mt-1 w-full rounded-md border border-gray-300 px-2 py-2 text-sm';
  return (
    <div className="space-y-4">
      <form action={formAction} className="grid gap-3 sm:grid-cols-[2fr_1fr_1fr_auto] sm:items-end">
        <div>
          <label htmlFor={`${id}-name`} className="block text-sm text-gray-700">
            {t('name')}
          </label>
          <input id={`${id}-name`} name="name" required maxLength={60} placeholder={t('namePlaceholder')} className={fieldClass} />
        </div>
        <ChoiceSelect id={`${id}-channel`} name="channel" label={t('channel')} placeholder={t('chooseChannel')} options={channels} labelClassName="block text-sm text-gray-700" />
        <ChoiceSelect id={`${id}-scope`} name="scope" label={t('scope')} placeholder={t('chooseScope')} options={scopes} labelClassName="block text-sm text-gray-700" />
        <Button type="submit" disabled={pending}>
          {t('create')}
        </Button>
      </form>
      <FormMessage state={state} />
      {created ? <NewToken key={created.token} name={created.name} token={created.token} /> : null}
    </div>
  );
}

function NewToken({ name, token }: { name: string; token: string }) {
  const t = useTranslations('apiTokens');
  const [copied, setCopied] = useState(false);
  const field = useRef<HTMLInputElement>(null);
  const id = useId();
  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
    } catch {
      // The clipboard needs a secure context and permission; selected, the token can be copied by hand.
      field.current?.select();
    }
  }
  return (
    <div role="status" data-testid="new-token" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3">
      <p className="text-sm font-medium text-gray-900">{t('created', { name })}</p>
      <p className="text-sm text-amber-900">{t('showOnce')}</p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={`${id}-token`} className="sr-only">
          {t('tokenLabel')}
        </label>
        <input
          ref={field}
          id={`${id}-token`}
          readOnly
          value={token}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded-md border border-gray-300 bg-white px-2 py-2 font-mono text-sm"
        />
        <Button type="button" variant="secondary" onClick={copy}>
          {copied ? t('copied') : t('copy')}
        </Button>
      </div>
    </div>
  );
}
