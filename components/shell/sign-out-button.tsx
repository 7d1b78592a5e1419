'use client';

import { useActionState } from 'react';
import { signOutAction } from '@/app/signin/actions';
import { FormMessage } from '@/components/ui/form-message';
import { IDLE } from '@/lib/form-state';

export function SignOutButton({ label }: { label: string }) {
  const [state, signOut, pending] = useActionState(signOutAction, IDLE);
  return (
    <form action={signOut}>
      <button type="submit" disabled={pending} className="rounded-md px-3 py-2 text-sm text-gray-700 hover:bg-gray-100">
        {label}
      </button>
      <FormMessage state={state} />
    </form>
  );
}
