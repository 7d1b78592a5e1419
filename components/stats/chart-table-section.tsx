import { Card } from '@/components/ui/page';
import { StatsChart, type StatsChartProps } from './stats-chart';
import { StatsTableView } from './stats-table-view';
import type { StatsTable } from './stats-tables';

/** A table of the page under its heading (the page's index links to it by `section-<table name>`), with the charts drawn from it above (none for an empty table). */
export function ChartTableSection({ table, charts = [], query }: { table: StatsTable; charts?: StatsChartProps[]; query: string }) {
  return (
    <Card className="min-w-0 space-y-3">
      <h2 id={`section-${table.name}`} className="scroll-mt-4 text-lg font-semibold text-gray-900">
        {table.title}
      </h2>
      {table.rows.length > 0 && charts.length > 0 ? (
        <div className={`grid gap-4 ${charts.length > 1 ? 'lg:grid-cols-2' : ''}`}>
          {charts.map((chart) => (
            <StatsChart key={chart.testId} {...chart} />
          ))}
        </div>
      ) : null}
      <StatsTableView table={table} query={query} />
    </Card>
  );
}
