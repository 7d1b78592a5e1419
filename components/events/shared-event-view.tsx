import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { ClubChip } from '@/components/clubs/club-mark';
import { CoverPicture } from '@/components/covers/cover-picture';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/page';
import { TypedText } from '@/components/ui/typed-text';
import type { SharedEvent } from '@/lib/domain/shared-event';
import { localized, localizedPlace } from '@/lib/i18n/localized';
import { EventDetail } from './event-detail';
import { EventStatusBadge } from './event-status-badge';
import { EVENT_TIME_FORMAT } from './member-event-card';
import { MemberSeatsLeft } from './member-seats-left';
import { PriceLabel } from './price-label';
import { RegistrationStateNote } from './registration-state-note';
import { ShareEventButton } from './share-event-button';

/**
 * An event as someone who is not signed in sees it, from a link in an SMS or one a friend shared:
 * the poster and where registration stands, and a way to sign in that comes back here.
 */
export async function SharedEventView({ event, clubName, coverSrc }: { event: SharedEvent; clubName: string; coverSrc: string | null }) {
  const [locale, t, te, tk, ts, tc, format] = await Promise.all([
    getLocale(),
    getTranslations('sharedEvent'),
    getTranslations('events.detail'),
    getTranslations('eventKinds'),
    getTranslations('segments'),
    getTranslations('covers'),
    getFormatter(),
  ]);
  const title = localized(locale, event.titleZh, event.titleEn);
  const description = localized(locale, event.descriptionZh, event.descriptionEn);
  const path = `/events/${event.id}`;
  const canRegister = event.registrationState.kind !== 'ended' && event.registrationState.kind !== 'closed';
  return (
    <article data-testid="shared-event">
      <CoverPicture src={coverSrc} alt={tc('eventAlt', { event: title })} club={event.clubCode} className="mb-4 rounded-lg" eager />
      <div className="mb-4">
        <p className="flex flex-wrap items-center gap-1.5 text-xs">
          <ClubChip club={event.clubCode} name={clubName} />
          <span className="rounded-full bg-gray-100 px-2 py-0.5 text-gray-800">{tk(event.kind)}</span>
          {event.status !== 'published' ? <EventStatusBadge status={event.status} /> : null}
        </p>
        <h1 className="mt-2 text-2xl font-semibold break-words text-gray-900">{title}</h1>
      </div>

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <dl className="divide-y divide-gray-100">
            <EventDetail label={te('when')}>
              <time dateTime={new Date(event.startsAt).toISOString()}>{format.dateTimeRange(new Date(event.startsAt), new Date(event.endsAt), EVENT_TIME_FORMAT)}</time>
            </EventDetail>
            <EventDetail label={te('where')}>
              <TypedText text={localizedPlace(locale, event)} />
            </EventDetail>
            <EventDetail label={te('price')}>
              <span data-testid="event-price">
                <PriceLabel priceType={event.priceType} priceFen={event.priceFen} pricePoints={event.pricePoints} />
              </span>
            </EventDetail>
            <EventDetail label={te('capacity')}>
              <span data-testid="event-capacity">{te('capacityValue', { capacity: event.capacity })}</span>
              {event.status === 'published' ? (
                <span className="ml-3" data-testid="event-seats">
                  <MemberSeatsLeft seatsLeft={event.seatsLeft} />
                </span>
              ) : null}
            </EventDetail>
            <EventDetail label={te('segments')}>{format.list(event.eligibleSegments.map((s) => ts(s)))}</EventDetail>
          </dl>
        </Card>
        <Card>
          <h2 className="text-base font-semibold">{t('registerTitle')}</h2>
          <RegistrationStateNote state={event.registrationState} clubName={clubName} className="mt-2" />
          {canRegister ? (
            <>
              <p className="mt-2 text-sm text-gray-600">{t('signInHint', { club: clubName })}</p>
              <Link href={`/signin?from=${encodeURIComponent(path)}`} className={buttonClass('primary', 'mt-3 w-full')}>
                {t('signInToRegister')}
              </Link>
            </>
          ) : null}
          <ShareEventButton path={path} title={title} className="mt-3 w-full" />
        </Card>
      </div>

      {description ? (
        <section aria-labelledby="event-description-title" className="mt-6">
          <h2 id="event-description-title" className="mb-2 text-lg font-semibold">
            {te('description')}
          </h2>
          <p className="text-sm leading-relaxed break-words whitespace-pre-line text-gray-800">{description}</p>
        </section>
      ) : null}
    </article>
  );
}
