import 'server-only';
import { PassThrough, type Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Workbook, stream as excelStream } from 'exceljs';
import { z } from 'zod';
import { CSV_BOM, csvDocument, csvRecords, type CsvValue } from '@/lib/csv';
import type { RegistrationExportRow } from '@/lib/server/stats';
import { periodOf, type StatsFilters } from '@/lib/validation/stats';
import { addStreamedSheet, addTableSheet, type StreamedSheet, type XlsxColumn, type XlsxFormat, type XlsxValue } from '@/lib/server/xlsx';
import type { StatsCell, StatsLabels, StatsTable } from './stats-tables';

export const exportFormat = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof exportFormat>;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Excel stops at 1,048,576 rows a sheet: a large export continues on the next sheet. */
const ROWS_PER_SHEET = 1_000_000;

type CellFormat = StatsCell['format'];

/** How a workbook holds each kind of cell: fen as yuan with two decimals, shares as percentages. */
const XLSX_FORMATS: Record<CellFormat, XlsxFormat> = {
  text: 'text',
  instant: 'datetime',
  count: 'integer',
  rate: 'percent',
  fen: 'money',
  rating: 'decimal',
  hours: 'decimal',
  minutes: 'decimal',
};

/** "stats-club-2026-Q4.csv": what and which period, in ASCII so that every browser keeps the name. */
export function exportFileName(name: string, f: StatsFilters, currentYear: number, format: ExportFormat): string {
  const p = periodOf(f, currentYear);
  const period =
    p.kind === 'year' ? `${p.year}` : p.kind === 'quarter' ? `${p.year}-Q${p.quarter}` : p.kind === 'month' ? `${p.year}-${String(p.month).padStart(2, '0')}` : `${p.from}_${p.to}`;
  return `stats-${name}-${period}.${format}`;
}

export function attachment(body: BodyInit, format: ExportFormat, fileName: string): Response {
  return new Response(body, {
    headers: { 'content-type': CONTENT_TYPES[format], 'content-disposition': `attachment; filename="${fileName}"`, 'cache-control': 'no-store' },
  });
}

/** Plain values a spreadsheet reads as numbers: percentages with one decimal, yuan with two. */
function csvValue(cell: StatsCell): CsvValue {
  switch (cell.format) {
    case 'text':
    case 'count':
      return cell.value;
    case 'rate':
      return cell.value === null ? null : `${(cell.value * 100).toFixed(1)}%`;
    case 'fen':
      return (cell.value / 100).toFixed(2);
    case 'rating':
    case 'hours':
    case 'minutes':
      return cell.value === null ? null : cell.value.toFixed(1);
    case 'instant':
      return cell.value === null ? null : new Date(cell.value);
  }
}

/** Numbers stay numbers in a workbook (yuan for fen), instants stay instants for a date cell. */
function xlsxValue(cell: StatsCell): XlsxValue {
  return cell.format === 'fen' ? cell.value / 100 : cell.value;
}

export function tableCsv(table: StatsTable): string {
  return csvDocument(
    table.columns.map((c) => c.label),
    table.rows.map((r) => r.cells.map(csvValue)),
  );
}

export async function tableXlsx(table: StatsTable): Promise<ArrayBuffer> {
  const workbook = new Workbook();
  const first = table.rows[0]?.cells;
  const columns: XlsxColumn[] = table.columns.map((c, i) => ({
    header: c.label,
    format: first?.[i] ? XLSX_FORMATS[first[i].format] : c.numeric ? 'integer' : 'text',
  }));
  addTableSheet(workbook, table.title, columns, table.rows.map((r) => r.cells.map(xlsxValue)));
  return workbook.xlsx.writeBuffer();
}

interface ExportColumn {
  label: string;
  format: CellFormat;
  cell: (r: RegistrationExportRow) => StatsCell;
}

/** The columns of the registrations export; name and mobile arrive already masked where the viewer may not see them. */
export function registrationColumns(l: StatsLabels): ExportColumn[] {
  const column = <F extends CellFormat>(key: string, format: F, value: (r: RegistrationExportRow) => Extract<StatsCell, { format: F }>['value']): ExportColumn => ({
    label: l.t(`registrationColumns.${key}`),
    format,
    cell: (r) => ({ format, value: value(r) }) as StatsCell,
  });
  return [
    column('registrationId', 'count', (r) => r.registrationId),
    column('eventId', 'count', (r) => r.eventId),
    column('event', 'text', (r) => r.eventTitle),
    column('startsAt', 'instant', (r) => r.eventStartsAt),
    column('club', 'text', (r) => l.club(r.club)),
    column('province', 'text', (r) => l.province(r.province)),
    column('customerId', 'count', (r) => r.customerId),
    column('name', 'text', (r) => r.name),
    column('mobile', 'text', (r) => r.mobile),
    column('segment', 'text', (r) => (r.segment ? l.segment(r.segment) : '')),
    column('channel', 'text', (r) => l.channel(r.channel)),
    column('status', 'text', (r) => l.t(`registrationStatus.${r.status}`)),
    column('registeredAt', 'instant', (r) => r.createdAt),
    column('checkedInAt', 'instant', (r) => r.checkedInAt),
    column('paidPoints', 'count', (r) => r.paidPoints),
    column('paidFen', 'fen', (r) => r.paidFen),
  ];
}

/** Rows of a chunked source turned into cells, chunk by chunk; returning early closes the source. */
export async function* cellChunks<T>(source: AsyncGenerator<T[]>, columns: { cell: (row: T) => StatsCell }[]): AsyncGenerator<StatsCell[][]> {
  for await (const chunk of source) yield chunk.map((row) => columns.map((c) => c.cell(row)));
}

/**
 * A CSV download of any size: each pull() of the response body reads one chunk from the source
 * and writes it, so memory holds one chunk whatever the total. The first chunk is read before the
 * response starts, so that a refusal (a province outside the viewer's scope) is still an error
 * status rather than a broken download.
 */
export async function openCsvStream(header: string[], source: AsyncGenerator<StatsCell[][]>): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  let first: IteratorResult<StatsCell[][]> | undefined = await source.next();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(CSV_BOM + csvRecords([header])));
    },
    async pull(controller) {
      const result = first ?? (await source.next());
      first = undefined;
      if (result.done) controller.close();
      else controller.enqueue(encoder.encode(csvRecords(result.value.map((cells) => cells.map(csvValue)))));
    },
    async cancel() {
      await source.return(undefined);
    },
  });
}

/** Resolves when the stream has data to read or has ended; rejects when it fails. */
function whenReadable(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      stream.off('readable', done).off('end', done).off('error', fail);
      resolve();
    };
    const fail = (error: Error) => {
      stream.off('readable', done).off('end', done).off('error', fail);
      reject(error);
    };
    stream.on('readable', done).on('end', done).on('error', fail);
  });
}

/**
 * An XLSX download of any size with exceljs's streaming writer: rows are committed one by one
 * into the zip that flows through a PassThrough. The body is pulled, not pushed: another chunk of
 * rows is written only when the reader wants bytes and none are waiting, so a slow client holds
 * back the database read instead of filling memory.
 */
export async function openXlsxStream(
  title: string,
  columns: { label: string; format: CellFormat }[],
  source: AsyncGenerator<StatsCell[][]>,
  rowsPerSheet = ROWS_PER_SHEET,
): Promise<ReadableStream<Uint8Array>> {
  let pending: IteratorResult<StatsCell[][]> | undefined = await source.next();
  const output = new PassThrough();
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const xlsxColumns: XlsxColumn[] = columns.map((c) => ({ header: c.label, format: XLSX_FORMATS[c.format] }));
  // Widths are fitted to the first chunk: the rows after it are not known when the sheet starts.
  const sample = pending.done ? [] : pending.value.map((cells) => cells.map(xlsxValue));
  let sheets = 0;
  const addSheet = (): StreamedSheet => {
    sheets += 1;
    return addStreamedSheet(workbook, sheets === 1 ? title : `${title} (${sheets})`, xlsxColumns, sample);
  };
  let sheet = addSheet();
  let rowsInSheet = 0;
  let finishing = false;

  const writeRows = (rows: StatsCell[][]) => {
    for (const cells of rows) {
      if (rowsInSheet === rowsPerSheet) {
        sheet.sheet.commit();
        sheet = addSheet();
        rowsInSheet = 0;
      }
      sheet.addRow(cells.map(xlsxValue));
      rowsInSheet += 1;
    }
  };
  const finish = () => {
    finishing = true;
    sheet.sheet.commit();
    // Not awaited here: the workbook completes only as the reader drains the output.
    workbook.commit().catch((error: unknown) => output.destroy(error instanceof Error ? error : new Error(String(error))));
  };

  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        const data = output.read() as Buffer | null;
        if (data !== null) {
          controller.enqueue(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
          return;
        }
        if (output.errored) throw output.errored;
        if (output.readableEnded) {
          controller.close();
          return;
        }
        if (finishing) {
          await whenReadable(output);
          continue;
        }
        const result = pending ?? (await source.next());
        pending = undefined;
        if (result.done) {
          finish();
        } else {
          writeRows(result.value);
          // The zip compresses on the thread pool: one turn of the event loop lets written rows
          // come out as bytes before more are written.
          await nextTurn();
        }
      }
    },
    async cancel() {
      output.destroy();
      await source.return(undefined);
    },
  });
}
