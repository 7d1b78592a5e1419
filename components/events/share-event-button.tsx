'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/button';
import { absoluteUrl, copyLink } from '@/components/ui/copy-link-button';

/**
 * Shares an event's public page through the phone's share sheet (Web Share API), or copies its
 * link where the browser has none (most desktops).
 */
export function ShareEventButton({ path, title, className = '' }: { path: string; title: string; className?: string }) {
  const t = useTranslations('sharedEvent');
  const [copied, setCopied] = useState(false);
  async function share() {
    const url = absoluteUrl(path);
    if (typeof navigator.share === 'function') {
      try {
        await navigator.share({ title, url });
        return;
      } catch (error) {
        // Closing the share sheet is the member's choice, not a failure to fall back from.
        if (error instanceof DOMException && error.name === 'AbortError') return;
      }
    }
    if (await copyLink(url, t('share'))) {
      setCopied(true);
      window.setTimeout(() => setCopied(false), 4000);
    }
  }
  return (
    <div className={className}>
      <button type="button" onClick={share} className={buttonClass('secondary', 'w-full')}>
        {t('share')}
      </button>
      <p role="status" className={copied ? 'mt-1 text-center text-sm text-green-800' : 'sr-only'}>
        {copied ? t('linkCopied') : ''}
      </p>
    </div>
  );
}
