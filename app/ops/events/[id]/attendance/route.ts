import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { getTranslations } from 'next-intl/server';
import { notFound } from '@/lib/domain/errors';
import { TIME_ZONE } from '@/lib/domain/types';
import { getAttendanceSheet } from '@/lib/server/attendance';
import { requireActor } from '@/lib/server/guard';
import { problemFrom } from '@/lib/server/http';

/**
 * One CSV field. A text starting with = + - @ would be run as a formula by a spreadsheet, so it is
 * prefixed with an apostrophe: names come from customer data that anyone could have typed.
 */
function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * An event's attendance sheet as CSV: UTF-8 with a BOM so that Excel reads the Chinese text, CRLF
 * line ends, times in Beijing time. Analysts and staff of other provinces get what the sheet gives
 * them: names and numbers masked, and no short codes.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor(['operator', 'admin', 'analyst']);
    const { id } = await params;
    if (!/^[1-9]\d{0,15}$/.test(id) || !Number.isSafeInteger(Number(id))) throw notFound();
    const { event, rows } = await getAttendanceSheet(actor, Number(id));
    const [t, ts, tc] = await Promise.all([getTranslations('attendance'), getTranslations('segments'), getTranslations('channels')]);
    const columns = ['name', 'mobile', 'segment', 'status', 'checkedInAt', 'channel', 'shortCode'] as const;
    const lines = [
      columns.map((c) => t(`columns.${c}`)),
      ...rows.map((r) => [
        r.name,
        r.mobile,
        ts(r.segment),
        t(`status.${r.status}`),
        r.checkedInAt === null ? '' : format(new TZDate(r.checkedInAt, TIME_ZONE), 'yyyy-MM-dd HH:mm:ss'),
        tc(r.channel),
        // The short code gets a person through the door: only for those who may see who it is.
        r.masked ? '' : r.shortCode,
      ]),
    ].map((fields) => fields.map(csvField).join(','));
    return new Response(`\uFEFF${lines.join('\r\n')}\r\n`, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="attendance-${event.id}.csv"`,
        'cache-control': 'no-store',
      },
    });
  } catch (error) {
    return problemFrom(error);
  }
}
