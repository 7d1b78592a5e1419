import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Table, Td } from '@/components/ui/table';
import type { EventStatus } from '@/lib/domain/types';
import type { FormState } from '@/lib/form-state';
import type { getAttendanceSheet } from '@/lib/server/attendance';
import { AttendanceCorrection } from './attendance-correction';
import { CloseEventPanel } from './close-event-panel';

type Action = (state: FormState, formData: FormData) => Promise<FormState>;
type SheetRow = Awaited<ReturnType<typeof getAttendanceSheet>>['rows'][number];

/**
 * The attendance part of the operators' event page: counts, closing the event once it has ended,
 * the attendance sheet and print roster, and after closing the list with a correction per row.
 */
export async function EventAttendance({
  event,
  rows,
  now,
  closeAction,
  correctAction,
}: {
  event: { id: number; status: EventStatus; endsAt: number; completedAt: number | null };
  rows: SheetRow[];
  now: number;
  closeAction: Action;
  correctAction: Action;
}) {
  const [t, ts, tc, format] = await Promise.all([getTranslations('attendance'), getTranslations('segments'), getTranslations('channels'), getFormatter()]);
  const completed = event.status === 'completed';
  const count = (status: SheetRow['status']) => rows.filter((r) => r.status === status).length;
  const attended = count('attended');
  const when = (ms: number) => format.dateTime(new Date(ms), { dateStyle: 'medium', timeStyle: 'short' });
  const stats = completed
    ? [
        [t('attendedCount'), attended],
        [t('noShowCount'), count('no_show')],
      ]
    : [
        [t('checkedInCount'), attended],
        [t('expectedCount'), rows.length],
      ];

  return (
    <section aria-labelledby="attendance-title" className="space-y-4 rounded-lg border border-gray-200 bg-white p-4" data-testid="attendance">
      <h2 id="attendance-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <dl className="flex flex-wrap gap-x-8 gap-y-2">
        {stats.map(([label, value]) => (
          <div key={label}>
            <dt className="text-sm text-gray-600">{label}</dt>
            <dd className="text-2xl font-semibold text-gray-900 tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <CloseEventPanel eventId={event.id} open={event.status === 'published'} ended={now >= event.endsAt} endsAt={event.endsAt} unchecked={count('confirmed')} action={closeAction} />
      {completed && event.completedAt !== null ? <p className="text-sm text-gray-700">{t('closedAt', { time: when(event.completedAt) })}</p> : null}
      <div className="flex flex-wrap gap-2">
        {/* A plain link: the route answers with a file download, not a page to navigate to. */}
        <a href={`/ops/events/${event.id}/attendance`} download={`attendance-${event.id}.csv`} className={buttonClass('secondary')}>
          {t('download')}
        </a>
        <Link href={`/ops/events/${event.id}/roster`} className={buttonClass('secondary')}>
          {t('roster')}
        </Link>
      </div>
      {completed ? (
        rows.length === 0 ? (
          <p className="text-sm text-gray-600">{t('empty')}</p>
        ) : (
          <Table caption={t('list')} head={[t('columns.name'), t('columns.mobile'), t('columns.segment'), t('columns.status'), t('columns.checkedInAt'), t('columns.channel'), t('columns.correction')]}>
            {rows.map((r) => (
              <tr key={r.registrationId} data-testid="attendance-row">
                <Td className="font-medium whitespace-nowrap">{r.name}</Td>
                <Td className="whitespace-nowrap tabular-nums">{r.mobile}</Td>
                <Td className="whitespace-nowrap">{ts(r.segment)}</Td>
                <Td className="whitespace-nowrap">
                  <span data-testid="attendance-status">{t(`status.${r.status}`)}</span>
                </Td>
                <Td className="whitespace-nowrap tabular-nums">{r.checkedInAt === null ? '—' : when(r.checkedInAt)}</Td>
                <Td className="whitespace-nowrap">{tc(r.channel)}</Td>
                <Td>
                  {r.status === 'attended' || r.status === 'no_show' ? (
                    <AttendanceCorrection eventId={event.id} registrationId={r.registrationId} attended={r.status === 'attended'} name={r.name} action={correctAction} />
                  ) : null}
                </Td>
              </tr>
            ))}
          </Table>
        )
      ) : null}
    </section>
  );
}
