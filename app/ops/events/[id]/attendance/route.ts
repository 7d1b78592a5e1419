import { getTranslations } from 'next-intl/server';
import { csvDocument } from '@/lib/csv';
import { notFound } from '@/lib/domain/errors';
import { getAttendanceSheet } from '@/lib/server/attendance';
import { requireActor } from '@/lib/server/guard';
import { problemFrom } from '@/lib/server/http';

/**
 * An event's attendance sheet as CSV (UTF-8 with a BOM, CRLF, quoted, formulas defused, mobiles
 * as text: lib/csv), times in Beijing time to the minute. Analysts and staff of other provinces
 * get what the sheet gives them: names and numbers masked, and no short codes.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const actor = await requireActor(['operator', 'admin', 'analyst']);
    const { id } = await params;
    if (!/^[1-9]\d{0,15}$/.test(id) || !Number.isSafeInteger(Number(id))) throw notFound();
    const { event, rows } = await getAttendanceSheet(actor, Number(id));
    const [t, ts, tc] = await Promise.all([getTranslations('attendance'), getTranslations('segments'), getTranslations('channels')]);
    const columns = ['name', 'mobile', 'segment', 'status', 'checkedInAt', 'channel', 'shortCode'] as const;
    const body = csvDocument(
      columns.map((c) => t(`columns.${c}`)),
      rows.map((r) => [
        r.name,
        r.mobile,
        ts(r.segment),
        t(`status.${r.status}`),
        r.checkedInAt === null ? null : new Date(r.checkedInAt),
        tc(r.channel),
        // The short code gets a person through the door: only for those who may see who it is.
        r.masked ? '' : r.shortCode,
      ]),
    );
    return new Response(body, {
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
