'use client';

import { useState } from 'react';
import { buttonClass, type ButtonVariant } from './button';

/** An absolute URL of `href`, which may be a path of this app. */
export function absoluteUrl(href: string): string {
  return new URL(href, window.location.href).href;
}

/**
 * Puts `url` on the clipboard. The clipboard needs a secure context and permission; without them
 * the browser's prompt shows the URL selected, to be copied by hand. True when it was copied.
 */
export async function copyLink(url: string, promptLabel: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(url);
    return true;
  } catch {
    window.prompt(promptLabel, url);
    return false;
  }
}

/** A button that copies a link, and says so for a few seconds (announced to screen readers too). */
export function CopyLinkButton({
  href,
  label,
  copiedLabel,
  variant = 'secondary',
  className = '',
}: {
  href: string;
  label: string;
  copiedLabel: string;
  variant?: ButtonVariant;
  className?: string;
}) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    if (await copyLink(absoluteUrl(href), label)) {
      setCopied(true);
      window.setTimeout(() => setCopied(false), 4000);
    }
  }
  return (
    <>
      <button type="button" onClick={copy} className={buttonClass(variant, className)}>
        {label}
      </button>
      <span role="status" className={copied ? 'text-sm text-green-800' : 'sr-only'}>
        {copied ? copiedLabel : ''}
      </span>
    </>
  );
}
