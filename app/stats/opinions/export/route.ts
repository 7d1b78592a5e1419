import { refusalMessages } from '@/components/filters/filter-refusal';
import { opinionsCsv, opinionsXlsx } from '@/components/opinions/opinion-export';
import { loadOpinionVocabulary } from '@/components/opinions/opinion-vocabulary';
import { attachment, exportFormat } from '@/components/stats/stats-export';
import { AREA_ROLES } from '@/lib/domain/access';
import { requireActor } from '@/lib/server/guard';
import { problemFrom } from '@/lib/server/http';
import { filterProblem, readFilters } from '@/lib/server/query-filters';
import { exportOpinions } from '@/lib/server/opinions';
import { opinionFilters } from '@/lib/validation/opinions';

/** The opinions of the view (the same filters as the page, every page of it), as CSV or XLSX; customers masked. */
export async function GET(request: Request) {
  try {
    const actor = await requireActor(AREA_ROLES.statistics);
    const query = new URL(request.url).searchParams;
    const format = exportFormat.parse(query.get('format') ?? 'csv');
    const read = await readFilters(opinionFilters, Object.fromEntries(query));
    if (read.refusal) return filterProblem(read.refusal, (await refusalMessages(read.refusal)).join(' '));
    const filters = read.filters;
    const [rows, { labels }] = await Promise.all([exportOpinions(actor, filters), loadOpinionVocabulary()]);
    const body = format === 'csv' ? opinionsCsv(rows, labels) : await opinionsXlsx(rows, labels);
    return attachment(body, format, `opinions-${filters.from ?? 'last-90-days'}${filters.to ? `_${filters.to}` : ''}.${format}`);
  } catch (error) {
    return problemFrom(error);
  }
}
