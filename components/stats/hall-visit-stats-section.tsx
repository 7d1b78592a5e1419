import { getTranslations } from 'next-intl/server';
import type { HallVisitStatistics } from '@/lib/server/hall-visit-stats';
import { ChartTableSection } from './chart-table-section';
import { buildHallVisitTable, HALL_VISIT_METRICS, type HallVisitTableName } from './hall-visit-tables';
import { StatsSection } from './stats-section';
import type { StatsLabels } from './stats-tables';

/**
 * Service levels at the halls and 3G brand stores in the view's period and province (plan 四(二)1:
 * a wait of at most 5 minutes, at most 10 per transaction, VIPs first): medians, 90th percentiles
 * and shares within the targets, VIPs and others apart, by province, hall and month.
 */
export async function HallVisitStatsSection({ statistics, labels, query }: { statistics: HallVisitStatistics; labels: StatsLabels; query: string }) {
  const t = await getTranslations('stats');
  const table = (name: HallVisitTableName) => buildHallVisitTable(name, statistics, labels);
  return (
    <StatsSection
      id="hall-stats"
      title={t('halls.title')}
      scope={t('halls.scope')}
      metrics={HALL_VISIT_METRICS.map((m) => ({ key: m.key, cell: m.cell(statistics) }))}
      summary={table('halls-summary')}
      query={query}
      metricColumns="sm:grid-cols-4"
    >
      <ChartTableSection table={table('halls-province')} query={query} />
      <ChartTableSection table={table('halls-hall')} query={query} />
      <ChartTableSection table={table('halls-month')} query={query} />
    </StatsSection>
  );
}
