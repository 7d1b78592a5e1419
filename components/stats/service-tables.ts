import type { ServiceStatistics } from '@/lib/server/stats';
import { cell, metricsTable, type StatsCell, type StatsLabels, type StatsTable } from './stats-tables';

/** The handset club's service tables: like the participation tables, each is shown and exported as the same rows. */
export const SERVICE_TABLES = ['services-summary', 'services-kind', 'services-province', 'services-hall', 'services-month'] as const;
export type ServiceTableName = (typeof SERVICE_TABLES)[number];

export const isServiceTable = (name: string): name is ServiceTableName => (SERVICE_TABLES as readonly string[]).includes(name);

const { count, rate, text } = cell;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** The headline numbers of the services, in the order of the page and of the summary export. */
export const SERVICE_METRICS: { key: string; cell: (s: ServiceStatistics) => StatsCell }[] = [
  { key: 'serviceBookings', cell: (s) => count(s.bookings) },
  { key: 'servicesDone', cell: (s) => count(s.done) },
  { key: 'servicesCancelled', cell: (s) => count(s.cancelled) },
  { key: 'trialUnits', cell: (s) => count(s.trialUnits) },
  { key: 'trialsHandedOver', cell: (s) => count(s.trialsHandedOver) },
  { key: 'trialsReturned', cell: (s) => count(s.trialsReturned) },
  { key: 'trialsLate', cell: (s) => count(s.trialsLate) },
  { key: 'trialReturnRate', cell: (s) => rate(s.trialReturnRate) },
  { key: 'loanerPhones', cell: (s) => count(s.loanerPhones) },
  { key: 'loanerUtilisation', cell: (s) => rate(s.loanerUtilisation) },
];

export function buildServiceTable(name: ServiceTableName, s: ServiceStatistics, l: StatsLabels): StatsTable {
  const title = l.t(`tables.${name}`);
  const columns = [
    { label: l.t('columns.serviceBookings'), numeric: true },
    { label: l.t('columns.servicesDone'), numeric: true },
    { label: l.t('columns.completionRate'), numeric: true },
  ];
  const rows = (groups: ServiceStatistics['byKind'], nameOf: (key: string) => string) =>
    groups.map((g) => ({ key: g.key, cells: [text(nameOf(g.key)), count(g.bookings), count(g.done), rate(share(g.done, g.bookings))] }));
  switch (name) {
    case 'services-summary':
      return metricsTable(name, SERVICE_METRICS, s, l);
    case 'services-kind':
      return { name, title, columns: [{ label: l.t('columns.service'), numeric: false }, ...columns], rows: rows(s.byKind, l.service) };
    case 'services-province':
      return { name, title, columns: [{ label: l.t('columns.province'), numeric: false }, ...columns], rows: rows(s.byProvince, l.province) };
    case 'services-hall': {
      const names = new Map(s.byHall.map((h) => [h.key, h.nameZh === null ? l.t('onSite') : l.title(h.nameZh, h.nameEn)]));
      return { name, title, columns: [{ label: l.t('columns.hall'), numeric: false }, ...columns], rows: rows(s.byHall, (key) => names.get(key) ?? key) };
    }
    case 'services-month':
      return { name, title, columns: [{ label: l.t('columns.month'), numeric: false, nowrap: true }, ...columns], rows: rows(s.byMonth, (m) => m) };
  }
}
