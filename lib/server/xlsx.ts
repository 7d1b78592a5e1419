import 'server-only';
import type { AddWorksheetOptions, CellValue, Row, Workbook, Worksheet, stream } from 'exceljs';
import { shanghaiWallClock } from '@/lib/domain/time';

/*
 * Every workbook the app writes is laid out here, so that each opens the same way in Excel, WPS
 * and LibreOffice: real date cells with a date format, numbers as numbers, text as text, the header
 * row frozen and filterable, columns wide enough for what they hold, and a landscape page one
 * page wide with the header row printed on every page.
 */

/** What a column holds: how its values are written and shown. */
export type XlsxFormat = 'text' | 'integer' | 'decimal' | 'money' | 'percent' | 'date' | 'datetime';

export interface XlsxColumn {
  header: string;
  format: XlsxFormat;
}

/**
 * A cell as the exports hand it over: text, a number (yuan for money, a fraction for percent), or
 * for date and datetime columns the UTC instant in ms.
 */
export type XlsxValue = string | number | null;

const NUM_FORMATS: Record<XlsxFormat, string> = {
  // "@": a number typed later into a mobile column stays text as well.
  text: '@',
  integer: '0',
  decimal: '0.0',
  money: '#,##0.00',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** How wide a value shows, in characters of the default font: Chinese characters take two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! >= 0x2e80 ? 2 : 1;
  return width;
}

/** What a value shows as, for its width: the formatted text, not the stored number. */
function shownText(format: XlsxFormat, value: XlsxValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  switch (format) {
    case 'date':
      return '0000-00-00';
    case 'datetime':
      return '0000-00-00 00:00';
    case 'money':
      return value.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    case 'percent':
      return `${(value * 100).toFixed(1)}%`;
    case 'decimal':
      return value.toFixed(1);
    default:
      return String(value);
  }
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** Column widths that fit the header and the rows given (all of a small sheet, the first chunk of a streamed one). */
export function fitWidths(columns: readonly XlsxColumn[], rows: readonly (readonly XlsxValue[])[]): number[] {
  return columns.map((c, i) => {
    let widest = displayWidth(c.header);
    for (const row of rows) widest = Math.max(widest, displayWidth(shownText(c.format, row[i] ?? null)));
    // Two characters of margin, and the header's filter button beside its text.
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 4));
  });
}

/**
 * A value as its cell holds it. Dates and times become Dates carrying Beijing's wall clock in
 * their UTC fields: a spreadsheet cell has no time zone, the writer stores a Date's UTC fields as
 * the serial number, and so the cell shows the time the province's staff live by.
 */
export function xlsxCellValue(format: XlsxFormat, value: XlsxValue): CellValue {
  if (value === null) return null;
  if ((format === 'date' || format === 'datetime') && typeof value === 'number') return shanghaiWallClock(value);
  return value;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/** Frozen header, landscape, one page wide (as many pages long as needed), header printed on each page. */
function sheetOptions(): Partial<AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: {
      orientation: 'landscape',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  };
}

function layOut(sheet: Worksheet, columns: readonly XlsxColumn[], widths: readonly number[]): Row {
  sheet.columns = columns.map((c, i) => ({ width: widths[i], style: { numFmt: NUM_FORMATS[c.format] } }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.eachCell((cell) => (cell.numFmt = NUM_FORMATS.text));
  return header;
}

/** A row of values; its cells take their number format from their column's style. */
function addDataRow(sheet: Worksheet, columns: readonly XlsxColumn[], values: readonly XlsxValue[]): Row {
  return sheet.addRow(columns.map((c, i) => xlsxCellValue(c.format, values[i] ?? null)));
}

/** A whole sheet held in memory (the statistics tables, the opinions): widths fitted to every row. */
export function addTableSheet(workbook: Workbook, title: string, columns: readonly XlsxColumn[], rows: readonly (readonly XlsxValue[])[]): Worksheet {
  const sheet = workbook.addWorksheet(sheetName(title), sheetOptions());
  layOut(sheet, columns, fitWidths(columns, rows));
  for (const values of rows) addDataRow(sheet, columns, values);
  return sheet;
}

/** The rows of a streamed sheet are written and committed one by one with it. */
export interface StreamedSheet {
  sheet: Worksheet;
  addRow: (values: readonly XlsxValue[]) => void;
}

/** A sheet of a streamed workbook, its header committed; widths fitted to the sample rows (the first chunk). */
export function addStreamedSheet(
  workbook: stream.xlsx.WorkbookWriter,
  title: string,
  columns: readonly XlsxColumn[],
  sample: readonly (readonly XlsxValue[])[],
): StreamedSheet {
  const sheet = workbook.addWorksheet(sheetName(title), sheetOptions());
  layOut(sheet, columns, fitWidths(columns, sample)).commit();
  return { sheet, addRow: (values) => addDataRow(sheet, columns, values).commit() };
}
