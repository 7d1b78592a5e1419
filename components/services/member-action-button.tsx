'use client';

import { useActionState, useState } from 'react';
import { Button, type ButtonVariant } from '@/components/ui/button';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE, type FormState } from '@/lib/form-state';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;

/**
 * One button that posts a few hidden fields, with the server's answer under it. With `confirm`,
 * the first press asks and a second button sends (no browser dialog, which phones handle badly).
 */
export function MemberActionButton({
  action,
  fields,
  label,
  accessibleName,
  variant = 'primary',
  confirm,
  testId,
}: {
  action: Action;
  fields: Record<string, string | number>;
  label: string;
  accessibleName?: string;
  variant?: ButtonVariant;
  confirm?: { prompt: string; yes: string; no: string };
  testId?: string;
}) {
  const [state, send, pending] = useActionState(action, IDLE);
  const [asking, setAsking] = useState(false);
  return (
    <form action={send} className="space-y-2" data-testid={testId}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {confirm && asking ? (
        <div role="group" aria-label={accessibleName ?? label} className="space-y-2 rounded-md border border-red-200 bg-red-50 p-3">
          <p className="text-sm text-red-900">{confirm.prompt}</p>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" variant="danger" disabled={pending}>
              {confirm.yes}
            </Button>
            <Button type="button" variant="secondary" disabled={pending} onClick={() => setAsking(false)}>
              {confirm.no}
            </Button>
          </div>
        </div>
      ) : (
        <Button type={confirm ? 'button' : 'submit'} variant={variant} disabled={pending} aria-label={accessibleName} onClick={confirm ? () => setAsking(true) : undefined}>
          {label}
        </Button>
      )}
      <FormMessage state={state} />
    </form>
  );
}
