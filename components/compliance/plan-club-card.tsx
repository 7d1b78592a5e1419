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

/**
 * One club's yearly plan: the numbers, the status with a warning when at risk or missed, and the
 * events behind the numbers. `eventHref` says where an event links to (operators edit, analysts read).
 */
export async function PlanClubCard({ plan, eventHref, highlighted = false }: { plan: PlanClub; eventHref?: (id: number) => string; highlighted?: boolean }) {
  const [t, format, locale] = await Promise.all([getTranslations('planCard'), getFormatter(), getLocale()]);
  const name = localized(locale, plan.club.nameZh, plan.club.nameEn);
  const numbers: [string, number][] = [
    [t('required'), plan.required],
    [t('scheduled'), plan.scheduled],
    [t('held'), plan.held],
    [t('ahead'), plan.ahead],
    [t('expected'), plan.expected],
  ];
  return (
    <section
      className={`rounded-lg border bg-white p-4 ${highlighted ? 'border-brand-600 ring-1 ring-brand-600' : 'border-gray-200'}`}
      aria-labelledby={`plan-${plan.club.code}`}
      data-testid={`plan-${plan.club.code}`}
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id={`plan-${plan.club.code}`} className="text-lg font-semibold">
          {name}
        </h2>
        <ComplianceBadge status={plan.status} />
      </div>
      {plan.status === 'at_risk' || plan.status === 'missed' ? (
        <p className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid={`plan-${plan.club.code}-warning`}>
          {t(plan.status === 'missed' ? 'missedWarning' : 'atRiskWarning', { club: name, held: plan.held, ahead: plan.ahead, required: plan.required, expected: plan.expected })}
        </p>
      ) : null}
      <dl className="mt-3 grid grid-cols-5 gap-2 text-center">
        {numbers.map(([label, value]) => (
          <div key={label}>
            <dt className="text-xs text-gray-600">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      {plan.events.length === 0 ? (
        <p className="mt-3 text-sm text-gray-600">{t('noEvents')}</p>
      ) : (
        <ul className="mt-3 divide-y divide-gray-100 text-sm">
          {plan.events.map((e) => {
            const title = localized(locale, e.titleZh, e.titleEn);
            return (
              <li key={e.id} className="flex flex-wrap items-center gap-2 py-1.5">
                <time className="w-24 shrink-0 text-gray-600 tabular-nums" dateTime={new Date(e.startsAt).toISOString()}>
                  {format.dateTime(new Date(e.startsAt), { month: 'short', day: 'numeric' })}
                </time>
                {eventHref ? (
                  <Link href={eventHref(e.id)} className="min-w-0 flex-1 text-brand-700 underline">
                    {title}
                  </Link>
                ) : (
                  <span className="min-w-0 flex-1">{title}</span>
                )}
                <EventStatusBadge status={e.status} />
                <span className="text-xs text-gray-600">{t(`roles.${e.role}`)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
