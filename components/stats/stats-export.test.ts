import { Workbook } from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '@/tests/read-workbook';
import { DomainError, forbidden } from '@/lib/domain/errors';
import { shanghaiInstant } from '@/lib/domain/time';
import { statsFilters } from '@/lib/validation/stats';
import type { RegistrationExportRow } from '@/lib/server/stats';
import { cellChunks, exportFileName, openCsvStream, openXlsxStream, registrationColumns, tableCsv, tableXlsx } from './stats-export';
import type { StatsCell, StatsLabels, StatsTable } from './stats-tables';

const row = (i: number): StatsCell[] => [
  { format: 'count', value: i },
  { format: 'text', value: `客户${i}, "VIP"` },
  { format: 'fen', value: i * 150 },
];
const columns = [
  { label: '编号', format: 'count' as const },
  { label: '姓名', format: 'text' as const },
  { label: '费用（元）', format: 'fen' as const },
];

/** A chunked source like streamRegistrations, counting how many chunks were asked for and whether it was closed. */
function source(chunks: number, size: number, fail?: Error) {
  const seen = { chunks: 0, closed: false };
  async function* generate(): AsyncGenerator<StatsCell[][]> {
    try {
      if (fail) throw fail;
      for (let c = 0; c < chunks; c++) {
        seen.chunks += 1;
        yield Array.from({ length: size }, (_, i) => row(c * size + i + 1));
      }
    } finally {
      seen.closed = true;
    }
  }
  return { rows: generate(), seen };
}

async function readAllBytes(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const reader = stream.getReader();
  const parts: Uint8Array[] = [];
  for (let part = await reader.read(); !part.done; part = await reader.read()) parts.push(part.value);
  return Buffer.concat(parts);
}

const loadWorkbook = async (bytes: Buffer) => {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return workbook;
};

describe('streamed CSV', () => {
  it('writes the BOM, the header and every row with CRLF', async () => {
    const { rows, seen } = source(3, 2);
    const text = (await readAllBytes(await openCsvStream(['编号', '姓名', '费用（元）'], rows))).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('编号,姓名,费用（元）');
    expect(lines[1]).toBe('1,"客户1, ""VIP""",1.50');
    expect(lines).toHaveLength(1 + 6 + 1);
    expect(lines.at(-1)).toBe('');
    expect(seen).toEqual({ chunks: 3, closed: true });
  });

  it('reads the source only as the body is read, and closes it when the download is cancelled', async () => {
    const { rows, seen } = source(1000, 10);
    const stream = await openCsvStream(['编号'], rows);
    const reader = stream.getReader();
    await reader.read();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(seen.chunks).toBeLessThanOrEqual(3);
    await reader.cancel();
    expect(seen.closed).toBe(true);
  });

  it('lets a refusal through before the response starts', async () => {
    await expect(openCsvStream(['编号'], source(1, 1, forbidden()).rows)).rejects.toBeInstanceOf(DomainError);
  });
});

describe('streamed XLSX', () => {
  it('writes a workbook exceljs reads back, header bold, fees in yuan, a new sheet when one is full', async () => {
    const { rows, seen } = source(4, 5);
    const workbook = await loadWorkbook(await readAllBytes(await openXlsxStream('报名明细', columns, rows, 8)));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['报名明细', '报名明细 (2)', '报名明细 (3)']);
    expect(workbook.worksheets.map((s) => s.rowCount)).toEqual([9, 9, 5]);
    const first = workbook.worksheets[0]!;
    expect(first.getRow(1).values).toEqual([undefined, '编号', '姓名', '费用（元）']);
    expect(first.getRow(1).font?.bold).toBe(true);
    expect(first.getRow(2).values).toEqual([undefined, 1, '客户1, "VIP"', 1.5]);
    expect(first.getRow(2).getCell(3).numFmt).toBe('#,##0.00');
    expect(workbook.worksheets[2]!.getRow(5).getCell(1).value).toBe(20);
    expect(seen).toEqual({ chunks: 4, closed: true });
  });

  it('writes the registrations with times as date cells and mobiles as text, read back by another library', async () => {
    const labels = { t: (key: string) => key, club: (c: string) => c, province: (c: string) => c, segment: (s: string) => s, channel: (c: string) => c } as unknown as StatsLabels;
    const cols = registrationColumns(labels);
    const registration: RegistrationExportRow = {
      registrationId: 7,
      eventId: 3,
      eventTitle: '周末观影会',
      eventStartsAt: shanghaiInstant(2026, 11, 7, 19, 30),
      club: 'film',
      province: '440000',
      customerId: 42,
      name: '陈晓明',
      mobile: '13800138000',
      segment: 'postpaid_vip',
      channel: 'web',
      status: 'attended',
      createdAt: shanghaiInstant(2026, 11, 1, 9, 5),
      checkedInAt: null,
      paidPoints: 0,
      paidFen: 2500,
    };
    async function* one(): AsyncGenerator<RegistrationExportRow[]> {
      yield [registration];
    }
    const bytes = await readAllBytes(await openXlsxStream('报名明细', cols, cellChunks(one(), cols)));
    const [sheet] = await readWorkbook(bytes);
    const row = Object.fromEntries(cols.map((c, i) => [c.label, sheet!.data[1]![i]]));
    expect(row).toMatchObject({
      'registrationColumns.registrationId': 7,
      'registrationColumns.startsAt': new Date('2026-11-07T19:30:00.000Z'),
      'registrationColumns.mobile': '13800138000',
      'registrationColumns.registeredAt': new Date('2026-11-01T09:05:00.000Z'),
      'registrationColumns.checkedInAt': null,
      'registrationColumns.paidFen': 25,
    });
  });

  it('writes rows only as the body is read', async () => {
    const { rows, seen } = source(10_000, 100);
    const reader = (await openXlsxStream('报名明细', columns, rows)).getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen.chunks).toBeLessThan(50);
    await reader.cancel();
    expect(seen.closed).toBe(true);
  });

  it('writes an empty view as a header row', async () => {
    const workbook = await loadWorkbook(await readAllBytes(await openXlsxStream('报名明细', columns, source(0, 0).rows)));
    expect(workbook.worksheets[0]!.rowCount).toBe(1);
  });
});

describe('table exports', () => {
  const table: StatsTable = {
    name: 'club',
    title: '按俱乐部',
    columns: [
      { label: '俱乐部', numeric: false },
      { label: '出席率', numeric: true },
      { label: '收取费用', numeric: true },
      { label: '平均评分', numeric: true },
      { label: '活动时间', numeric: false },
      { label: '答复时长', numeric: true },
    ],
    rows: [
      {
        key: 'music',
        cells: [
          { format: 'text', value: '音乐俱乐部' },
          { format: 'rate', value: 5 / 6 },
          { format: 'fen', value: 123456 },
          { format: 'rating', value: 4.25 },
          { format: 'instant', value: shanghaiInstant(2026, 11, 3, 14) },
          { format: 'hours', value: 36.04 },
        ],
      },
      {
        key: 'film',
        cells: [
          { format: 'text', value: '影视俱乐部' },
          { format: 'rate', value: null },
          { format: 'fen', value: 0 },
          { format: 'rating', value: null },
          { format: 'instant', value: null },
          { format: 'hours', value: null },
        ],
      },
    ],
  };

  it('writes CSV values a spreadsheet reads: percentages, yuan, one-decimal ratings and hours, Beijing time, blanks for nothing', () => {
    expect(tableCsv(table)).toBe('\uFEFF俱乐部,出席率,收取费用,平均评分,活动时间,答复时长\r\n音乐俱乐部,83.3%,1234.56,4.3,2026-11-03 14:00,36.0\r\n影视俱乐部,,0.00,,,\r\n');
  });

  it('writes XLSX numbers as numbers with number formats', async () => {
    const workbook = await loadWorkbook(Buffer.from(await tableXlsx(table)));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('按俱乐部');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    // The instant is a date cell holding Beijing's wall clock (a spreadsheet has no time zone).
    expect(sheet.getRow(2).values).toEqual([undefined, '音乐俱乐部', 5 / 6, 1234.56, 4.25, new Date('2026-11-03T14:00:00.000Z'), 36.04]);
    expect(sheet.getRow(2).getCell(2).numFmt).toBe('0.0%');
    expect(sheet.getRow(2).getCell(5).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(sheet.getRow(2).getCell(6).numFmt).toBe('0.0');
    expect(sheet.getRow(3).getCell(2).value).toBeNull();
  });

  it('writes a table workbook another library reads with dates as dates and numbers as numbers', async () => {
    const [sheet] = await readWorkbook(await tableXlsx(table));
    expect(sheet!.data[1]).toEqual(['音乐俱乐部', 5 / 6, 1234.56, 4.25, new Date('2026-11-03T14:00:00.000Z'), 36.04]);
    expect(sheet!.data[2]).toEqual(['影视俱乐部', null, 0, null, null, null]);
  });
});

describe('export file names', () => {
  const name = (query: Record<string, string>) => exportFileName('trend', statsFilters.parse(query), 2026, 'csv');
  it('name the table and the period', () => {
    expect(name({})).toBe('stats-trend-2026.csv');
    expect(name({ period: 'quarter', year: '2025', quarter: '4' })).toBe('stats-trend-2025-Q4.csv');
    expect(name({ period: 'month', month: '3' })).toBe('stats-trend-2026-03.csv');
    expect(name({ period: 'custom', from: '2026-01-15', to: '2026-02-14' })).toBe('stats-trend-2026-01-15_2026-02-14.csv');
  });
});
