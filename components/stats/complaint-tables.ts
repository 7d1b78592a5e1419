import type { ComplaintGroup, ComplaintSummary } from '@/lib/domain/complaint-stats';
import { cell, metricsTable, type StatsCell, type StatsLabels, type StatsTable } from './stats-tables';

/** The complaint tables: like the participation tables, each is shown and exported as the same rows. */
export const COMPLAINT_TABLES = ['complaints-summary', 'complaints-topic', 'complaints-province', 'complaints-channel', 'complaints-month'] as const;
export type ComplaintTableName = (typeof COMPLAINT_TABLES)[number];

export const isComplaintTable = (name: string): name is ComplaintTableName => (COMPLAINT_TABLES as readonly string[]).includes(name);

const { count, rate, hours, text } = cell;

/** The headline numbers of complaint handling, in the order of the page and of the summary export. */
export const COMPLAINT_METRICS: { key: string; cell: (s: ComplaintSummary) => StatsCell }[] = [
  { key: 'complaintsReceived', cell: (s) => count(s.received) },
  { key: 'complaintsAnswered', cell: (s) => count(s.answered) },
  { key: 'complaintsOpen', cell: (s) => count(s.open) },
  { key: 'complaintsVipShare', cell: (s) => rate(s.vipShare) },
  { key: 'complaintsMedianHours', cell: (s) => hours(s.medianHours) },
  { key: 'complaintsMedianHoursVip', cell: (s) => hours(s.medianHoursVip) },
  { key: 'complaintsMedianHoursOthers', cell: (s) => hours(s.medianHoursOthers) },
  { key: 'complaintsOldestOpenHours', cell: (s) => hours(s.oldestOpenHours) },
];

export function buildComplaintTable(name: ComplaintTableName, s: ComplaintSummary, l: StatsLabels): StatsTable {
  const title = l.t(`tables.${name}`);
  const columns = (first: string) => [
    { label: l.t(`columns.${first}`), numeric: false, nowrap: first === 'month' },
    { label: l.t('columns.complaintsReceived'), numeric: true },
    { label: l.t('columns.complaintsAnswered'), numeric: true },
    { label: l.t('columns.complaintsOpen'), numeric: true },
    { label: l.t('columns.complaintsMedianHours'), numeric: true },
  ];
  const rows = (groups: ComplaintGroup[], nameOf: (key: string) => string) =>
    groups.map((g) => ({ key: g.key, cells: [text(nameOf(g.key)), count(g.received), count(g.answered), count(g.open), hours(g.medianHours)] }));
  switch (name) {
    case 'complaints-summary':
      return metricsTable(name, COMPLAINT_METRICS, s, l);
    case 'complaints-topic':
      return { name, title, columns: columns('complaintTopic'), rows: rows(s.byTopic, l.complaintTopic) };
    case 'complaints-province':
      return { name, title, columns: columns('province'), rows: rows(s.byProvince, l.province) };
    case 'complaints-channel':
      return { name, title, columns: columns('channel'), rows: rows(s.byChannel, l.channel) };
    case 'complaints-month':
      return { name, title, columns: columns('month'), rows: rows(s.byMonth, (m) => m) };
  }
}
