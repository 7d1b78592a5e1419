import { getFormatter, getTranslations } from 'next-intl/server';
import type { ServiceStatistics } from '@/lib/server/stats';
import { tableBarChart } from './chart-props';
import { ChartTableSection } from './chart-table-section';
import { buildServiceTable, SERVICE_METRICS, type ServiceTableName } from './service-tables';
import { StatsSection } from './stats-section';
import type { StatsLabels } from './stats-tables';

/**
 * The handset club's services in the view's period and province: bookings by service, province,
 * hall and month, trial units and their return, loaner use. Club, segment, channel and event kind
 * filters concern events and do not apply here.
 */
export async function ServiceStatsSection({ statistics, labels, query }: { statistics: ServiceStatistics; labels: StatsLabels; query: string }) {
  const [t, format] = await Promise.all([getTranslations('stats'), getFormatter()]);
  const table = (name: ServiceTableName) => buildServiceTable(name, statistics, labels);
  const summary = table('services-summary');
  const byKind = table('services-kind');
  const top = statistics.byKind[0];
  return (
    <StatsSection
      id="service-stats"
      title={t('services.title')}
      scope={t('services.scope')}
      metrics={SERVICE_METRICS.map((m) => ({ key: m.key, cell: m.cell(statistics) }))}
      summary={summary}
      query={query}
      metricColumns="sm:grid-cols-5"
    >
      <div className="grid gap-6 lg:grid-cols-2">
        <ChartTableSection
          table={byKind}
          charts={[
            tableBarChart(
              byKind,
              [1, 2],
              top ? t('charts.servicesSummary', { count: statistics.byKind.length, top: labels.service(top.key), bookings: format.number(top.bookings), done: format.number(top.done) }) : t('charts.servicesEmpty'),
              'chart-services',
              true,
            ),
          ]}
          query={query}
        />
        <div className="min-w-0 space-y-6">
          <ChartTableSection table={table('services-province')} query={query} />
          <ChartTableSection table={table('services-hall')} query={query} />
        </div>
      </div>
      <ChartTableSection
        table={table('services-month')}
        charts={[tableBarChart(table('services-month'), [1, 2], t('charts.servicesByMonth', { bookings: format.number(statistics.bookings), done: format.number(statistics.done) }), 'chart-services-month', false)]}
        query={query}
      />
    </StatsSection>
  );
}
