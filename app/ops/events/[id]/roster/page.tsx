import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getFormatter, getLocale, getTranslations } from 'next-intl/server';
import { PrintButton } from '@/components/attendance/print-button';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { localized, localizedPlace } from '@/lib/i18n/localized';
import { getAttendanceSheet } from '@/lib/server/attendance';
import { getStaffEvent } from '@/lib/server/events';
import { requirePageActor } from '@/lib/server/guard';
import { orPageError } from '@/lib/server/page-errors';

export async function generateMetadata() {
  const t = await getTranslations('attendance');
  return { title: t('rosterHeading') };
}

/** The event, its ticket holders (by name) and when this was read, which the printout states. */
async function loadRoster(actor: Actor, eventId: number) {
  const [event, sheet] = await orPageError(Promise.all([getStaffEvent(actor, eventId), getAttendanceSheet(actor, eventId)]));
  return { event, rows: sheet.rows, printedAt: Date.now() };
}

/** A sign-in sheet to print for the door: who holds a ticket, their short code, and room to sign. */
export default async function RosterPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requirePageActor(AREA_ROLES.operations, `/ops/events/${id}/roster`);
  if (!/^[1-9]\d{0,15}$/.test(id) || !Number.isSafeInteger(Number(id))) notFound();
  const { event, rows, printedAt } = await loadRoster(actor, Number(id));
  const [t, ts, format, locale] = await Promise.all([getTranslations('attendance'), getTranslations('segments'), getFormatter(), getLocale()]);
  const title = localized(locale, event.titleZh, event.titleEn);
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const cell = 'border border-gray-400 px-2 py-2 text-left align-middle';

  return (
    <article className="print:text-xs" aria-labelledby="roster-title">
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3">
        <Link href={`/ops/events/${event.id}`} className="text-sm text-brand-700 underline">
          {t('backToEvent')}
        </Link>
        <PrintButton label={t('print')} />
      </div>
      <h1 id="roster-title" className="text-xl font-semibold break-words text-gray-900">
        {t('rosterTitle', { event: title })}
      </h1>
      <p className="mt-1 text-sm text-gray-700">
        {format.dateTimeRange(new Date(event.startsAt), new Date(event.endsAt), { dateStyle: 'medium', timeStyle: 'short' })} · {localizedPlace(locale, event)}
      </p>
      <p className="mt-1 text-xs text-gray-600">{t('printedAt', { time: when(printedAt), count: rows.length })}</p>
      {rows.length === 0 ? (
        <p className="mt-4 text-sm text-gray-600">{t('empty')}</p>
      ) : (
        // Focusable and named: on a phone the roster scrolls sideways, which a keyboard can do only once it is focused.
        <div role="region" aria-labelledby="roster-title" tabIndex={0} className="mt-4 overflow-x-auto focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-500 print:overflow-visible">
          <table className="w-full border-collapse text-sm print:text-xs" data-testid="roster">
            <thead>
              <tr className="bg-gray-100">
                {[t('columns.number'), t('columns.name'), t('columns.mobile'), t('columns.segment'), t('columns.shortCode'), t('columns.status'), t('columns.signature')].map((h) => (
                  <th key={h} scope="col" className={`${cell} font-medium whitespace-nowrap`}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.registrationId} className="break-inside-avoid">
                  <td className={`${cell} tabular-nums`}>{i + 1}</td>
                  <td className={`${cell} font-medium whitespace-nowrap`}>{r.name}</td>
                  <td className={`${cell} whitespace-nowrap tabular-nums`}>{r.mobile}</td>
                  <td className={`${cell} whitespace-nowrap`}>{ts(r.segment)}</td>
                  <td className={`${cell} font-mono whitespace-nowrap`}>{r.masked ? '' : r.shortCode}</td>
                  <td className={`${cell} whitespace-nowrap`}>{t(`status.${r.status}`)}</td>
                  <td className={`${cell} w-1/4 min-w-32`} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}
