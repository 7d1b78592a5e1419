import { getFormatter, getTranslations } from 'next-intl/server';
import type { Statistics } from '@/lib/server/stats';
import { formatCell } from './format-cell';
import { METRIC_GROUPS } from './stats-tables';

/** The headline numbers of the view, in groups; the summary export has the same rows. */
export async function MetricCards({ statistics }: { statistics: Statistics }) {
  const [t, format] = await Promise.all([getTranslations('stats'), getFormatter()]);
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {METRIC_GROUPS.map((group) => (
        <section
          key={group.key}
          aria-labelledby={`metrics-${group.key}`}
          // The longest group spans two rows beside two shorter ones, so that the cards leave no gap.
          className={`rounded-lg border border-gray-200 bg-white p-4 shadow-sm ${group.key === 'participation' ? 'md:row-span-2' : ''}`}
        >
          <h2 id={`metrics-${group.key}`} className="text-sm font-semibold text-gray-900">
            {t(`groups.${group.key}`)}
          </h2>
          <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3">
            {group.metrics.map((metric) => (
              <div key={metric.key} data-testid={`metric-${metric.key}`}>
                <dt className="text-xs text-gray-600">{t(`metrics.${metric.key}`)}</dt>
                <dd className="mt-0.5 text-xl font-semibold text-gray-900 tabular-nums">{formatCell(metric.cell(statistics), format)}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </div>
  );
}
