'use client';

import { useFormatter } from 'next-intl';
import { FormMessage } from '@/components/ui/form-message';
import type { FormState } from '@/lib/form-state';
import { OPENS_AT_FORMAT } from './formats';

/**
 * The answer of a registering or cancelling action. Refusals carry raw values (an instant in ms,
 * amounts in fen) that the shared FormMessage would print as they are: they are written here as a
 * Beijing date-time and in yuan, in the reader's language, before the message is translated.
 */
export function RegistrationMessage({ state, success, testId }: { state: FormState; success?: string; testId?: string }) {
  const format = useFormatter();
  let shown = state;
  if (state.status === 'error' && state.params) {
    const params = { ...state.params };
    if (typeof params.opensAt === 'number') params.opensAt = format.dateTime(new Date(params.opensAt), OPENS_AT_FORMAT);
    if (state.code === 'insufficient_balance') {
      for (const key of ['needed', 'balance'] as const) {
        const fen = params[key];
        if (typeof fen === 'number') params[key] = format.number(fen / 100, { style: 'currency', currency: 'CNY' });
      }
    }
    shown = { ...state, params };
  }
  return <FormMessage state={shown} success={success} testId={testId} />;
}
