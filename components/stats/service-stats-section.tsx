import { getFormatter, getTranslations } from 'next-intl/server';
import type { ServiceStatistics } from '@/lib/server/stats';
import { tableBarChart } from './chart-props';
import { ChartTableSection } from './chart-table-section';
import { ExportLinks } from './export-links';
import { formatCell } from './format-cell';
import { buildServiceTable, SERVICE_METRICS, type ServiceTableName } from './service-tables';
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
    <section aria-labelledby="service-stats" className="space-y-4" data-testid="service-stats">
      <div>
        <h2 id="service-stats" className="text-xl font-semibold text-gray-900">
          {t('services.title')}
        </h2>
        <p className="mt-1 text-sm text-gray-600">{t('services.scope')}</p>
      </div>
      <div className="space-y-2 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
        <dl className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-5">
          {SERVICE_METRICS.map((metric) => (
            <div key={metric.key} data-testid={`metric-${metric.key}`}>
              <dt className="text-xs text-gray-600">{t(`metrics.${metric.key}`)}</dt>
              <dd className="mt-0.5 text-xl font-semibold text-gray-900 tabular-nums">{formatCell(metric.cell(statistics), format)}</dd>
            </div>
          ))}
        </dl>
        <ExportLinks path={`/stats/export/${summary.name}`} title={summary.title} query={query} />
      </div>
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
    </section>
  );
}
