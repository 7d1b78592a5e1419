import { getTranslations } from 'next-intl/server';
import type { EventStatus } from '@/lib/domain/types';

const COLORS: Record<EventStatus, string> = {
  draft: 'bg-gray-100 text-gray-800',
  published: 'bg-blue-100 text-blue-900',
  completed: 'bg-green-100 text-green-900',
  cancelled: 'bg-red-100 text-red-900',
};

export async function EventStatusBadge({ status }: { status: EventStatus }) {
  const t = await getTranslations('eventStatus');
  return <span className={`rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${COLORS[status]}`}>{t(status)}</span>;
}
