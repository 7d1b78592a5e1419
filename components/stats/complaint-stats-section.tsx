import { getFormatter, getTranslations } from 'next-intl/server';
import type { ComplaintSummary } from '@/lib/domain/complaint-stats';
import { tableBarChart } from './chart-props';
import { ChartTableSection } from './chart-table-section';
import { buildComplaintTable, COMPLAINT_METRICS, type ComplaintTableName } from './complaint-tables';
import { StatsSection } from './stats-section';
import type { StatsLabels } from './stats-tables';

/**
 * Complaint handling in the view's period and province: how many came in and were answered, how
 * fast and how many by their deadline (3G VIPs against everyone else), reopened and rated by the
 * customers, the oldest still waiting, and the suggestions beside them; by topic, province, channel
 * and month of filing.
 */
export async function ComplaintStatsSection({ statistics, labels, query }: { statistics: ComplaintSummary; labels: StatsLabels; query: string }) {
  const [t, format] = await Promise.all([getTranslations('stats'), getFormatter()]);
  const table = (name: ComplaintTableName) => buildComplaintTable(name, statistics, labels);
  const summary = table('complaints-summary');
  const byTopic = table('complaints-topic');
  const byMonth = table('complaints-month');
  const top = statistics.byTopic[0];
  return (
    <StatsSection
      id="complaint-stats"
      title={t('complaints.title')}
      scope={t('complaints.scope')}
      metrics={COMPLAINT_METRICS.map((m) => ({ key: m.key, cell: m.cell(statistics) }))}
      summary={summary}
      query={query}
      metricColumns="sm:grid-cols-4"
    >
      <div className="grid gap-6 lg:grid-cols-2">
        <ChartTableSection
          table={byTopic}
          charts={[
            tableBarChart(
              byTopic,
              [1, 2],
              top ? t('charts.complaintsSummary', { count: statistics.byTopic.length, top: labels.complaintTopic(top.key), received: format.number(top.received), answered: format.number(top.answered) }) : t('charts.complaintsEmpty'),
              'chart-complaints',
              true,
            ),
          ]}
          query={query}
        />
        <div className="min-w-0 space-y-6">
          <ChartTableSection table={table('complaints-province')} query={query} />
          <ChartTableSection table={table('complaints-channel')} query={query} />
        </div>
      </div>
      <ChartTableSection
        table={byMonth}
        charts={[tableBarChart(byMonth, [1, 2], t('charts.complaintsByMonth', { received: format.number(statistics.received), answered: format.number(statistics.answered) }), 'chart-complaints-month', false)]}
        query={query}
      />
    </StatsSection>
  );
}
