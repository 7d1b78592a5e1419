import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { ImportForm } from '@/components/import/import-form';
import { ImportResult } from '@/components/import/import-result';
import { RecentImports } from '@/components/import/recent-imports';
import { Card, PageHeader } from '@/components/ui/page';
import { AREA_ROLES, type Actor } from '@/lib/domain/access';
import { CLUB_COLUMNS, IMPORT_COLUMNS } from '@/lib/domain/customer-import';
import { MAX_IMPORT_BYTES } from '@/lib/domain/import-csv';
import { LEDGER_COLUMNS } from '@/lib/domain/ledger-entries';
import { DomainError } from '@/lib/domain/errors';
import { getCustomerImport, listCustomerImports } from '@/lib/server/customer-import';
import { requirePageActor } from '@/lib/server/guard';
import { importCustomerFile, importLedgerFile } from './actions';

const SAMPLE_FILE = '/samples/customers-sample.csv';
const LEDGER_SAMPLE_FILE = '/samples/ledger-sample.csv';
const ERRORS_SHOWN = 50;

async function loadImport(actor: Actor, id: string | string[] | undefined) {
  if (id === undefined) return null;
  if (typeof id !== 'string' || !/^[1-9]\d{0,9}$/.test(id)) notFound();
  try {
    return await getCustomerImport(actor, Number(id));
  } catch (error) {
    if (error instanceof DomainError && error.category === 'not_found') notFound();
    throw error;
  }
}

export default async function ImportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor(AREA_ROLES.operations, '/ops/import');
  const { id } = await searchParams;
  const [t, current, recent] = await Promise.all([getTranslations('import'), loadImport(actor, id), listCustomerImports(actor)]);
  const limitMb = MAX_IMPORT_BYTES / 1024 / 1024;
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')} description={t('intro')} />
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold text-gray-900">{t('customers.title')}</h2>
        <div className="space-y-2 text-sm text-gray-700">
          <p>{t('format')}</p>
          <p className="font-mono break-all text-gray-900">
            {IMPORT_COLUMNS.join(',')}[,{CLUB_COLUMNS.join(',')}]
          </p>
          <p>{t('formatValues')}</p>
          <a href={SAMPLE_FILE} download className="inline-block text-brand-700 underline">
            {t('sample')}
          </a>
        </div>
        {/* A new key after each import clears the form's previous answer. */}
        <ImportForm key={current?.id ?? 'new'} kind="customers" action={importCustomerFile} limitMb={limitMb} />
      </Card>
      <Card className="space-y-4">
        <h2 className="text-lg font-semibold text-gray-900">{t('ledger.title')}</h2>
        <div className="space-y-2 text-sm text-gray-700">
          <p>{t('ledger.intro')}</p>
          <p>{t('ledger.format')}</p>
          <p className="font-mono break-all text-gray-900">{LEDGER_COLUMNS.join(',')}</p>
          <p>{t('ledger.formatValues')}</p>
          <a href={LEDGER_SAMPLE_FILE} download className="inline-block text-brand-700 underline">
            {t('ledger.sample')}
          </a>
        </div>
        <ImportForm key={`ledger-${current?.id ?? 'new'}`} kind="ledger" action={importLedgerFile} limitMb={limitMb} />
      </Card>
      {current ? <ImportResult result={{ ...current, errors: current.errors.slice(0, ERRORS_SHOWN) }} /> : null}
      <RecentImports imports={recent} />
    </div>
  );
}
