import Link from 'next/link';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { MemberRegistrationState } from '@/lib/domain/registration-state';
import type { ClubCode, EventKind, EventStatus, PriceType } from '@/lib/domain/types';
import { localized, localizedPlace, type EventPlace } from '@/lib/i18n/localized';
import { ClubChip } from '@/components/clubs/club-mark';
import { CoverPicture } from '@/components/covers/cover-picture';
import { EventStatusBadge } from './event-status-badge';
import { MemberSeatsLeft } from './member-seats-left';
import { PriceLabel } from './price-label';
import { RegistrationStateNote } from './registration-state-note';
import { TypedText } from '@/components/ui/typed-text';

export interface MemberEventSummary extends EventPlace {
  id: number;
  clubCode: ClubCode;
  kind: EventKind;
  titleZh: string;
  titleEn: string | null;
  startsAt: number;
  endsAt: number;
  priceType: PriceType;
  priceFen: number;
  pricePoints: number;
  status: EventStatus;
  seatsLeft: number;
  registrationState: MemberRegistrationState;
}

/** Date, weekday and time of an event; the formatter shows it in Asia/Shanghai (i18n/request.ts). */
export const EVENT_TIME_FORMAT = { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', hour: 'numeric', minute: '2-digit' } as const;

/**
 * One event in a member's list: its cover (the event's own or its club's: `coverSrc`), what, when
 * (Beijing time), where, price and seats, and where the member stands with its registration.
 */
export async function MemberEventCard({ event, clubName, coverSrc }: { event: MemberEventSummary; clubName: string; coverSrc: string | null }) {
  const [locale, format, tk, tc] = await Promise.all([getLocale(), getFormatter(), getTranslations('eventKinds'), getTranslations('covers')]);
  const title = localized(locale, event.titleZh, event.titleEn);
  return (
    <article className="flex h-full flex-col rounded-lg border border-gray-200 bg-white p-4 shadow-sm" data-testid={`event-${event.id}`}>
      <CoverPicture src={coverSrc} alt={tc('eventAlt', { event: title })} club={event.clubCode} className="mb-3 rounded-md" />
      <p className="flex flex-wrap items-center gap-1.5 text-xs">
        <ClubChip club={event.clubCode} name={clubName} />
        <span className="rounded-full bg-gray-100 px-2 py-0.5 text-gray-800">{tk(event.kind)}</span>
        {event.status !== 'published' ? <EventStatusBadge status={event.status} /> : null}
      </p>
      <h3 className="mt-2 text-base font-semibold break-words text-gray-900">
        <Link href={`/events/${event.id}`} className="hover:text-brand-700 hover:underline focus-visible:underline">
          {title}
        </Link>
      </h3>
      <p className="mt-1 text-sm text-gray-800">
        <time dateTime={new Date(event.startsAt).toISOString()}>
          {format.dateTimeRange(new Date(event.startsAt), new Date(event.endsAt), EVENT_TIME_FORMAT)}
        </time>
      </p>
      <TypedText as="p" text={localizedPlace(locale, event)} className="mt-0.5 text-sm break-words text-gray-600" />
      <RegistrationStateNote state={event.registrationState} clubName={clubName} className="mt-2" />
      <p className="mt-auto flex flex-wrap items-center justify-between gap-2 pt-3 text-sm">
        <span className="font-medium text-gray-900">
          <PriceLabel priceType={event.priceType} priceFen={event.priceFen} pricePoints={event.pricePoints} />
        </span>
        {/* A full event says so in its registration state. */}
        {event.status === 'published' && event.seatsLeft > 0 ? <MemberSeatsLeft seatsLeft={event.seatsLeft} /> : null}
      </p>
    </article>
  );
}
