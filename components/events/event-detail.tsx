import type { ReactNode } from 'react';

/** One fact of an event page (when, where, price …): a label and its value, side by side from sm up. */
export function EventDetail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="py-2 sm:grid sm:grid-cols-3 sm:gap-4">
      <dt className="text-sm text-gray-600">{label}</dt>
      <dd className="mt-0.5 text-sm break-words text-gray-900 sm:col-span-2 sm:mt-0">{children}</dd>
    </div>
  );
}
