import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Table, Td } from '@/components/ui/table';
import type { ImportKind } from '@/lib/domain/types';

export interface RecentImport {
  id: number;
  kind: ImportKind;
  fileName: string;
  staffName: string;
  createdAt: number;
  totalRows: number;
  created: number;
  updated: number;
  unchanged: number;
  errorCount: number;
}

/** The latest imports of the actor's scope, each with its result and error report. */
export async function RecentImports({ imports }: { imports: RecentImport[] }) {
  const [t, format] = await Promise.all([getTranslations('import'), getFormatter()]);
  if (imports.length === 0) {
    return (
      <section>
        <h2 className="text-lg font-semibold text-gray-900">{t('recent.title')}</h2>
        <p className="mt-1 text-sm text-gray-600">{t('recent.empty')}</p>
      </section>
    );
  }
  return (
    <Table
      caption={t('recent.title')}
      head={[t('recent.time'), t('recent.kind'), t('recent.file'), t('recent.by'), t('result.totalRows'), t('result.created'), t('result.updated'), t('result.unchanged'), t('result.errors'), t('recent.actions')]}
    >
      {imports.map((i) => (
        <tr key={i.id}>
          <Td className="whitespace-nowrap">{format.dateTime(new Date(i.createdAt), { dateStyle: 'medium', timeStyle: 'short' })}</Td>
          <Td>{t(`kinds.${i.kind}`)}</Td>
          <Td className="break-all">{i.fileName}</Td>
          <Td>{i.staffName}</Td>
          <Td className="tabular-nums">{i.totalRows}</Td>
          <Td className="tabular-nums">{i.created}</Td>
          <Td className="tabular-nums">{i.updated}</Td>
          <Td className="tabular-nums">{i.unchanged}</Td>
          <Td className="tabular-nums">{i.errorCount}</Td>
          <Td className="whitespace-nowrap">
            <Link href={`/ops/import?id=${i.id}`} className="text-brand-700 underline">
              {t('recent.view')}
            </Link>
            {i.errorCount > 0 ? (
              <a href={`/ops/import/${i.id}/errors`} download className="ml-3 text-brand-700 underline">
                {t('recent.report')}
              </a>
            ) : null}
          </Td>
        </tr>
      ))}
    </Table>
  );
}
