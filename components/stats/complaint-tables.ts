import type { ComplaintGroup, ComplaintSummary } from '@/lib/domain/complaint-stats';
import { cell, metricsTable, type StatsCell, type StatsLabels, type StatsTable } from './stats-tables';

/** The complaint tables: like the participation tables, each is shown and exported as the same rows. */
export const COMPLAINT_TABLES = ['complaints-summary', 'complaints-topic', 'complaints-province', 'complaints-channel', 'complaints-month'] as const;
export type ComplaintTableName = (typeof COMPLAINT_TABLES)[number];

export const isComplaintTable = (name: string): name is ComplaintTableName => (COMPLAINT_TABLES as readonly string[]).includes(name);

const { count, rate, hours, text } = cell;
const rating = (value: number | null): StatsCell => ({ format: 'rating', value });

/** The headline numbers of complaint handling, in the order of the page and of the summary export. */
export const COMPLAINT_METRICS: { key: string; cell: (s: ComplaintSummary) => StatsCell }[] = [
  { key: 'complaintsReceived', cell: (s) => count(s.received) },
  { key: 'complaintsAnswered', cell: (s) => count(s.answered) },
  { key: 'complaintsOpen', cell: (s) => count(s.open) },
  { key: 'complaintsVipShare', cell: (s) => rate(s.vipShare) },
  { key: 'complaintsMedianHours', cell: (s) => hours(s.medianHours) },
  { key: 'complaintsMedianHoursVip', cell: (s) => hours(s.medianHoursVip) },
  { key: 'complaintsMedianHoursOthers', cell: (s) => hours(s.medianHoursOthers) },
  { key: 'complaintsInTimeRate', cell: (s) => rate(s.inTimeRate) },
  { key: 'complaintsInTimeRateVip', cell: (s) => rate(s.inTimeRateVip) },
  { key: 'complaintsInTimeRateOthers', cell: (s) => rate(s.inTimeRateOthers) },
  { key: 'complaintsReopened', cell: (s) => count(s.reopened) },
  { key: 'complaintsSatisfaction', cell: (s) => rating(s.satisfaction) },
  { key: 'complaintsSatisfactionVip', cell: (s) => rating(s.satisfactionVip) },
  { key: 'complaintsRatings', cell: (s) => count(s.ratings) },
  { key: 'complaintsOldestOpenHours', cell: (s) => hours(s.oldestOpenHours) },
  { key: 'suggestionsReceived', cell: (s) => count(s.suggestions) },
];

export function buildComplaintTable(name: ComplaintTableName, s: ComplaintSummary, l: StatsLabels): StatsTable {
  const title = l.t(`tables.${name}`);
  const columns = (first: string) => [
    { label: l.t(`columns.${first}`), numeric: false, nowrap: first === 'month' },
    { label: l.t('columns.complaintsReceived'), numeric: true },
    { label: l.t('columns.complaintsAnswered'), numeric: true },
    { label: l.t('columns.complaintsOpen'), numeric: true },
    { label: l.t('columns.complaintsMedianHours'), numeric: true },
    { label: l.t('columns.complaintsInTimeRate'), numeric: true },
    { label: l.t('columns.complaintsReopened'), numeric: true },
    { label: l.t('columns.complaintsSatisfaction'), numeric: true },
    { label: l.t('columns.complaintsRatings'), numeric: true },
  ];
  const rows = (groups: ComplaintGroup[], nameOf: (key: string) => string) =>
    groups.map((g) => ({
      key: g.key,
      cells: [text(nameOf(g.key)), count(g.received), count(g.answered), count(g.open), hours(g.medianHours), rate(g.inTimeRate), count(g.reopened), rating(g.satisfaction), count(g.ratings)],
    }));
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
