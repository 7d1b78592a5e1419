import type { ServiceLevel, ServiceLevelGroup } from '@/lib/domain/hall-visits';
import type { HallVisitStatistics } from '@/lib/server/hall-visit-stats';
import { cell, type StatsCell, type StatsLabels, type StatsRow, type StatsTable } from './stats-tables';

/** The halls' service level tables: like the participation tables, each is shown and exported as the same rows. */
export const HALL_VISIT_TABLES = ['halls-summary', 'halls-province', 'halls-hall', 'halls-month'] as const;
export type HallVisitTableName = (typeof HALL_VISIT_TABLES)[number];

export const isHallVisitTable = (name: string): name is HallVisitTableName => (HALL_VISIT_TABLES as readonly string[]).includes(name);

const { count, rate, minutes, text } = cell;

/** The headline numbers: VIPs beside everyone else, against the plan's 5 and 10 minutes. */
export const HALL_VISIT_METRICS: { key: string; cell: (s: HallVisitStatistics) => StatsCell }[] = [
  { key: 'hallVisitsVip', cell: (s) => count(s.vip.visits) },
  { key: 'hallWaitMedianVip', cell: (s) => minutes(s.vip.medianWaitMinutes) },
  { key: 'hallWaitWithinVip', cell: (s) => rate(s.vip.waitWithinTarget) },
  { key: 'hallHandlingWithinVip', cell: (s) => rate(s.vip.handlingWithinTarget) },
  { key: 'hallVisitsOthers', cell: (s) => count(s.others.visits) },
  { key: 'hallWaitMedianOthers', cell: (s) => minutes(s.others.medianWaitMinutes) },
  { key: 'hallWaitWithinOthers', cell: (s) => rate(s.others.waitWithinTarget) },
  { key: 'hallHandlingWithinOthers', cell: (s) => rate(s.others.handlingWithinTarget) },
];

const levelCells = (l: ServiceLevel): StatsCell[] => [
  count(l.visits),
  minutes(l.medianWaitMinutes),
  minutes(l.p90WaitMinutes),
  rate(l.waitWithinTarget),
  minutes(l.medianHandlingMinutes),
  minutes(l.p90HandlingMinutes),
  rate(l.handlingWithinTarget),
];

/** A group's two rows, VIPs and the others, leaving out a side with no visit. */
function groupRows(groups: ServiceLevelGroup[], nameOf: (key: string) => string, l: StatsLabels): StatsRow[] {
  return groups.flatMap((g) =>
    (['vip', 'others'] as const).flatMap((side) => (g[side].visits === 0 ? [] : [{ key: `${g.key}-${side}`, cells: [text(nameOf(g.key)), text(l.t(`halls.${side}`)), ...levelCells(g[side])] }])),
  );
}

export function buildHallVisitTable(name: HallVisitTableName, s: HallVisitStatistics, l: StatsLabels): StatsTable {
  const title = l.t(`tables.${name}`);
  const measures = ['hallVisits', 'hallWaitMedian', 'hallWaitP90', 'hallWaitWithin', 'hallHandlingMedian', 'hallHandlingP90', 'hallHandlingWithin'].map((key) => ({ label: l.t(`columns.${key}`), numeric: true }));
  const columns = (first: string) => [{ label: l.t(`columns.${first}`), numeric: false, nowrap: first === 'month' }, { label: l.t('columns.hallGroup'), numeric: false }, ...measures];
  switch (name) {
    case 'halls-summary':
      return { name, title, columns: [{ label: l.t('columns.hallGroup'), numeric: false }, ...measures], rows: (['vip', 'others'] as const).map((side) => ({ key: side, cells: [text(l.t(`halls.${side}`)), ...levelCells(s[side])] })) };
    case 'halls-province':
      return { name, title, columns: columns('province'), rows: groupRows(s.byProvince, l.province, l) };
    case 'halls-hall':
      return { name, title, columns: columns('hall'), rows: groupRows(s.byHall, (key) => (s.hallNames[key] ? l.title(s.hallNames[key].nameZh, s.hallNames[key].nameEn) : key), l) };
    case 'halls-month':
      return { name, title, columns: columns('month'), rows: groupRows(s.byMonth, (m) => m, l) };
  }
}
