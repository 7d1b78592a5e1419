import { TZDate } from '@date-fns/tz';
import { addMonths, eachDayOfInterval, endOfMonth, format as formatDate, getISODay } from 'date-fns';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { TIME_ZONE, type EventStatus } from '@/lib/domain/types';
import { EventStatusBadge } from './event-status-badge';

export interface CalendarEntry {
  id: number;
  title: string;
  startsAt: number;
  status: EventStatus;
}

const DAY_KEY = 'yyyy-MM-dd';

function firstDayOf(month: string): TZDate {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new TZDate(year, m - 1, 1, TIME_ZONE);
}

/** "2025-01" shifted by whole months: "2024-12" for -1. */
export function shiftMonth(month: string, delta: number): string {
  return formatDate(addMonths(firstDayOf(month), delta), 'yyyy-MM');
}

function dayKey(instant: number): string {
  return formatDate(new TZDate(instant, TIME_ZONE), DAY_KEY);
}

/**
 * A month of events in Beijing time: a Monday-first grid from the sm breakpoint up, and on phones
 * an agenda of the days that have events, since seven columns do not fit 390 px.
 */
export async function MonthCalendar({
  month,
  entries,
  previousHref,
  nextHref,
  now,
}: {
  /** YYYY-MM */
  month: string;
  entries: CalendarEntry[];
  previousHref: string;
  nextHref: string;
  /** Marks today in the grid. */
  now: number;
}) {
  const [t, format] = await Promise.all([getTranslations('events.calendar'), getFormatter()]);
  const first = firstDayOf(month);
  const days = eachDayOfInterval({ start: first, end: endOfMonth(first) });
  const leading = getISODay(first) - 1;
  const trailing = (7 - ((leading + days.length) % 7)) % 7;
  const byDay = new Map<string, CalendarEntry[]>();
  for (const entry of [...entries].sort((a, b) => a.startsAt - b.startsAt)) {
    const key = dayKey(entry.startsAt);
    byDay.set(key, [...(byDay.get(key) ?? []), entry]);
  }
  const today = dayKey(now);
  const weekdays = t.raw('weekdays') as string[];
  const monthName = format.dateTime(first, { year: 'numeric', month: 'long' });
  const time = (instant: number) => format.dateTime(new Date(instant), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const agendaDays = days.filter((d) => byDay.has(formatDate(d, DAY_KEY)));
  const navLink = 'inline-flex min-h-10 items-center rounded-md border border-gray-300 bg-white px-3 text-sm hover:bg-gray-50';

  return (
    <section aria-labelledby="month-calendar-title">
      <div className="mb-3 flex items-center justify-between gap-2">
        <Link href={previousHref} className={navLink} rel="prev">
          <span aria-hidden="true">‹&nbsp;</span>
          {t('previous')}
        </Link>
        <h2 id="month-calendar-title" className="text-lg font-semibold">
          {monthName}
        </h2>
        <Link href={nextHref} className={navLink} rel="next">
          {t('next')}
          <span aria-hidden="true">&nbsp;›</span>
        </Link>
      </div>

      <div className="hidden overflow-hidden rounded-lg border border-gray-200 bg-white sm:block" data-testid="month-grid">
        <div className="grid grid-cols-7 border-b border-gray-200 bg-gray-50 text-center text-xs font-medium text-gray-700" aria-hidden="true">
          {weekdays.map((w) => (
            <div key={w} className="py-2">
              {w}
            </div>
          ))}
        </div>
        <ol className="grid grid-cols-7">
          {Array.from({ length: leading }, (_, i) => (
            <li key={`lead-${i}`} className="min-h-24 border-r border-b border-gray-100 bg-gray-50" aria-hidden="true" />
          ))}
          {days.map((day) => {
            const key = formatDate(day, DAY_KEY);
            const dayEntries = byDay.get(key) ?? [];
            return (
              <li key={key} className="min-h-24 min-w-0 border-r border-b border-gray-100 p-1.5 [&:nth-child(7n)]:border-r-0">
                <time
                  dateTime={key}
                  aria-label={format.dateTime(day, { month: 'long', day: 'numeric', weekday: 'long' })}
                  className={`inline-flex h-6 min-w-6 items-center justify-center rounded-full px-1 text-xs ${key === today ? 'bg-brand-600 font-semibold text-white' : 'text-gray-700'}`}
                >
                  {day.getDate()}
                </time>
                {dayEntries.length > 0 ? (
                  <ul className="mt-1 space-y-1">
                    {dayEntries.map((e) => (
                      <li key={e.id}>
                        <Link
                          href={`/events/${e.id}`}
                          title={e.title}
                          className={`block truncate rounded px-1 py-0.5 text-xs hover:underline ${e.status === 'cancelled' ? 'bg-gray-100 text-gray-500 line-through' : 'bg-brand-50 text-brand-700'}`}
                        >
                          <span className="tabular-nums">{time(e.startsAt)}</span> {e.title}
                        </Link>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            );
          })}
          {Array.from({ length: trailing }, (_, i) => (
            <li key={`trail-${i}`} className="min-h-24 border-r border-b border-gray-100 bg-gray-50 [&:nth-child(7n)]:border-r-0" aria-hidden="true" />
          ))}
        </ol>
      </div>

      {agendaDays.length === 0 ? (
        <p className="mt-3 rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-600" data-testid="month-empty">
          {t('noEvents')}
        </p>
      ) : (
        <ol className="space-y-3 sm:hidden" data-testid="month-agenda">
          {agendaDays.map((day) => {
            const key = formatDate(day, DAY_KEY);
            return (
              <li key={key} className="rounded-lg border border-gray-200 bg-white">
                <h3 className={`border-b border-gray-100 px-3 py-2 text-sm font-semibold ${key === today ? 'text-brand-700' : 'text-gray-900'}`}>
                  <time dateTime={key}>{format.dateTime(day, { month: 'long', day: 'numeric', weekday: 'short' })}</time>
                  {key === today ? <span className="ml-2 text-xs font-normal">{t('today')}</span> : null}
                </h3>
                <ul className="divide-y divide-gray-100">
                  {byDay.get(key)!.map((e) => (
                    <li key={e.id} className="flex items-start gap-3 px-3 py-2 text-sm">
                      <span className="shrink-0 text-gray-600 tabular-nums">{time(e.startsAt)}</span>
                      <span className="min-w-0 flex-1">
                        <Link href={`/events/${e.id}`} className={`break-words hover:underline ${e.status === 'cancelled' ? 'text-gray-500 line-through' : 'text-brand-700'}`}>
                          {e.title}
                        </Link>
                        {e.status !== 'published' ? (
                          <span className="ml-2 align-middle">
                            <EventStatusBadge status={e.status} />
                          </span>
                        ) : null}
                      </span>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
