import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { EVENT_TIME_FORMAT, type MemberEventSummary } from '@/components/events/member-event-card';
import { RegistrationStateNote } from '@/components/events/registration-state-note';
import { RegistrationStatusBadge } from '@/components/tickets/registration-status-badge';
import { isNewEvent, NEW_EVENT_DAYS, type ClubHighlights } from '@/lib/domain/member-home';
import type { ClubCode } from '@/lib/domain/types';
import { localized } from '@/lib/i18n/localized';
import type { HomeTicketRow } from './member-home-summary';

export type HomeEventRow = MemberEventSummary & { publishedAt: number | null };

/** A club the member belongs to: what is new, the next events with where the member stands, and their tickets. */
export async function MemberClubHighlights({ club, clubName, highlights, now }: { club: ClubCode; clubName: string; highlights: ClubHighlights<HomeEventRow, HomeTicketRow>; now: number }) {
  const [t, format, locale] = await Promise.all([getTranslations('clubs.home'), getFormatter(), getLocale()]);
  const when = (startsAt: number) => <time dateTime={new Date(startsAt).toISOString()}>{format.dateTime(new Date(startsAt), EVENT_TIME_FORMAT)}</time>;
  return (
    <div className="mt-3 space-y-3 text-sm" data-testid={`club-${club}-highlights`}>
      {highlights.newCount > 0 ? (
        <p className="inline-block rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700" data-testid={`club-${club}-new`}>
          {t('newEvents', { count: highlights.newCount, days: NEW_EVENT_DAYS })}
        </p>
      ) : null}
      {highlights.tickets.length > 0 ? (
        <section aria-label={t('yourTickets', { club: clubName })}>
          <h3 className="font-medium text-gray-900">{t('yourTicketsTitle')}</h3>
          <ul className="mt-1 space-y-1">
            {highlights.tickets.map((ticket) => (
              <li key={ticket.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
                <Link href={`/tickets/${ticket.id}`} className="font-medium break-words text-brand-700 underline">
                  {localized(locale, ticket.titleZh, ticket.titleEn)}
                </Link>
                <span className="text-gray-700">{when(ticket.startsAt)}</span>
                <RegistrationStatusBadge status={ticket.status} position={ticket.position} cancelReason={null} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-label={t('comingUp', { club: clubName })}>
        <h3 className="font-medium text-gray-900">{t('comingUpTitle')}</h3>
        {highlights.next.length === 0 ? (
          <p className="mt-1 text-gray-600">{t('nothingComingUp')}</p>
        ) : (
          <ul className="mt-1 space-y-2">
            {highlights.next.map((event) => (
              <li key={event.id} data-testid={`home-event-${event.id}`}>
                <p className="flex flex-wrap items-center gap-x-2">
                  <Link href={`/events/${event.id}`} className="font-medium break-words text-brand-700 underline">
                    {localized(locale, event.titleZh, event.titleEn)}
                  </Link>
                  {isNewEvent(event.publishedAt, now) ? <span className="rounded bg-brand-600 px-1.5 text-xs leading-5 text-white">{t('new')}</span> : null}
                </p>
                <p className="text-gray-700">{when(event.startsAt)}</p>
                <RegistrationStateNote state={event.registrationState} clubName={clubName} className="mt-1" />
              </li>
            ))}
          </ul>
        )}
        <Link href={`/events?club=${club}`} className="mt-2 inline-block font-medium text-brand-700 underline">
          {t('allEvents')}
        </Link>
      </section>
    </div>
  );
}
