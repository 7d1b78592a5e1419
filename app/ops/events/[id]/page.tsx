import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { EventAttendance } from '@/components/attendance/event-attendance';
import { CoverForm } from '@/components/covers/cover-form';
import { EventActions } from '@/components/events/event-actions';
import { EventForm } from '@/components/events/event-form';
import { EventStatusBadge } from '@/components/events/event-status-badge';
import { PriceLabel } from '@/components/events/price-label';
import { EventFeedbackSummary } from '@/components/feedback/event-feedback-summary';
import { PageHeader, Stat } from '@/components/ui/page';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { coverUrl, MAX_COVER_BYTES } from '@/lib/domain/cover-images';
import { DomainError } from '@/lib/domain/errors';
import { fenToYuanText } from '@/lib/domain/money';
import { toShanghaiLocal } from '@/lib/domain/time';
import type { EventStatus } from '@/lib/domain/types';
import { localized, localizedPlace } from '@/lib/i18n/localized';
import { getAttendanceSheet, getEventFeedback } from '@/lib/server/attendance';
import { clubNamesIn } from '@/lib/server/club-names';
import { eventOwnCover } from '@/lib/server/covers';
import { getStaffEvent } from '@/lib/server/events';
import { requirePageActor } from '@/lib/server/guard';
import { listProvinces } from '@/lib/server/provinces';
import { cancelEventAction, publishEventAction, updateEventAction } from '../actions';
import { eventFormOptions } from '../form-options';
import { closeEventAction, correctAttendanceAction } from './attendance-actions';
import { removeEventCoverAction, setEventCoverAction } from './cover-actions';
import { TypedText } from '@/components/ui/typed-text';

async function loadEvent(actor: Awaited<ReturnType<typeof requirePageActor>>, eventId: number) {
  try {
    return await getStaffEvent(actor, eventId);
  } catch (error) {
    if (error instanceof DomainError && error.category === 'not_found') notFound();
    throw error;
  }
}

/** A published or completed event's attendance sheet and, once closed, its feedback, with when they were read. */
async function loadAttendance(actor: Actor, eventId: number, status: EventStatus) {
  if (status !== 'published' && status !== 'completed') return null;
  const [sheet, feedback] = await Promise.all([getAttendanceSheet(actor, eventId), status === 'completed' ? getEventFeedback(actor, eventId) : null]);
  return { rows: sheet.rows, feedback, now: Date.now() };
}

export default async function StaffEventPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(AREA_ROLES.operations, `/ops/events/${id}`);
  const eventId = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(eventId) || eventId <= 0) notFound();
  const event = await loadEvent(actor, eventId);
  const locale = await getLocale();
  const [{ clubs }, attendance, clubNames, provinces, cover, t, tf, tk, ts, tc, format] = await Promise.all([
    eventFormOptions(actor, locale),
    loadAttendance(actor, event.id, event.status),
    clubNamesIn(locale),
    listProvinces(),
    eventOwnCover(event.id),
    getTranslations('opsEvents'),
    getTranslations('eventForm'),
    getTranslations('eventKinds'),
    getTranslations('segments'),
    getTranslations('covers'),
    getFormatter(),
  ]);
  const province = provinces.find((p) => p.code === event.provinceCode);
  const clubName = clubNames[event.clubCode] ?? event.clubCode;
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const span = (from: number, to: number) => format.dateTimeRange(new Date(from), new Date(to), { dateStyle: 'medium', timeStyle: 'short' });
  const open = event.status === 'draft' || event.status === 'published';
  const description = localized(locale, event.descriptionZh, event.descriptionEn);
  const title = localized(locale, event.titleZh, event.titleEn);

  const details: ([string, ReactNode] | null)[] = [
    [tf('club'), clubName],
    [tf('kind'), tk(event.kind)],
    [tf('province'), province ? localized(locale, province.nameZh, province.nameEn) : event.provinceCode],
    [tf('venue'), <TypedText key="venue" text={localizedPlace(locale, event)} />],
    [t('time'), span(event.startsAt, event.endsAt)],
    [t('registration'), span(event.regOpensAt, event.regClosesAt)],
    [t('vipWindow'), event.vipOpensAt === null ? t('noVipWindow') : span(event.vipOpensAt, event.regOpensAt)],
    [tf('price'), <PriceLabel key="price" priceType={event.priceType} priceFen={event.priceFen} pricePoints={event.pricePoints} />],
    [tf('segments'), format.list(event.eligibleSegments.map((s) => ts(s)))],
    event.titleEn && locale !== 'en' ? [tf('titleEn'), event.titleEn] : null,
    event.venueEn && locale !== 'en' ? [tf('venueEn'), event.venueEn] : null,
    event.seriesId !== null ? [t('series'), t('seriesNote', { id: event.seriesId })] : null,
    event.publishedAt !== null ? [t('publishedAt'), when(event.publishedAt)] : null,
    event.cancelledAt !== null ? [t('cancelledAt'), when(event.cancelledAt)] : null,
  ];

  return (
    <>
      <PageHeader
        title={title}
        description={`${clubName} · ${tk(event.kind)}`}
        actions={
          <span data-testid="event-status" className="self-center">
            <EventStatusBadge status={event.status} />
          </span>
        }
      />
      <div className="space-y-6">
        <Link href="/ops/events" className="text-sm text-brand-700 underline">
          {t('backToList')}
        </Link>
        <dl className="grid gap-3 sm:grid-cols-3">
          <Stat label={t('seatsTaken')} value={<span data-testid="event-seats">{t('seatsOf', { taken: event.taken, capacity: event.capacity })}</span>} />
          <Stat label={t('seatsLeft')} value={Math.max(0, event.capacity - event.taken)} />
          <Stat label={t('waiting')} value={event.waitlisted} />
        </dl>
        <section className="rounded-lg border border-gray-200 bg-white p-4">
          <h2 className="mb-3 text-lg font-semibold">{t('details')}</h2>
          <dl className="grid gap-x-6 gap-y-3 sm:grid-cols-2">
            {details.filter((d) => d !== null).map(([label, value]) => (
              <div key={label}>
                <dt className="text-sm text-gray-600">{label}</dt>
                <dd className="text-sm text-gray-900">{value}</dd>
              </div>
            ))}
          </dl>
          {description ? <TypedText as="p" text={description} className="mt-4 text-sm whitespace-pre-line text-gray-800" /> : null}
        </section>
        {attendance ? (
          <EventAttendance
            event={{ id: event.id, status: event.status, endsAt: event.endsAt, completedAt: event.completedAt }}
            rows={attendance.rows}
            now={attendance.now}
            closeAction={closeEventAction}
            correctAction={correctAttendanceAction}
          />
        ) : null}
        {attendance?.feedback ? <EventFeedbackSummary summary={attendance.feedback} /> : null}
        {/* A completed or cancelled event has nothing left to publish or cancel. */}
        {open ? (
          <section className="rounded-lg border border-gray-200 bg-white p-4">
            <h2 className="mb-3 text-lg font-semibold">{t('manage')}</h2>
            {event.status === 'draft' ? <p className="mb-3 text-sm text-gray-600">{t('draftNote')}</p> : null}
            <EventActions eventId={event.id} status={event.status} publishAction={publishEventAction} cancelAction={cancelEventAction} />
          </section>
        ) : null}
        {open ? (
          <section className="rounded-lg border border-gray-200 bg-white p-4">
            <h2 className="mb-1 text-lg font-semibold">{tc('eventTitle')}</h2>
            <p className="mb-3 text-sm text-gray-600">{tc('eventIntro', { club: clubName })}</p>
            <CoverForm
              label={tc('eventTitle')}
              fields={{ eventId: String(event.id) }}
              current={cover ? { src: coverUrl(cover), alt: tc('eventAlt', { event: title }) } : null}
              club={event.clubCode}
              maxBytes={MAX_COVER_BYTES}
              upload={setEventCoverAction}
              remove={removeEventCoverAction}
            />
          </section>
        ) : null}
        {open ? (
          <section className="rounded-lg border border-gray-200 bg-white p-4">
            <h2 className="mb-3 text-lg font-semibold">{t('edit')}</h2>
            <EventForm
              mode="edit"
              action={updateEventAction}
              eventId={event.id}
              clubs={clubs}
              values={{
                clubCode: event.clubCode,
                kind: event.kind,
                titleZh: event.titleZh,
                titleEn: event.titleEn ?? '',
                descriptionZh: event.descriptionZh,
                descriptionEn: event.descriptionEn ?? '',
                venue: event.venue,
                venueEn: event.venueEn ?? '',
                city: event.city ?? '',
                capacity: String(event.capacity),
                priceType: event.priceType,
                priceYuan: event.priceType === 'fee' ? fenToYuanText(event.priceFen) : '',
                pricePoints: event.priceType === 'points' ? String(event.pricePoints) : '',
                eligibleSegments: event.eligibleSegments,
                startsAt: toShanghaiLocal(event.startsAt),
                endsAt: toShanghaiLocal(event.endsAt),
                regOpensAt: toShanghaiLocal(event.regOpensAt),
                regClosesAt: toShanghaiLocal(event.regClosesAt),
                vipOpensAt: event.vipOpensAt === null ? '' : toShanghaiLocal(event.vipOpensAt),
              }}
            />
          </section>
        ) : (
          <p className="rounded-md bg-gray-100 px-3 py-2 text-sm text-gray-700" data-testid="event-readonly">
            {t('locked')}
          </p>
        )}
      </div>
    </>
  );
}
