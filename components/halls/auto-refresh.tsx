'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** A desk screen left open shows new arrivals and the waits growing without anyone reloading it. */
export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(timer);
  }, [router, seconds]);
  return null;
}
