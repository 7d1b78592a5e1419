import { getTranslations } from 'next-intl/server';
import type { WarrantyStatistics } from '@/lib/server/warranty-stats';
import { ChartTableSection } from './chart-table-section';
import { StatsSection } from './stats-section';
import type { StatsLabels } from './stats-tables';
import { buildWarrantyTable, WARRANTY_METRICS, type WarrantyTableName } from './warranty-tables';

/**
 * Nationwide warranty repairs (全国联保) in the view's period, counted for both provinces each
 * concerns: served here (of them, handsets sold elsewhere) and sold here, served elsewhere.
 */
export async function WarrantyStatsSection({ statistics, labels, query }: { statistics: WarrantyStatistics; labels: StatsLabels; query: string }) {
  const t = await getTranslations('stats');
  const table = (name: WarrantyTableName) => buildWarrantyTable(name, statistics, labels);
  return (
    <StatsSection
      id="warranty-stats"
      title={t('warranty.title')}
      scope={t('warranty.scope')}
      metrics={WARRANTY_METRICS.map((m) => ({ key: m.key, cell: m.cell(statistics) }))}
      summary={table('warranty-summary')}
      query={query}
      metricColumns="sm:grid-cols-2"
    >
      <ChartTableSection table={table('warranty-province')} query={query} />
      <ChartTableSection table={table('warranty-month')} query={query} />
    </StatsSection>
  );
}
