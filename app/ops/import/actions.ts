'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { AREA_ROLES } from '@/lib/domain/access';
import { MAX_IMPORT_BYTES } from '@/lib/domain/import-csv';
import { formAction } from '@/lib/server/action';
import { importCustomers } from '@/lib/server/customer-import';
import { importLedgerEntries } from '@/lib/server/ledger-entries';

const csvFileInput = z.object({
  file: z
    .instanceof(File, { message: 'empty_file' })
    .refine((file) => file.size > 0, 'empty_file')
    .refine((file) => file.size <= MAX_IMPORT_BYTES, 'file_too_large'),
});

/** Imports the uploaded CSV and opens its result; a file refused as a whole is answered on the form. */
export const importCustomerFile = formAction(AREA_ROLES.operations, csvFileInput, async ({ file }, actor) => {
  const result = await importCustomers(actor, { fileName: file.name, text: await file.text() });
  if (result.fileError) return { status: 'error', code: result.fileError };
  redirect(`/ops/import?id=${result.importId}`);
});

/** Imports a ledger CSV from billing and opens its result; a file refused as a whole is answered on the form. */
export const importLedgerFile = formAction(AREA_ROLES.operations, csvFileInput, async ({ file }, actor) => {
  const result = await importLedgerEntries(actor, { fileName: file.name, text: await file.text() });
  if (result.fileError) return { status: 'error', code: result.fileError };
  redirect(`/ops/import?id=${result.importId}`);
});
