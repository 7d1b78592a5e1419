import type { ReactNode } from 'react';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ExportLinks } from './export-links';
import { formatCell } from './format-cell';
import type { StatsCell, StatsTable } from './stats-tables';

/**
 * A section of the statistics page after the participation report (handset services, complaints):
 * its heading and what it counts, the headline numbers with the downloads of the summary table
 * that lists them, then its tables.
 */
export async function StatsSection({
  id,
  title,
  scope,
  metrics,
  summary,
  query,
  metricColumns,
  children,
}: {
  id: string;
  title: string;
  scope: string;
  metrics: { key: string; cell: StatsCell }[];
  summary: StatsTable;
  query: string;
  /** The metric grid's columns from the `sm` breakpoint on (a literal Tailwind class). */
  metricColumns: string;
  children: ReactNode;
}) {
  const [t, format] = await Promise.all([getTranslations('stats'), getFormatter()]);
  return (
    <section aria-labelledby={id} className="space-y-4" data-testid={id}>
      <div>
        <h2 id={id} className="text-xl font-semibold text-gray-900">
          {title}
        </h2>
        <p className="mt-1 text-sm text-gray-600">{scope}</p>
      </div>
      <div className="space-y-2 rounded-lg border border-gray-200 bg-white p-4 shadow-sm">
        <dl className={`grid grid-cols-2 gap-x-4 gap-y-3 ${metricColumns}`}>
          {metrics.map((metric) => (
            <div key={metric.key} data-testid={`metric-${metric.key}`}>
              <dt className="text-xs text-gray-600">{t(`metrics.${metric.key}`)}</dt>
              <dd className="mt-0.5 text-xl font-semibold text-gray-900 tabular-nums">{formatCell(metric.cell, format)}</dd>
            </div>
          ))}
        </dl>
        <ExportLinks path={`/stats/export/${summary.name}`} title={summary.title} query={query} />
      </div>
      {children}
    </section>
  );
}
