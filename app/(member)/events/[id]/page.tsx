import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import { cache } from 'react';
import { ClubChip } from '@/components/clubs/club-mark';
import { CoverPicture } from '@/components/covers/cover-picture';
import { EventDetail } from '@/components/events/event-detail';
import { EventStatusBadge } from '@/components/events/event-status-badge';
import { EVENT_TIME_FORMAT } from '@/components/events/member-event-card';
import { MemberSeatsLeft } from '@/components/events/member-seats-left';
import { PriceLabel } from '@/components/events/price-label';
import { ShareEventButton } from '@/components/events/share-event-button';
import { SharedEventView } from '@/components/events/shared-event-view';
import { MemberFeedback } from '@/components/feedback/member-feedback';
import { EventRegistration } from '@/components/tickets/event-registration';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { coverUrl } from '@/lib/domain/cover-images';
import { memberRegistrationState } from '@/lib/domain/registration-state';
import { DomainError } from '@/lib/domain/errors';
import { yuanText } from '@/lib/domain/money';
import { localized, localizedPlace } from '@/lib/i18n/localized';
import { getMyFeedback } from '@/lib/server/attendance';
import { clubNamesIn } from '@/lib/server/club-names';
import { eventCovers } from '@/lib/server/covers';
import { getCustomerSummary } from '@/lib/server/customers';
import { getMemberEvent } from '@/lib/server/events';
import { getActor, requirePageActor } from '@/lib/server/guard';
import { getHqSettings } from '@/lib/server/hq-settings';
import { hasOpeningReminder } from '@/lib/server/opening-reminders';
import { listCustomerRegistrations } from '@/lib/server/registrations';
import { getSharedEvent } from '@/lib/server/shared-events';
import { forgetReminder, registerMe, remindMe } from './actions';
import { submitMyFeedback } from './feedback-actions';
import { TypedText } from '@/components/ui/typed-text';

/** The event of this request, loaded once for the metadata and the page; drafts and other provinces are not found. */
const loadEvent = cache(async (id: string) => {
  const actor = await requirePageActor(AREA_ROLES.member, `/events/${id}`);
  if (!/^[1-9]\d{0,9}$/.test(id)) notFound();
  try {
    return await getMemberEvent(actor, Number(id));
  } catch (error) {
    if (error instanceof DomainError && error.category === 'not_found') notFound();
    throw error;
  }
});

/** The event as its shared link shows it to someone not signed in: published at some point, any province. */
const loadSharedEvent = cache(async (id: string) => {
  if (!/^[1-9]\d{0,9}$/.test(id)) notFound();
  try {
    return await getSharedEvent(Number(id));
  } catch (error) {
    if (error instanceof DomainError && error.category === 'not_found') notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  // Link previews are fetched without a session: the shared event's poster is what they describe.
  const [actor, locale, format, tp] = await Promise.all([getActor(), getLocale(), getFormatter(), getTranslations('price')]);
  const event = actor ? await loadEvent(id) : await loadSharedEvent(id);
  const title = localized(locale, event.titleZh, event.titleEn);
  const price = event.priceType === 'fee' ? yuanText(event.priceFen, locale) : event.priceType === 'points' ? tp('points', { points: event.pricePoints }) : tp('free');
  const description = [format.dateTime(new Date(event.startsAt), EVENT_TIME_FORMAT), localizedPlace(locale, event), price].join(' · ');
  return { title, description, openGraph: { title, description, type: 'website' } };
}

/** What the registration box needs: the member's balances and segment, and where they stand with this event's registration. */
async function loadRegistrationState(event: Awaited<ReturnType<typeof loadEvent>>) {
  const actor = await requirePageActor(AREA_ROLES.member, `/events/${event.id}`);
  if (actor.kind !== 'member') throw new Error('unreachable: the member area admits members only');
  const [customer, registrations, settings] = await Promise.all([getCustomerSummary(actor, actor.customerId), listCustomerRegistrations(actor, actor.customerId), getHqSettings()]);
  const live = registrations.find((r) => r.eventId === event.id && r.status !== 'cancelled');
  const registration = live ? { status: live.status, position: live.position } : null;
  const state = memberRegistrationState({ event, segment: customer.segment, isClubMember: event.isClubMember, registration, segmentPoints: settings.segmentPoints, now: Date.now() });
  const reminded = state.kind === 'not_open' || state.kind === 'vip_only' ? await hasOpeningReminder(actor, event.id) : false;
  // A seat has its e-ticket page; a place on the waiting list is shown among the tickets.
  return { customer, state, reminded, ticketHref: live?.status === 'confirmed' ? `/tickets/${live.id}` : '/tickets' };
}

/** The member's feedback on this event and whether they may give or change it; null when they hold no seat. */
async function loadMyFeedback(eventId: number) {
  const actor = await requirePageActor(AREA_ROLES.member, `/events/${eventId}`);
  return getMyFeedback(actor, eventId);
}

export default async function MemberEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const locale = await getLocale();
  if (!(await getActor())) {
    const shared = await loadSharedEvent(id);
    const [clubNames, covers] = await Promise.all([clubNamesIn(locale), eventCovers([shared.id])]);
    const cover = covers.get(shared.id);
    return <SharedEventView event={shared} clubName={clubNames[shared.clubCode] ?? shared.clubCode} coverSrc={cover ? coverUrl(cover) : null} />;
  }
  const event = await loadEvent(id);
  const [clubNames, covers, t, tk, ts, tc, format] = await Promise.all([
    clubNamesIn(locale),
    eventCovers([event.id]),
    getTranslations('events'),
    getTranslations('eventKinds'),
    getTranslations('segments'),
    getTranslations('covers'),
    getFormatter(),
  ]);
  const title = localized(locale, event.titleZh, event.titleEn);
  const cover = covers.get(event.id);
  const clubName = clubNames[event.clubCode] ?? event.clubCode;
  const description = localized(locale, event.descriptionZh, event.descriptionEn);
  const range = (from: number, to: number) => format.dateTimeRange(new Date(from), new Date(to), EVENT_TIME_FORMAT);
  const registering = event.status === 'published' ? await loadRegistrationState(event) : null;
  const myFeedback = await loadMyFeedback(event.id);

  return (
    <>
      <p className="mb-3 text-sm">
        <Link href="/events" className="text-brand-700 underline">
          {t('detail.back')}
        </Link>
      </p>
      <CoverPicture src={cover ? coverUrl(cover) : null} alt={tc('eventAlt', { event: title })} club={event.clubCode} className="mb-4 rounded-lg" eager />
      <div className="mb-4">
        <p className="flex flex-wrap items-center gap-1.5 text-xs">
          <ClubChip club={event.clubCode} name={clubName} />
          <span className="rounded-full bg-gray-100 px-2 py-0.5 text-gray-800">{tk(event.kind)}</span>
          {event.status !== 'published' ? <EventStatusBadge status={event.status} /> : null}
        </p>
        <h1 className="mt-2 text-2xl font-semibold break-words text-gray-900">{title}</h1>
        <ShareEventButton path={`/events/${event.id}`} title={title} className="mt-3 inline-block" />
      </div>

      {event.isClubMember ? null : (
        <p className="mb-4 rounded-lg border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" data-testid="not-club-member">
          {t('detail.notMember', { club: clubName })}{' '}
          <Link href="/clubs" className="font-medium underline">
            {t('detail.joinClub')}
          </Link>
        </p>
      )}

      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <dl className="divide-y divide-gray-100">
            <EventDetail label={t('detail.when')}>
              <time dateTime={new Date(event.startsAt).toISOString()}>{range(event.startsAt, event.endsAt)}</time>
            </EventDetail>
            <EventDetail label={t('detail.where')}>
              <TypedText text={localizedPlace(locale, event)} testId="event-venue" />
            </EventDetail>
            <EventDetail label={t('detail.registration')}>
              {range(event.regOpensAt, event.regClosesAt)}
              {event.vipOpensAt !== null ? (
                <span className="mt-1 block text-gray-700" data-testid="vip-window">
                  {t('detail.vipWindow', { range: range(event.vipOpensAt, event.regOpensAt) })}
                </span>
              ) : null}
            </EventDetail>
            <EventDetail label={t('detail.capacity')}>
              <span data-testid="event-capacity">{t('detail.capacityValue', { capacity: event.capacity })}</span>
              {event.status === 'published' ? (
                <span className="ml-3" data-testid="event-seats">
                  <MemberSeatsLeft seatsLeft={event.seatsLeft} />
                </span>
              ) : null}
            </EventDetail>
            <EventDetail label={t('detail.price')}>
              <span data-testid="event-price">
                <PriceLabel priceType={event.priceType} priceFen={event.priceFen} pricePoints={event.pricePoints} />
              </span>
            </EventDetail>
            <EventDetail label={t('detail.segments')}>{format.list(event.eligibleSegments.map((s) => ts(s)))}</EventDetail>
          </dl>
        </Card>
        <div className="space-y-4">
          {registering ? (
            <EventRegistration
              event={event}
              customer={registering.customer}
              state={registering.state}
              ticketHref={registering.ticketHref}
              clubName={clubName}
              // A fresh key per page view: a double submit of this form is replayed, not registered twice.
              idempotencyKey={crypto.randomUUID()}
              action={registerMe}
              reminder={{ reminded: registering.reminded, remind: remindMe, forget: forgetReminder }}
            />
          ) : null}
          <Card>
            <h2 className="text-base font-semibold">{t('detail.calendarTitle')}</h2>
            <p className="mt-1 text-sm text-gray-600">{t('detail.calendarHint')}</p>
            {/* A plain link: the route answers with a file download, not a page to navigate to. */}
            <a href={`/events/${event.id}/ics`} download={`event-${event.id}.ics`} className={buttonClass('secondary', 'mt-3')}>
              {t('detail.addToCalendar')}
            </a>
          </Card>
        </div>
      </div>

      <div className="mt-6 empty:hidden">
        <MemberFeedback eventId={event.id} mine={myFeedback} action={submitMyFeedback} />
      </div>

      {description ? (
        <section aria-labelledby="event-description-title" className="mt-6">
          <h2 id="event-description-title" className="mb-2 text-lg font-semibold">
            {t('detail.description')}
          </h2>
          <TypedText as="p" text={description} className="text-sm leading-relaxed break-words whitespace-pre-line text-gray-800" testId="event-description" />
        </section>
      ) : null}
    </>
  );
}
