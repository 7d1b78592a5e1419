import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ComplianceBadge } from '@/components/events/compliance-badge';
import { EventStatusBadge } from '@/components/events/event-status-badge';
import type { ComplianceStatus } from '@/lib/domain/compliance';
import type { EventStatus } from '@/lib/domain/types';
import { localized } from '@/lib/i18n/localized';

export interface PlanClub {
  club: { code: string; nameZh: string; nameEn: string };
  required: number;
  scheduled: number;
  held: number;
  ahead: number;
  expected: number;
  status: ComplianceStatus;
  events: { id: number; titleZh: string; titleEn: string | null; startsAt: number; status: EventStatus; role: 'held' | 'ahead' | 'pending' }[];
}

const ROLE_COLORS = {
  held: 'bg-green-100 text-green-900',
  ahead: 'bg-sky-100 text-sky-900',
  pending: 'bg-gray-100 text-gray-700',
} as const;

/**
 * One club's yearly plan: the numbers, the status with a warning when at risk or missed, and the
 * events behind the numbers. `eventHref` says where an event links to (operators edit it; HQ reads).
 */
export async function PlanClubCard({ plan, year, eventHref, highlighted = false }: { plan: PlanClub; year: number; eventHref?: (id: number) => string; highlighted?: boolean }) {
  const [t, format, locale] = await Promise.all([getTranslations('plan'), getFormatter(), getLocale()]);
  const name = localized(locale, plan.club.nameZh, plan.club.nameEn);
  const code = plan.club.code;
  const warning =
    plan.status === 'missed'
      ? t('warning.missed', { club: name, year, held: plan.held, required: plan.required })
      : plan.status !== 'at_risk'
        ? null
        : plan.held + plan.ahead < plan.required
          ? t('warning.shortfall', { club: name, missing: plan.required - plan.held - plan.ahead, held: plan.held, ahead: plan.ahead, required: plan.required })
          : t('warning.behindPace', { club: name, expected: plan.expected, held: plan.held });
  return (
    <section
      aria-labelledby={`plan-${code}-heading`}
      data-testid={`plan-club-${code}`}
      className={`rounded-lg border bg-white p-4 shadow-sm ${highlighted ? 'border-brand-600 ring-1 ring-brand-600' : 'border-gray-200'}`}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={`plan-${code}-heading`} className="text-lg font-semibold">
          {name}
        </h2>
        <span data-testid={`plan-status-${code}`}>
          <ComplianceBadge status={plan.status} />
        </span>
      </div>
      {warning ? (
        <p
          data-testid={`plan-warning-${code}`}
          className={`mt-3 rounded-md border-l-4 px-3 py-2 text-sm font-medium ${plan.status === 'missed' ? 'border-red-600 bg-red-50 text-red-900' : 'border-amber-500 bg-amber-50 text-amber-900'}`}
        >
          {warning}
        </p>
      ) : null}
      <dl className="mt-3 grid grid-cols-3 gap-2 sm:grid-cols-5">
        {(['required', 'scheduled', 'held', 'ahead', 'expected'] as const).map((key) => (
          <div key={key} className="rounded-md bg-gray-50 px-2 py-1.5">
            <dt className="text-xs text-gray-600">{t(`counts.${key}`)}</dt>
            <dd data-testid={`plan-${code}-${key}`} className="text-xl font-semibold tabular-nums">
              {plan[key]}
            </dd>
          </div>
        ))}
      </dl>
      <h3 className="mt-4 mb-2 text-sm font-medium text-gray-800">{t('events')}</h3>
      {plan.events.length === 0 ? (
        <p className="text-sm text-gray-600">{t('noEvents')}</p>
      ) : (
        <ul className="divide-y divide-gray-100 text-sm">
          {plan.events.map((e) => {
            const title = localized(locale, e.titleZh, e.titleEn);
            return (
              <li key={e.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                <span className="whitespace-nowrap text-gray-600 tabular-nums">{format.dateTime(new Date(e.startsAt), { dateStyle: 'medium', timeStyle: 'short' })}</span>
                {eventHref ? (
                  <Link href={eventHref(e.id)} className="min-w-0 flex-1 font-medium break-words text-brand-700 underline">
                    {title}
                  </Link>
                ) : (
                  <span className="min-w-0 flex-1 font-medium break-words">{title}</span>
                )}
                <EventStatusBadge status={e.status} />
                <span className={`rounded px-2 py-0.5 text-xs font-medium whitespace-nowrap ${ROLE_COLORS[e.role]}`}>{t(`roles.${e.role}`)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
