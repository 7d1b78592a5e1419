'use client';

import { signOut } from 'next-auth/react';

export function SignOutButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => void signOut({ callbackUrl: '/signin' })}
      className="rounded-md px-3 py-2 text-sm text-gray-700 hover:bg-gray-100"
    >
      {label}
    </button>
  );
}
