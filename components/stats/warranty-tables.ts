import type { WarrantyStatistics } from '@/lib/server/warranty-stats';
import { cell, metricsTable, type StatsCell, type StatsLabels, type StatsTable } from './stats-tables';

/** The nationwide warranty's tables: like the other sections', each is shown and exported as the same rows. */
export const WARRANTY_TABLES = ['warranty-summary', 'warranty-province', 'warranty-month'] as const;
export type WarrantyTableName = (typeof WARRANTY_TABLES)[number];

export const isWarrantyTable = (name: string): name is WarrantyTableName => (WARRANTY_TABLES as readonly string[]).includes(name);

const { count, text } = cell;

/** The headline numbers: repairs the view concerns, and how many of them were served in another province than the one that sold the handset. */
export const WARRANTY_METRICS: { key: string; cell: (s: WarrantyStatistics) => StatsCell }[] = [
  { key: 'warrantyRepairs', cell: (s) => count(s.repairs) },
  { key: 'warrantyCrossProvince', cell: (s) => count(s.crossProvince) },
];

const COUNTS = ['warrantyServedHere', 'warrantyServedHereSoldElsewhere', 'warrantySoldHereServedElsewhere'] as const;

export function buildWarrantyTable(name: WarrantyTableName, s: WarrantyStatistics, l: StatsLabels): StatsTable {
  const measures = COUNTS.map((key) => ({ label: l.t(`columns.${key}`), numeric: true }));
  const counts = (c: WarrantyStatistics['byProvince'][number]) => [count(c.servedHere), count(c.servedHereSoldElsewhere), count(c.soldHereServedElsewhere)];
  switch (name) {
    case 'warranty-summary':
      return metricsTable(name, WARRANTY_METRICS, s, l);
    case 'warranty-province':
      return {
        name,
        title: l.t(`tables.${name}`),
        columns: [{ label: l.t('columns.province'), numeric: false }, ...measures],
        rows: s.byProvince.map((p) => ({ key: p.province, cells: [text(l.province(p.province)), ...counts(p)] })),
      };
    case 'warranty-month':
      return {
        name,
        title: l.t(`tables.${name}`),
        columns: [{ label: l.t('columns.month'), numeric: false, nowrap: true }, { label: l.t('columns.province'), numeric: false }, ...measures],
        rows: s.byMonth.map((m) => ({ key: `${m.month}-${m.province}`, cells: [text(m.month), text(l.province(m.province)), ...counts(m)] })),
      };
  }
}
