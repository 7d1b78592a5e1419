import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { CheckinDoor } from '@/components/checkin/door';
import { PageHeader } from '@/components/ui/page';
import { AREA_ROLES } from '@/lib/domain/access';
import { localized, localizedPlace } from '@/lib/i18n/localized';
import { getCheckinRoster } from '@/lib/server/attendance';
import { getStaffEvent } from '@/lib/server/events';
import { requirePageActor } from '@/lib/server/guard';
import { orPageError } from '@/lib/server/page-errors';
import { checkinEventPath } from '@/lib/validation/checkin';

export default async function CheckinDoorPage({ params }: { params: Promise<{ eventId: string }> }) {
  const raw = await params;
  const actor = await requirePageActor(AREA_ROLES.operations, `/ops/checkin/${raw.eventId}`);
  const path = checkinEventPath.safeParse(raw);
  if (!path.success) notFound();
  const { eventId } = path.data;
  // The roster is the permission check: only the event's door staff get it.
  const roster = await orPageError(getCheckinRoster(actor, eventId));
  const [event, locale, t, tStatus, format] = await Promise.all([
    getStaffEvent(actor, eventId),
    getLocale(),
    getTranslations('checkin'),
    getTranslations('eventStatus'),
    getFormatter(),
  ]);
  const when = format.dateTimeRange(new Date(event.startsAt), new Date(event.endsAt), { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <>
      <PageHeader title={localized(locale, event.titleZh, event.titleEn)} description={`${when} · ${localizedPlace(locale, event)}`} />
      <div className="space-y-4">
        <Link href="/ops/checkin" className="text-sm text-brand-700 underline">
          {t('backToList')}
        </Link>
        {event.status !== 'published' ? (
          <p data-testid="checkin-notice" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
            {t('closedEvent', { status: tStatus(event.status) })}
          </p>
        ) : null}
        <CheckinDoor initialRoster={roster} />
      </div>
    </>
  );
}
