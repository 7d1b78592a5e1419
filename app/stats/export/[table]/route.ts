import { refusalMessages } from '@/components/filters/filter-refusal';
import { attachment, exportFileName, exportFormat, tableCsv, tableXlsx } from '@/components/stats/stats-export';
import { buildComplaintTable, isComplaintTable } from '@/components/stats/complaint-tables';
import { buildHallVisitTable, isHallVisitTable } from '@/components/stats/hall-visit-tables';
import { buildServiceTable, isServiceTable } from '@/components/stats/service-tables';
import { STATS_TABLES, buildStatsTable, type StatsTableName } from '@/components/stats/stats-tables';
import { buildWarrantyTable, isWarrantyTable } from '@/components/stats/warranty-tables';
import { loadStatsVocabulary } from '@/components/stats/stats-vocabulary';
import { AREA_ROLES } from '@/lib/domain/access';
import { notFound } from '@/lib/domain/errors';
import { shanghaiYear } from '@/lib/domain/time';
import { requireActor } from '@/lib/server/guard';
import { problemFrom } from '@/lib/server/http';
import { filterProblem, readFilters } from '@/lib/server/query-filters';
import { getHallVisitStatistics } from '@/lib/server/hall-visit-stats';
import { getComplaintStatistics, getServiceStatistics, getStatistics } from '@/lib/server/stats';
import { getWarrantyStatistics } from '@/lib/server/warranty-stats';
import { statsFilters } from '@/lib/validation/stats';

const isTable = (name: string): name is StatsTableName => (STATS_TABLES as readonly string[]).includes(name);

/** One table of the statistics page (participation, handset services, complaints, hall service levels or warranty repairs), exactly as the page shows it for the same filters, as CSV or XLSX. */
export async function GET(request: Request, { params }: { params: Promise<{ table: string }> }) {
  try {
    const actor = await requireActor(AREA_ROLES.statistics);
    const { table } = await params;
    if (!isTable(table) && !isServiceTable(table) && !isComplaintTable(table) && !isHallVisitTable(table) && !isWarrantyTable(table)) throw notFound();
    const query = new URL(request.url).searchParams;
    const format = exportFormat.parse(query.get('format') ?? 'csv');
    const read = await readFilters(statsFilters, Object.fromEntries(query));
    if (read.refusal) return filterProblem(read.refusal, (await refusalMessages(read.refusal)).join(' '));
    const filters = read.filters;
    const now = Date.now();
    const { labels } = await loadStatsVocabulary();
    const data = isServiceTable(table)
      ? buildServiceTable(table, await getServiceStatistics(actor, filters, now), labels)
      : isComplaintTable(table)
        ? buildComplaintTable(table, await getComplaintStatistics(actor, filters, now), labels)
        : isHallVisitTable(table)
          ? buildHallVisitTable(table, await getHallVisitStatistics(actor, filters, now), labels)
          : isWarrantyTable(table)
            ? buildWarrantyTable(table, await getWarrantyStatistics(actor, filters, now), labels)
            : buildStatsTable(table, await getStatistics(actor, filters, now), labels);
    const body = format === 'csv' ? tableCsv(data) : await tableXlsx(data);
    return attachment(body, format, exportFileName(table, filters, shanghaiYear(now), format));
  } catch (error) {
    return problemFrom(error);
  }
}
