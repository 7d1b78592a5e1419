'use client';

import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';

/**
 * Signs in with one of next-auth's credential providers and, once in, goes where the visitor was
 * headed; a refusal is kept as an error code for the form to translate.
 */
export function useSignIn(returnTo: string | null, initialError: string | null = null) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);
  async function submit(provider: 'member' | 'member-code' | 'staff', credentials: Record<string, string>): Promise<void> {
    setPending(true);
    setError(null);
    const result = await signIn(provider, { redirect: false, ...credentials });
    setPending(false);
    if (!result || result.error) {
      setError(result?.error ?? 'default');
      return;
    }
    router.replace(returnTo ?? '/');
    router.refresh();
  }
  return { error, setError, pending, submit };
}
