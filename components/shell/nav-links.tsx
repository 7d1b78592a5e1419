'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface NavItem {
  href: string;
  label: string;
  /** A count beside the label (unread messages), shown as a number and read out as its sentence. */
  badge?: { count: number; label: string };
}

/** The count as a small bubble; screen readers hear its sentence inside the link's name instead. */
function Badge({ badge }: { badge: NonNullable<NavItem['badge']> }) {
  return (
    <span className="ml-1.5 inline-block min-w-5 rounded-full bg-brand-600 px-1.5 text-center text-xs leading-5 text-white" data-testid="nav-unread-badge">
      <span aria-hidden>{badge.count > 99 ? '99+' : badge.count}</span>
      <span className="sr-only"> {badge.label}</span>
    </span>
  );
}

/**
 * The header's navigation: a strip of every item from the small breakpoint up; on a phone, staff
 * get a compact menu instead (the current place and a list that opens), and members the bottom
 * tab bar (member-tab-bar.tsx), so `phone` is 'menu' or 'none'.
 */
export function NavLinks({ items, label, phone, menuLabel }: { items: ReadonlyArray<NavItem>; label: string; phone: 'menu' | 'none'; menuLabel: string }) {
  const pathname = usePathname();
  // The most specific link is the current one: /stats/compliance, not /stats as well.
  const current = items
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .reduce<string | null>((best, item) => (best === null || item.href.length > best.length ? item.href : best), null);
  const currentLabel = items.find((item) => item.href === current)?.label;
  return (
    <nav aria-label={label} className={phone === 'none' ? 'hidden sm:block' : undefined}>
      {phone === 'menu' ? (
        <details className="group sm:hidden" data-testid="nav-menu">
          <summary className="flex min-h-10 cursor-pointer list-none items-center justify-between rounded-md border border-gray-200 px-3 text-sm font-medium text-gray-800">
            <span>{currentLabel ?? menuLabel}</span>
            <span aria-hidden className="text-gray-500 group-open:rotate-180">▾</span>
          </summary>
          <ul className="mt-1 grid grid-cols-2 gap-1">
            {items.map((item) => (
              <li key={item.href}>
                <Link
                  href={item.href}
                  aria-current={item.href === current ? 'page' : undefined}
                  className={`block rounded-md px-3 py-2 text-sm ${item.href === current ? 'bg-brand-50 font-medium text-brand-700' : 'text-gray-700 hover:bg-gray-100'}`}
                >
                  {item.label}
                  {item.badge ? <Badge badge={item.badge} /> : null}
                </Link>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <ul className="hidden gap-1 whitespace-nowrap sm:flex sm:flex-wrap">
        {items.map((item) => {
          const isCurrent = item.href === current;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={isCurrent ? 'page' : undefined}
                className={`block rounded-md px-3 py-2 text-sm font-medium ${isCurrent ? 'bg-brand-50 text-brand-700' : 'text-gray-700 hover:bg-gray-100'}`}
              >
                {item.label}
                {item.badge ? <Badge badge={item.badge} /> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
