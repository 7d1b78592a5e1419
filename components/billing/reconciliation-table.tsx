import { getFormatter, getTranslations } from 'next-intl/server';
import { Table, Td, WIDE_ONLY } from '@/components/ui/table';
import type { ReconciliationRow } from '@/lib/domain/billing';
import { YUAN } from '@/lib/domain/money';

/**
 * One cycle's lines per province beside the file recorded for it. A row whose lines no longer add
 * up to its file says so in words and colour; each row links to its file (a preview while open).
 */
export async function ReconciliationTable({ cycle, closed, rows, provinceName }: { cycle: string; closed: boolean; rows: ReconciliationRow[]; provinceName: Record<string, string> }) {
  const [t, format] = await Promise.all([getTranslations('billing'), getFormatter()]);
  const money = (fen: number) => format.number(fen / 100, YUAN);
  const totals = (x: { count: number; sumFen: number }) => t('countSum', { count: x.count, sum: money(x.sumFen) });
  const status = (row: ReconciliationRow) => {
    if (!closed) return <span className="text-gray-600">{t('status.open')}</span>;
    if (!row.exported) return <span className="text-gray-600">{t('status.notExported')}</span>;
    if (row.differs) return <strong className="font-semibold text-red-700">{t('status.differs', { count: row.net.count - row.exported.lineCount, sum: money(row.net.sumFen - row.exported.sumFen) })}</strong>;
    return <span className="text-green-800">{t('status.matches')}</span>;
  };
  return (
    <Table
      caption={t('tableCaption', { cycle })}
      head={[t('columns.province'), t('columns.charges'), t('columns.reversals'), t('columns.net'), t('columns.exported'), t('columns.status'), t('columns.file')]}
      wideOnly={[1, 2, 4]}
    >
      {rows.map((row) => {
        const name = provinceName[row.scope] ?? row.scope;
        const href = `/admin/billing/export?${new URLSearchParams({ cycle, province: row.scope })}`;
        return (
          <tr key={row.scope} data-testid="billing-row" data-scope={row.scope} className={row.differs ? 'bg-red-50' : undefined}>
            <Td className="font-medium">{name}</Td>
            <Td className={`${WIDE_ONLY} whitespace-nowrap tabular-nums`}>{totals(row.charges)}</Td>
            <Td className={`${WIDE_ONLY} whitespace-nowrap tabular-nums`}>{totals(row.reversals)}</Td>
            <Td className="whitespace-nowrap tabular-nums">{totals(row.net)}</Td>
            <Td className={`${WIDE_ONLY} tabular-nums`}>
              {row.exported ? (
                <>
                  <span className="whitespace-nowrap">{totals({ count: row.exported.lineCount, sumFen: row.exported.sumFen })}</span>
                  <br />
                  <span className="text-xs text-gray-600">
                    {t('exportedBy', { when: format.dateTime(new Date(row.exported.createdAt), { dateStyle: 'medium', timeStyle: 'short' }), name: row.exported.byName ?? t('system') })}
                  </span>
                  <br />
                  <code className="text-xs break-all text-gray-600" title={row.exported.sha256}>
                    SHA-256 {row.exported.sha256.slice(0, 16)}…
                  </code>
                </>
              ) : (
                <span className="text-gray-600">{t('notExported')}</span>
              )}
            </Td>
            <Td>{status(row)}</Td>
            <Td>
              <a href={href} download className="whitespace-nowrap text-brand-700 underline">
                {closed ? t('download', { province: name }) : t('downloadPreview', { province: name })}
              </a>
            </Td>
          </tr>
        );
      })}
    </Table>
  );
}
