import type { Statistics } from '@/lib/server/stats';
import type { ComplaintTableName } from './complaint-tables';
import type { HallVisitTableName } from './hall-visit-tables';
import type { ServiceTableName } from './service-tables';
import type { WarrantyTableName } from './warranty-tables';

/**
 * The tables of the statistics page, as data: the page renders them (and draws its charts from
 * them), and the exports write the very same rows, so a download always matches the screen.
 */
export const STATS_TABLES = ['summary', 'trend', 'club', 'province', 'segment', 'channel', 'top-attendance', 'top-rating'] as const;
export type StatsTableName = (typeof STATS_TABLES)[number];

export type StatsCell =
  | { format: 'text'; value: string }
  | { format: 'count'; value: number }
  /** A share 0..1; null when there is nothing to divide by. */
  | { format: 'rate'; value: number | null }
  | { format: 'fen'; value: number }
  | { format: 'rating'; value: number | null }
  /** A duration in hours; null when there is none to measure. */
  | { format: 'hours'; value: number | null }
  /** A duration in minutes (a hall's wait or handling); null when there is none to measure. */
  | { format: 'minutes'; value: number | null }
  /** A UTC instant, shown in Beijing time. */
  | { format: 'instant'; value: number | null };

export interface StatsRow {
  key: string;
  cells: StatsCell[];
}

export interface StatsTable {
  name: StatsTableName | ServiceTableName | ComplaintTableName | HallVisitTableName | WarrantyTableName;
  title: string;
  /** `nowrap`: each cell on one line (months: a phone would break 2026-10 at its hyphen). */
  columns: { label: string; numeric: boolean; nowrap?: boolean }[];
  rows: StatsRow[];
}

/** Everything that turns codes into words in the UI language. */
export interface StatsLabels {
  /** The `stats` namespace. */
  t: (key: string, values?: Record<string, string | number>) => string;
  club: (code: string) => string;
  province: (code: string) => string;
  segment: (code: string) => string;
  channel: (code: string) => string;
  /** A handset service kind. */
  service: (kind: string) => string;
  complaintTopic: (topic: string) => string;
  title: (zh: string, en: string | null) => string;
}

/** The cells of the tables, by format. */
export const cell = {
  text: (value: string): StatsCell => ({ format: 'text', value }),
  count: (value: number): StatsCell => ({ format: 'count', value }),
  rate: (value: number | null): StatsCell => ({ format: 'rate', value }),
  hours: (value: number | null): StatsCell => ({ format: 'hours', value }),
  minutes: (value: number | null): StatsCell => ({ format: 'minutes', value }),
};
const { text, count, rate } = cell;

/** A table of headline numbers (the services' and complaints' summaries): each metric's name and value. */
export function metricsTable<S>(name: StatsTable['name'], metrics: { key: string; cell: (s: S) => StatsCell }[], s: S, l: StatsLabels): StatsTable {
  return {
    name,
    title: l.t(`tables.${name}`),
    columns: [
      { label: l.t('columns.metric'), numeric: false },
      { label: l.t('columns.value'), numeric: true },
    ],
    rows: metrics.map((m) => ({ key: m.key, cells: [text(l.t(`metrics.${m.key}`)), m.cell(s)] })),
  };
}

interface Metric {
  key: string;
  cell: (s: Statistics) => StatsCell;
}

/** The headline numbers, grouped as the page shows them; the summary export lists them in this order. */
export const METRIC_GROUPS: { key: string; metrics: Metric[] }[] = [
  {
    key: 'members',
    metrics: [
      { key: 'membersActive', cell: (s) => count(s.members.active) },
      { key: 'membersJoined', cell: (s) => count(s.members.joined) },
      { key: 'membersLeft', cell: (s) => count(s.members.left) },
    ],
  },
  {
    key: 'events',
    metrics: [
      { key: 'eventsScheduled', cell: (s) => count(s.events.scheduled) },
      { key: 'eventsHeld', cell: (s) => count(s.events.held) },
      { key: 'eventsCancelled', cell: (s) => count(s.events.cancelled) },
    ],
  },
  {
    key: 'participation',
    metrics: [
      { key: 'registrations', cell: (s) => count(s.registrations) },
      { key: 'attendees', cell: (s) => count(s.attendees) },
      { key: 'noShows', cell: (s) => count(s.noShows) },
      { key: 'cancellations', cell: (s) => count(s.cancellations) },
      { key: 'attendanceRate', cell: (s) => rate(s.attendanceRate) },
      { key: 'noShowRate', cell: (s) => rate(s.noShowRate) },
      { key: 'waitlistDemand', cell: (s) => count(s.waitlistDemand) },
    ],
  },
  {
    key: 'people',
    metrics: [
      { key: 'uniqueParticipants', cell: (s) => count(s.uniqueParticipants) },
      { key: 'repeatParticipants', cell: (s) => count(s.repeatParticipants) },
      { key: 'repeatShare', cell: (s) => rate(s.repeatShare) },
    ],
  },
  {
    key: 'value',
    metrics: [
      { key: 'pointsRedeemed', cell: (s) => count(s.pointsRedeemed) },
      { key: 'feesCollected', cell: (s) => ({ format: 'fen', value: s.feesCollectedFen }) },
      { key: 'averageRating', cell: (s) => ({ format: 'rating', value: s.averageRating }) },
      { key: 'ratings', cell: (s) => count(s.ratings) },
      { key: 'vipsReached', cell: (s) => count(s.vipsReached) },
    ],
  },
];

type Breakdown = Statistics['byClub'][number] | Statistics['byProvince'][number] | Statistics['bySegment'][number] | Statistics['byChannel'][number];

function breakdownTable(name: StatsTableName, dimension: string, rows: Breakdown[], nameOf: (key: string) => string, l: StatsLabels): StatsTable {
  return {
    name,
    title: l.t(`tables.${name}`),
    columns: [
      { label: dimension, numeric: false },
      { label: l.t('columns.registrations'), numeric: true },
      { label: l.t('columns.attendees'), numeric: true },
      { label: l.t('columns.attendanceRate'), numeric: true },
    ],
    rows: rows.map((r) => ({ key: r.key, cells: [text(nameOf(r.key)), count(r.registrations), count(r.attendees), rate(r.attendanceRate)] })),
  };
}

export function buildStatsTable(name: StatsTableName, s: Statistics, l: StatsLabels): StatsTable {
  const title = l.t(`tables.${name}`);
  switch (name) {
    case 'summary':
      return {
        name,
        title,
        columns: [
          { label: l.t('columns.group'), numeric: false },
          { label: l.t('columns.metric'), numeric: false },
          { label: l.t('columns.value'), numeric: true },
        ],
        rows: METRIC_GROUPS.flatMap((g) => g.metrics.map((m) => ({ key: m.key, cells: [text(l.t(`groups.${g.key}`)), text(l.t(`metrics.${m.key}`)), m.cell(s)] }))),
      };
    case 'trend':
      return {
        name,
        title,
        columns: [
          { label: l.t('columns.month'), numeric: false, nowrap: true },
          { label: l.t('columns.registrations'), numeric: true },
          { label: l.t('columns.attendees'), numeric: true },
          { label: l.t('columns.eventsHeld'), numeric: true },
          { label: l.t('columns.membersJoined'), numeric: true },
        ],
        rows: s.trend.map((m) => ({ key: m.month, cells: [text(m.month), count(m.registrations), count(m.attendees), count(m.eventsHeld), count(m.membersJoined)] })),
      };
    case 'club':
      return breakdownTable(name, l.t('columns.club'), s.byClub, l.club, l);
    case 'province':
      return breakdownTable(name, l.t('columns.province'), s.byProvince, l.province, l);
    case 'segment':
      return breakdownTable(name, l.t('columns.segment'), s.bySegment, l.segment, l);
    case 'channel':
      return breakdownTable(name, l.t('columns.channel'), s.byChannel, l.channel, l);
    case 'top-attendance':
      return {
        name,
        title,
        columns: [
          { label: l.t('columns.rank'), numeric: true },
          { label: l.t('columns.event'), numeric: false },
          { label: l.t('columns.club'), numeric: false },
          { label: l.t('columns.province'), numeric: false },
          { label: l.t('columns.startsAt'), numeric: false },
          { label: l.t('columns.attendees'), numeric: true },
        ],
        rows: s.topByAttendance.map((e, i) => ({
          key: String(e.eventId),
          cells: [count(i + 1), text(l.title(e.titleZh, e.titleEn)), text(l.club(e.club)), text(l.province(e.province)), { format: 'instant', value: e.startsAt }, count(e.attendees)],
        })),
      };
    case 'top-rating':
      return {
        name,
        title,
        columns: [
          { label: l.t('columns.rank'), numeric: true },
          { label: l.t('columns.event'), numeric: false },
          { label: l.t('columns.averageRating'), numeric: true },
          { label: l.t('columns.ratings'), numeric: true },
        ],
        rows: s.topByRating.map((e, i) => ({
          key: String(e.eventId),
          cells: [count(i + 1), text(l.title(e.titleZh, e.titleEn)), { format: 'rating', value: e.average }, count(e.ratings)],
        })),
      };
  }
}
