import { stringify, type Options } from 'csv-stringify/sync';
import { shanghaiDateTime } from '@/lib/domain/time';

/**
 * Every CSV the app writes, through csv-stringify: RFC 4180 quoting (a field holding a comma, a
 * quote or a line break is quoted, quotes doubled), CRLF line ends, and a UTF-8 byte order mark
 * first, without which Excel takes the file for the local ANSI code page and garbles Chinese text.
 */
export const CSV_BOM = '\uFEFF';

/** A string is text, a number a number, a Date an instant written in Beijing time as "yyyy-MM-dd HH:mm". */
export type CsvValue = string | number | Date | null | undefined;

// A text cell starting with one of these is run as a formula by spreadsheet programs: event titles
// and names come from people, so such text is kept as text with a leading apostrophe (OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

// Digits that are not a quantity (a mobile number, an IMEI, a code with leading zeros): a
// spreadsheet opening the file would read them as a number and show 1.38E+10 or drop the zeros.
const DIGITS = /^\d+$/;

/**
 * A string of digits is written as the formula ="13800138000": Excel, WPS and LibreOffice all show
 * its result, the digits as text, and a person retyping or copying the cell gets the digits. A
 * leading tab (the other common trick) keeps the tab in the cell, so a copied number carries it
 * into the next system. Programs reading the file take the digits between the quotes.
 */
function textCell(value: string): string {
  if (DIGITS.test(value)) return `="${value}"`;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

const OPTIONS: Options = {
  record_delimiter: 'windows',
  // With a record delimiter set, csv-stringify quotes only fields holding that whole CRLF: a lone
  // line break in a description must be quoted too, or a reader starts a new record there.
  quote_record_delimiter: true,
  cast: {
    string: textCell,
    date: (value) => shanghaiDateTime(value.getTime()),
    number: (value) => String(value),
  },
};

function normalise(values: readonly CsvValue[]): (string | number | Date | null)[] {
  return values.map((v) => (v === undefined ? null : v));
}

/** Records with their line ends, no BOM and no header: the chunks of a streamed file. */
export function csvRecords(rows: readonly (readonly CsvValue[])[]): string {
  return rows.length === 0 ? '' : stringify(rows.map(normalise), OPTIONS);
}

/** A whole small file: the BOM, the header and the rows. */
export function csvDocument(header: readonly CsvValue[], rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + csvRecords([header, ...rows]);
}

