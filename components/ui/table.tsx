import type { ReactNode } from 'react';

/** The class of a cell whose column only wide screens show: pass its index in `wideOnly` too. */
export const WIDE_ONLY = 'hidden sm:table-cell';

/**
 * A table that scrolls sideways on narrow screens instead of breaking the page layout. The scrolling
 * box takes the focus, so that a keyboard can scroll it too, and is a region named by the caption
 * when there is one. The columns listed in `wideOnly` (by index) are left out below the sm
 * breakpoint, so a phone keeps the key ones.
 */
export function Table({ caption, head, wideOnly = [], children }: { caption?: string; head: ReactNode[]; wideOnly?: readonly number[]; children: ReactNode }) {
  return (
    <div {...(caption ? { role: 'region', 'aria-label': caption } : {})} tabIndex={0} className="relative overflow-x-auto rounded-lg border border-gray-200 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-500">
      <table className="min-w-full divide-y divide-gray-200 text-sm">
        {caption ? <caption className="px-3 py-2 text-left font-medium text-gray-900">{caption}</caption> : null}
        <thead className="bg-gray-50">
          <tr>
            {head.map((h, i) => (
              <th key={i} scope="col" className={`px-3 py-2 text-left font-medium whitespace-nowrap text-gray-700 ${wideOnly.includes(i) ? WIDE_ONLY : ''}`}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-gray-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <td className={`px-3 py-2 align-top text-gray-800 ${className}`}>{children}</td>;
}
