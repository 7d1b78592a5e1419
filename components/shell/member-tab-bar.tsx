'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';

export interface TabItem {
  href: string;
  label: string;
}

/** Line icons of the four main places (24 px grid, drawn in the text colour). */
const ICONS: Record<string, ReactNode> = {
  '/events': <path d="M7 3v3M17 3v3M4 8h16M5 5h14a1 1 0 0 1 1 1v13a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a1 1 0 0 1 1-1Z" />,
  '/tickets': <path d="M4 7a1 1 0 0 1 1-1h14a1 1 0 0 1 1 1v3a2 2 0 0 0 0 4v3a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1v-3a2 2 0 0 0 0-4V7Zm10-1v12" />,
  '/messages': <path d="M4 5h16v11H9l-5 4V5Z" />,
  '/clubs': <path d="M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-6 9a6 6 0 0 1 12 0M17 11a2.5 2.5 0 1 0 0-5M21 20a5 5 0 0 0-4-4.9" />,
  more: <path d="M5 12h.01M12 12h.01M19 12h.01" strokeWidth={3} />,
};

function Icon({ name }: { name: string }) {
  return (
    <svg viewBox="0 0 24 24" aria-hidden className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
      {ICONS[name]}
    </svg>
  );
}

/**
 * The member's navigation on a phone: a bar at the bottom of the screen with the four places used
 * most and "more" for the rest, which opens a sheet above the bar. The current place is always
 * visible: when it is one of the rest, "more" shows its name and is marked current. Hidden from
 * the small breakpoint up, where the header's strip has room for every item.
 */
export function MemberTabBar({ primary, more, label, moreLabel, unread, unreadLabel }: { primary: TabItem[]; more: TabItem[]; label: string; moreLabel: string; unread: number; unreadLabel: string }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const isCurrent = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const currentMore = more.find((item) => isCurrent(item.href));
  const tab = (active: boolean) => `flex min-h-14 flex-1 flex-col items-center justify-center gap-0.5 text-xs font-medium ${active ? 'text-brand-700' : 'text-gray-600'}`;
  return (
    <nav aria-label={label} className="no-print fixed inset-x-0 bottom-0 z-30 border-t border-gray-200 bg-white pb-[env(safe-area-inset-bottom)] sm:hidden" data-testid="tab-bar">
      {open ? (
        <ul id="tab-bar-more" className="absolute inset-x-0 bottom-full max-h-[60vh] overflow-y-auto border-t border-gray-200 bg-white py-1 shadow-lg" data-testid="tab-bar-more">
          {more.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                onClick={() => setOpen(false)}
                aria-current={isCurrent(item.href) ? 'page' : undefined}
                className={`block px-5 py-3 text-base ${isCurrent(item.href) ? 'bg-brand-50 font-medium text-brand-700' : 'text-gray-800'}`}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <ul className="flex">
        {primary.map((item) => (
          <li key={item.href} className="flex flex-1">
            <Link href={item.href} onClick={() => setOpen(false)} aria-current={isCurrent(item.href) ? 'page' : undefined} className={tab(isCurrent(item.href))}>
              <span className="relative">
                <Icon name={item.href} />
                {item.href === '/messages' && unread > 0 ? (
                  <span className="absolute -top-1 -right-2 min-w-4 rounded-full bg-brand-600 px-1 text-center text-[10px] leading-4 text-white" data-testid="unread-badge">
                    <span aria-hidden>{unread > 99 ? '99+' : unread}</span>
                    <span className="sr-only">{unreadLabel}</span>
                  </span>
                ) : null}
              </span>
              {item.label}
            </Link>
          </li>
        ))}
        <li className="flex flex-1">
          <button type="button" aria-expanded={open} aria-controls="tab-bar-more" onClick={() => setOpen(!open)} className={tab(Boolean(currentMore) || open)} aria-current={currentMore ? 'page' : undefined}>
            <Icon name="more" />
            {currentMore ? currentMore.label : moreLabel}
          </button>
        </li>
      </ul>
    </nav>
  );
}
