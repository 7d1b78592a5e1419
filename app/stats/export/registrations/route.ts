import { refusalMessages } from '@/components/filters/filter-refusal';
import { attachment, cellChunks, exportFileName, exportFormat, openCsvStream, openXlsxStream, registrationColumns } from '@/components/stats/stats-export';
import { loadStatsVocabulary } from '@/components/stats/stats-vocabulary';
import { AREA_ROLES } from '@/lib/domain/access';
import { shanghaiYear } from '@/lib/domain/time';
import { requireActor } from '@/lib/server/guard';
import { problemFrom } from '@/lib/server/http';
import { filterProblem, readFilters } from '@/lib/server/query-filters';
import { streamRegistrations } from '@/lib/server/stats';
import { statsFilters } from '@/lib/validation/stats';

/**
 * Every registration of the view, streamed (a national year is a million rows) as CSV or XLSX;
 * names and mobiles come masked from streamRegistrations for analysts and outside the viewer's scope.
 */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(AREA_ROLES.statistics);
    const query = new URL(request.url).searchParams;
    const format = exportFormat.parse(query.get('format') ?? 'csv');
    const read = await readFilters(statsFilters, Object.fromEntries(query));
    if (read.refusal) return filterProblem(read.refusal, (await refusalMessages(read.refusal)).join(' '));
    const filters = read.filters;
    const now = Date.now();
    const { labels } = await loadStatsVocabulary();
    const columns = registrationColumns(labels);
    const rows = cellChunks(streamRegistrations(actor, filters, now), columns);
    const body =
      format === 'csv'
        ? await openCsvStream(
            columns.map((c) => c.label),
            rows,
          )
        : await openXlsxStream(labels.t('export.registrationsSheet'), columns, rows);
    return attachment(body, format, exportFileName('registrations', filters, shanghaiYear(now), format));
  } catch (error) {
    return problemFrom(error);
  }
}
