import { getFormatter, getTranslations } from 'next-intl/server';
import { ExportLinks } from './export-links';
import { formatCell } from './format-cell';
import type { StatsTable } from './stats-tables';

/**
 * One table of the statistics page with its downloads: the table alternative of a chart, and
 * exactly the rows its exports contain.
 */
export async function StatsTableView({ table, query }: { table: StatsTable; query: string }) {
  const [t, format] = await Promise.all([getTranslations('stats'), getFormatter()]);
  return (
    <div className="space-y-2">
      {/* Focusable and named: on a phone the table scrolls sideways, which a keyboard can do only once it is focused. */}
      <div role="region" aria-label={table.title} tabIndex={0} className="overflow-x-auto rounded-lg border border-gray-200 bg-white focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-gray-500" data-testid={`table-${table.name}`}>
        <table className="min-w-full divide-y divide-gray-200 text-sm">
          <caption className="sr-only">{table.title}</caption>
          <thead className="bg-gray-50">
            <tr>
              {table.columns.map((c) => (
                <th key={c.label} scope="col" className={`px-3 py-2 font-medium whitespace-nowrap text-gray-700 ${c.numeric ? 'text-right' : 'text-left'}`}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {table.rows.length === 0 ? (
              <tr>
                <td colSpan={table.columns.length} className="px-3 py-4 text-center text-gray-600">
                  {t('noData')}
                </td>
              </tr>
            ) : (
              table.rows.map((row) => (
                <tr key={row.key}>
                  {row.cells.map((cell, i) => (
                    <td key={i} className={`px-3 py-1.5 text-gray-800 ${table.columns[i]?.numeric ? 'text-right' : ''} ${cell.format === 'text' ? '' : 'whitespace-nowrap tabular-nums'} ${table.columns[i]?.nowrap ? 'whitespace-nowrap' : ''}`}>
                      {formatCell(cell, format)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <ExportLinks path={`/stats/export/${table.name}`} title={table.title} query={query} />
    </div>
  );
}
