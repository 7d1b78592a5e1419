import type { Statistics } from '@/lib/server/stats';
import type { Formatter } from './format-cell';
import type { StatsChartProps } from './stats-chart';
import type { StatsLabels, StatsTable } from './stats-tables';

type Translate = StatsLabels['t'];

/** The two trend charts: registrations and attendees as lines, events held and members joined as bars. */
export function trendCharts(s: Statistics, t: Translate, format: Formatter): StatsChartProps[] {
  const months = s.trend.map((m) => m.month);
  const range = { from: months[0] ?? '', to: months.at(-1) ?? '' };
  const peak = s.trend.reduce<Statistics['trend'][number] | undefined>((best, m) => (m.registrations > (best?.registrations ?? 0) ? m : best), undefined);
  return [
    {
      kind: 'line',
      categories: months,
      series: [
        { name: t('columns.registrations'), data: s.trend.map((m) => m.registrations) },
        { name: t('columns.attendees'), data: s.trend.map((m) => m.attendees) },
      ],
      label: peak
        ? t('charts.activitySummary', { ...range, registrations: format.number(s.registrations), attendees: format.number(s.attendees), peakMonth: peak.month, peak: format.number(peak.registrations) })
        : t('charts.activityEmpty', range),
      testId: 'chart-activity',
    },
    {
      kind: 'bar',
      categories: months,
      series: [
        { name: t('columns.eventsHeld'), data: s.trend.map((m) => m.eventsHeld) },
        { name: t('columns.membersJoined'), data: s.trend.map((m) => m.membersJoined) },
      ],
      label: t('charts.growthSummary', {
        ...range,
        held: format.number(s.trend.reduce((n, m) => n + m.eventsHeld, 0)),
        joined: format.number(s.trend.reduce((n, m) => n + m.membersJoined, 0)),
      }),
      testId: 'chart-growth',
    },
  ];
}

type Breakdown = Statistics['byClub' | 'byProvince' | 'bySegment' | 'byChannel'][number];

/** Registrations and attendees per club, province, segment or channel, largest first. */
export function breakdownChart(dimension: 'club' | 'province' | 'segment' | 'channel', rows: Breakdown[], nameOf: (key: string) => string, t: Translate, format: Formatter): StatsChartProps {
  const categories = rows.map((r) => nameOf(r.key));
  const top = rows[0];
  const name = t(`columns.${dimension}`);
  return {
    kind: 'bar',
    horizontal: true,
    categories,
    series: [
      { name: t('columns.registrations'), data: rows.map((r) => r.registrations) },
      { name: t('columns.attendees'), data: rows.map((r) => r.attendees) },
    ],
    label:
      top && top.registrations > 0
        ? t('charts.breakdownSummary', { dimension: name, count: rows.length, top: nameOf(top.key), registrations: format.number(top.registrations), attendees: format.number(top.attendees) })
        : t('charts.breakdownEmpty', { dimension: name }),
    testId: `chart-${dimension}`,
  };
}

/**
 * Bars of some count columns of a table (each row a category, named by its first cell), drawn
 * from the very cells the table shows.
 */
export function tableBarChart(table: StatsTable, columns: number[], label: string, testId: string, horizontal: boolean): StatsChartProps {
  return {
    kind: 'bar',
    horizontal,
    categories: table.rows.map((r) => (r.cells[0]?.format === 'text' ? r.cells[0].value : r.key)),
    series: columns.map((i) => ({
      name: table.columns[i]!.label,
      data: table.rows.map((r) => {
        const cell = r.cells[i];
        return cell?.format === 'count' ? cell.value : 0;
      }),
    })),
    label,
    testId,
  };
}
