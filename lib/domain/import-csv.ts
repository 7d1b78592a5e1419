import { CsvError, parse } from 'csv-parse/sync';

/** Above the 20 MB the issue promises, so that a 20 MB file with a little overhead still passes. */
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;

export const IMPORT_FILE_ERRORS = ['empty_file', 'wrong_header', 'file_too_large', 'not_utf8', 'invalid_csv', 'balance_columns_moved'] as const;
export type ImportFileError = (typeof IMPORT_FILE_ERRORS)[number];

/** One record of the file with the file line it starts on (the header is line 1). */
export interface ImportRecord {
  line: number;
  fields: string[];
}

/** Size of the text once encoded as UTF-8, without encoding it when it is obviously small enough. */
function exceedsByteLimit(text: string): boolean {
  if (text.length * 3 <= MAX_IMPORT_BYTES) return false;
  return new TextEncoder().encode(text).byteLength > MAX_IMPORT_BYTES;
}

function countLineBreaks(fields: readonly string[]): number {
  let count = 0;
  for (const field of fields) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) count++;
  return count;
}

/**
 * The non-blank records of an import file with their line numbers, or why the whole file is
 * refused. Shared by the customer and the ledger import, so both answer a file the same way.
 */
export function readImportRecords(text: string): { records: ImportRecord[] } | { fileError: ImportFileError } {
  if (exceedsByteLimit(text)) return { fileError: 'file_too_large' };
  // The browser decodes the upload as UTF-8 and turns undecodable bytes (a GBK export) into U+FFFD.
  if (text.includes('\uFFFD')) return { fileError: 'not_utf8' };
  // Empty lines stay in as records, so line numbers can be counted here: asking the parser for each
  // record's position makes a 20 MB file twice as slow. A stray quote inside a name is kept as text.
  let parsed: string[][];
  try {
    parsed = parse(text, { bom: true, relax_column_count: true, relax_quotes: true });
  } catch (error) {
    if (error instanceof CsvError) return { fileError: 'invalid_csv' };
    throw error;
  }
  const records: ImportRecord[] = [];
  let nextLine = 1;
  for (const fields of parsed) {
    const line = nextLine;
    nextLine += 1 + countLineBreaks(fields);
    if (fields.every((f) => f.trim() === '')) continue;
    records.push({ line, fields });
  }
  return { records };
}

/** Excel adds empty cells past the last column; those are not extra columns. */
export function significantLength(fields: readonly string[], expected: number): number {
  let length = fields.length;
  while (length > expected && fields[length - 1]!.trim() === '') length--;
  return length;
}

/** Whether a header cell names a column, in English or in Chinese, whatever its case and spaces. */
export function headerMatches(cell: string | undefined, names: readonly string[]): boolean {
  const value = cell?.trim().toLowerCase();
  return value !== undefined && names.includes(value);
}
