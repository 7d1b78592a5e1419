import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { EVENT_TIME_FORMAT } from '@/components/events/member-event-card';
import { RegistrationStatusBadge } from '@/components/tickets/registration-status-badge';
import type { RegistrationStatus } from '@/lib/domain/types';
import { localized, localizedPlace, type EventPlace } from '@/lib/i18n/localized';
import { TypedText } from '@/components/ui/typed-text';

export interface HomeTicketRow extends EventPlace {
  id: number;
  status: RegistrationStatus;
  position: number | null;
  titleZh: string;
  titleEn: string | null;
  startsAt: number;
  endsAt: number;
}

/** The top of the member's clubs page: their next ticket and their unread messages, each a tap from its page. */
export async function MemberHomeSummary({ next, unread }: { next: HomeTicketRow | null; unread: number }) {
  const [t, format, locale] = await Promise.all([getTranslations('clubs.home'), getFormatter(), getLocale()]);
  const box = 'rounded-lg border border-gray-200 bg-white p-4 shadow-sm';
  return (
    <div className="mb-6 grid gap-3 sm:grid-cols-2">
      <section aria-labelledby="home-next-ticket" className={box} data-testid="home-next-ticket">
        <h2 id="home-next-ticket" className="text-sm font-medium text-gray-600">
          {t('nextTicket')}
        </h2>
        {next ? (
          <>
            <p className="mt-1 text-base font-semibold break-words text-gray-900">
              <Link href={`/tickets/${next.id}`} className="hover:text-brand-700 hover:underline">
                {localized(locale, next.titleZh, next.titleEn)}
              </Link>
            </p>
            <p className="mt-0.5 text-sm text-gray-800">
              <time dateTime={new Date(next.startsAt).toISOString()}>{format.dateTimeRange(new Date(next.startsAt), new Date(next.endsAt), EVENT_TIME_FORMAT)}</time>
            </p>
            <TypedText as="p" text={localizedPlace(locale, next)} className="text-sm break-words text-gray-600" />
            <p className="mt-2">
              <RegistrationStatusBadge status={next.status} position={next.position} cancelReason={null} />
            </p>
          </>
        ) : (
          <p className="mt-1 text-sm text-gray-700">
            {t('noTicket')}{' '}
            <Link href="/events" className="font-medium text-brand-700 underline">
              {t('browse')}
            </Link>
          </p>
        )}
      </section>
      <section aria-labelledby="home-messages" className={box} data-testid="home-messages">
        <h2 id="home-messages" className="text-sm font-medium text-gray-600">
          {t('messages')}
        </h2>
        <p className="mt-1 text-base font-semibold text-gray-900">{unread > 0 ? t('unread', { count: unread }) : t('noUnread')}</p>
        <Link href="/messages" className="mt-2 inline-block text-sm font-medium text-brand-700 underline">
          {t('openMessages')}
        </Link>
      </section>
    </div>
  );
}
