/**
 * CSV as spreadsheet programs read it (RFC 4180): CRLF line ends, fields quoted when they hold a
 * comma, a quote or a line break, and a UTF-8 byte order mark first, without which Excel takes the
 * file for the local ANSI code page and garbles Chinese text.
 */
export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | null | undefined;

// A text cell starting with one of these is run as a formula by spreadsheet programs: event titles
// and names come from people, so such text is kept as text with a leading apostrophe (OWASP).
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with its line end. */
export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** A whole small file: the BOM, the header and the rows. */
export function csvDocument(header: readonly CsvValue[], rows: readonly (readonly CsvValue[])[]): string {
  return CSV_BOM + csvLine(header) + rows.map(csvLine).join('');
}
