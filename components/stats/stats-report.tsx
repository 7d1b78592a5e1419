import { getFormatter, getTranslations } from 'next-intl/server';
import { Card } from '@/components/ui/page';
import type { Statistics } from '@/lib/server/stats';
import { breakdownChart, trendCharts } from './chart-props';
import { ChartTableSection } from './chart-table-section';
import { ExportLinks } from './export-links';
import { MetricCards } from './metric-cards';
import { buildStatsTable, type StatsLabels, type StatsTableName } from './stats-tables';

/** The report's sections in page order, by the id of their heading, for the page's index. */
export const REPORT_SECTIONS = [
  { id: 'section-summary', title: 'tables.summary' },
  ...(['trend', 'club', 'province', 'segment', 'channel', 'top-attendance', 'top-rating'] as const).map((name) => ({ id: `section-${name}`, title: `tables.${name}` as const })),
  { id: 'section-registrations', title: 'export.registrationsTitle' },
  { id: 'section-definitions', title: 'definitions.title' },
] as const;

const DEFINITIONS = ['registrations', 'attendanceRate', 'waitlist', 'participants', 'repeat', 'members', 'events', 'money', 'ratings', 'source'] as const;

/**
 * Everything the statistics page shows for one view: the numbers, the charts with their tables,
 * the downloads (`query` carries the view's filters to them) and what the numbers mean.
 */
export async function StatsReport({ statistics, labels, query, seesIdentities }: { statistics: Statistics; labels: StatsLabels; query: string; seesIdentities: boolean }) {
  const [t, format] = await Promise.all([getTranslations('stats'), getFormatter()]);
  const table = (name: StatsTableName) => buildStatsTable(name, statistics, labels);
  const summary = table('summary');
  return (
    <div className="space-y-6">
      <div id="section-summary" className="scroll-mt-4 space-y-2">
        <MetricCards statistics={statistics} />
        <ExportLinks path="/stats/export/summary" title={summary.title} query={query} />
      </div>
      <ChartTableSection table={table('trend')} charts={trendCharts(statistics, t, format)} query={query} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ChartTableSection table={table('club')} charts={[breakdownChart('club', statistics.byClub, labels.club, t, format)]} query={query} />
        <ChartTableSection table={table('province')} charts={[breakdownChart('province', statistics.byProvince, labels.province, t, format)]} query={query} />
        <ChartTableSection table={table('segment')} charts={[breakdownChart('segment', statistics.bySegment, labels.segment, t, format)]} query={query} />
        <ChartTableSection table={table('channel')} charts={[breakdownChart('channel', statistics.byChannel, labels.channel, t, format)]} query={query} />
      </div>
      <ChartTableSection table={table('top-attendance')} query={query} />
      <ChartTableSection table={table('top-rating')} query={query} />
      <Card className="space-y-2">
        <h2 id="section-registrations" className="scroll-mt-4 text-lg font-semibold text-gray-900">
          {t('export.registrationsTitle')}
        </h2>
        <p className="text-sm text-gray-700">{t(seesIdentities ? 'export.registrationsHintAdmin' : 'export.registrationsHint')}</p>
        <ExportLinks path="/stats/export/registrations" title={t('export.registrationsTitle')} query={query} />
      </Card>
      <Card>
        <h2 id="section-definitions" className="scroll-mt-4 text-lg font-semibold text-gray-900">
          {t('definitions.title')}
        </h2>
        <dl className="mt-2 space-y-2 text-sm text-gray-700">
          {DEFINITIONS.map((key) => (
            <div key={key}>
              <dt className="font-medium text-gray-900">{t(`definitions.${key}.term`)}</dt>
              <dd>{t(`definitions.${key}.text`)}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}
