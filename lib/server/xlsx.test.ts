import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { Workbook, stream as excelStream } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '@/tests/read-workbook';
import { shanghaiInstant } from '@/lib/domain/time';
import { addStreamedSheet, addTableSheet, fitWidths, type XlsxColumn, type XlsxValue } from './xlsx';

const columns: XlsxColumn[] = [
  { header: '活动时间', format: 'datetime' },
  { header: '日期', format: 'date' },
  { header: '手机号码', format: 'text' },
  { header: '报名人次', format: 'integer' },
  { header: '收取费用（元）', format: 'money' },
  { header: '出席率', format: 'percent' },
  { header: '活动名称', format: 'text' },
];
const startsAt = shanghaiInstant(2026, 11, 3, 14, 30);
const rows: XlsxValue[][] = [
  [startsAt, shanghaiInstant(2026, 11, 3), '13800138000', 12, 1234.5, 0.75, '粤剧欣赏会：广州大剧院'],
  [null, null, '', 0, 0, null, ''],
];

async function tableWorkbook(): Promise<Buffer> {
  const workbook = new Workbook();
  addTableSheet(workbook, '报名/明细', columns, rows);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function loaded(bytes: Buffer): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
}

describe('workbook layout', () => {
  it('freezes and filters the header, prints landscape one page wide with the header on every page', async () => {
    const sheet = (await loaded(await tableWorkbook())).worksheets[0]!;
    expect(sheet.name).toBe('报名 明细');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:G1');
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });
    expect(sheet.getRow(1).font?.bold).toBe(true);
  });

  it('gives date, time and number cells their formats', async () => {
    const row = (await loaded(await tableWorkbook())).worksheets[0]!.getRow(2);
    expect([1, 2, 3, 4, 5, 6].map((n) => row.getCell(n).numFmt)).toEqual(['yyyy-mm-dd hh:mm', 'yyyy-mm-dd', '@', '0', '#,##0.00', '0.0%']);
  });

  it('fits column widths to the widest value, Chinese characters counting double, within bounds', () => {
    const widths = fitWidths(columns, rows);
    expect(widths[0]).toBe('0000-00-00 00:00'.length + 4);
    expect(widths[2]).toBe('13800138000'.length + 4);
    // 粤剧欣赏会：广州大剧院: 11 characters shown two wide each.
    expect(widths[6]).toBe(22 + 4);
    expect(fitWidths([{ header: 'a', format: 'text' }], [['x'.repeat(500)]])).toEqual([60]);
    expect(fitWidths([{ header: 'a', format: 'integer' }], [])).toEqual([8]);
  });
});

describe('workbooks read back by another library (read-excel-file)', () => {
  const expectCellTypes = (data: unknown[][]) => {
    expect(data[0]).toEqual(columns.map((c) => c.header));
    const [at, day, mobile, count, fee, rate, title] = data[1]!;
    // Beijing's wall clock: 14:30 in Guangzhou reads 14:30 in the cell, whatever the reader's zone.
    expect(at).toEqual(new Date('2026-11-03T14:30:00.000Z'));
    expect(day).toEqual(new Date('2026-11-03T00:00:00.000Z'));
    expect(mobile).toBe('13800138000');
    expect([count, fee, rate]).toEqual([12, 1234.5, 0.75]);
    expect(title).toBe('粤剧欣赏会：广州大剧院');
  };

  it('a workbook held in memory', async () => {
    const [sheet] = await readWorkbook(await tableWorkbook());
    expectCellTypes(sheet!.data);
  });

  it('a streamed workbook', async () => {
    const chunks: Buffer[] = [];
    const output = new PassThrough();
    output.on('data', (chunk: Buffer) => chunks.push(chunk));
    const workbook = new excelStream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
    const streamed = addStreamedSheet(workbook, '报名明细', columns, rows);
    for (const values of rows) streamed.addRow(values);
    streamed.sheet.commit();
    await workbook.commit();
    const bytes = Buffer.concat(chunks);
    const [sheet] = await readWorkbook(bytes);
    expectCellTypes(sheet!.data);
    const layout = (await loaded(bytes)).worksheets[0]!;
    expect(layout.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(layout.pageSetup).toMatchObject({ orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:1' });
  });
});

const run = promisify(execFile);

/** LibreOffice's command line, when installed: the test of a real spreadsheet program opening the file. */
async function soffice(): Promise<string | null> {
  try {
    await run('soffice', ['--version'], { timeout: 60_000 });
    return 'soffice';
  } catch {
    return null;
  }
}

const office = await soffice();

describe('a workbook opened by LibreOffice', () => {
  it.skipIf(office === null)(
    'shows dates as dates (skipped when LibreOffice, `soffice`, is not on the PATH)',
    async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'xlsx-lo-'));
      try {
        const file = path.join(dir, 'export.xlsx');
        await writeFile(file, await tableWorkbook());
        // Its own profile: a second LibreOffice on the machine (or a desktop one) would hold the default.
        const profile = `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`;
        // CSV as LibreOffice shows the cells: UTF-8 (76), comma-separated, formatted as displayed.
        await run(office!, ['--headless', profile, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true', '--outdir', dir, file], { timeout: 120_000 });
        const shown = parse(await readFile(path.join(dir, 'export.csv'), 'utf8'), { bom: true }) as string[][];
        expect(shown[1]!.slice(0, 3)).toEqual(['2026-11-03 14:30', '2026-11-03', '13800138000']);
        // Saved again by LibreOffice, the cells are still dates for another reader.
        const roundTrip = path.join(dir, 'round-trip');
        await run(office!, ['--headless', profile, '--convert-to', 'xlsx', '--outdir', roundTrip, file], { timeout: 120_000 });
        const [sheet] = await readWorkbook(await readFile(path.join(roundTrip, 'export.xlsx')));
        expect(sheet!.data[1]![0]).toEqual(new Date('2026-11-03T14:30:00.000Z'));
        expect(sheet!.data[1]![2]).toBe('13800138000');
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
    240_000,
  );
});
