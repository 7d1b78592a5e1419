import { getTranslations } from 'next-intl/server';
import { buttonClass } from '@/components/ui/button';
import { Card, Stat } from '@/components/ui/page';
import { Table, Td } from '@/components/ui/table';
import type { CustomerImportError } from '@/lib/domain/customer-import';
import type { LedgerImportError } from '@/lib/domain/ledger-entries';
import type { ImportKind } from '@/lib/domain/types';

export interface ImportResultProps {
  id: number;
  kind: ImportKind;
  fileName: string;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
  /** The first errors only: the full list is in the downloadable report. */
  errors: (CustomerImportError | LedgerImportError)[];
}

/** The outcome of one import: its counts as a status update, then its first errors. */
export async function ImportResult({ result }: { result: ImportResultProps }) {
  const t = await getTranslations('import');
  const headingId = `import-result-${result.id}`;
  return (
    <Card className="space-y-4">
      <div role="status" aria-labelledby={headingId}>
        <h2 id={headingId} className="text-lg font-semibold text-gray-900">
          {t('result.title')}
        </h2>
        <p className="mt-1 text-sm text-gray-600">{t('result.file', { fileName: result.fileName })}</p>
        <p className="mt-2 text-gray-900">
          {result.kind === 'ledger'
            ? t('result.ledgerSentence', { total: result.totalRows, applied: result.created, alreadyApplied: result.unchanged, errors: result.errorCount })
            : t('result.sentence', {
                total: result.totalRows,
                created: result.created,
                updated: result.updated,
                unchanged: result.unchanged,
                errors: result.errorCount,
              })}
        </p>
      </div>
      {result.kind === 'ledger' ? (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <Stat label={t('result.totalRows')} value={result.totalRows} />
          <Stat label={t('result.applied')} value={result.created} />
          <Stat label={t('result.alreadyApplied')} value={result.unchanged} />
          <Stat label={t('result.errors')} value={result.errorCount} />
        </dl>
      ) : (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
          <Stat label={t('result.totalRows')} value={result.totalRows} />
          <Stat label={t('result.created')} value={result.created} />
          <Stat label={t('result.updated')} value={result.updated} />
          <Stat label={t('result.unchanged')} value={result.unchanged} />
          <Stat label={t('result.errors')} value={result.errorCount} />
        </dl>
      )}
      {result.errorCount === 0 ? (
        <p className="text-sm text-gray-700">{t('errors.none')}</p>
      ) : (
        <>
          <Table caption={t('errors.caption')} head={[t('errors.row'), t('errors.column'), t('errors.reason')]}>
            {result.errors.map((e) => (
              <tr key={`${e.row}-${e.column}`}>
                <Td className="tabular-nums">{e.row}</Td>
                <Td>{t(`columns.${e.column || 'row'}`)}</Td>
                <Td>{t(`reasons.${e.reason}`, e.params)}</Td>
              </tr>
            ))}
          </Table>
          {result.errorCount > result.errors.length ? (
            <p className="text-sm text-gray-600">{t('errors.more', { shown: result.errors.length, total: result.errorCount })}</p>
          ) : null}
          <a href={`/ops/import/${result.id}/errors`} download className={buttonClass('secondary')}>
            {t('errors.download')}
          </a>
        </>
      )}
    </Card>
  );
}
