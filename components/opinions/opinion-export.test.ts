import { Workbook } from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '@/tests/read-workbook';
import type { Opinion } from '@/lib/server/opinions';
import { opinionsCsv, opinionsXlsx, type OpinionLabels } from './opinion-export';

const labels: OpinionLabels = { column: (k) => `col:${k}`, source: (s) => `src:${s}`, province: (c) => `prov:${c}`, club: (c) => `club:${c}`, topic: (t) => `topic:${t}`, sheet: '意见' };
const rows: Opinion[] = [
  { source: 'feedback', id: 1, province: '440000', club: 'music', topic: 'event', body: '音响很好, "值得"再来', rating: 5, at: Date.UTC(2027, 2, 1, 4, 30), name: '陈*', mobile: '186****1234' },
  { source: 'suggestion', id: 2, province: '110000', club: null, topic: 'other', body: '建议增加周末场次', rating: null, at: Date.UTC(2027, 1, 28, 17), name: '王**', mobile: '156****1234' },
];

describe('opinion exports', () => {
  it('write CSV with a BOM, Beijing times and the masked customer', () => {
    const csv = opinionsCsv(rows, labels);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = parse(csv.slice(1)) as string[][];
    expect(parsed[0]).toEqual(['col:at', 'col:source', 'col:province', 'col:club', 'col:topic', 'col:rating', 'col:name', 'col:mobile', 'col:body']);
    expect(parsed[1]).toEqual(['2027-03-01 12:30', 'src:feedback', 'prov:440000', 'club:music', 'topic:event', '5', '陈*', '186****1234', '音响很好, "值得"再来']);
    expect(parsed[2]!.slice(0, 6)).toEqual(['2027-03-01 01:00', 'src:suggestion', 'prov:110000', '', 'topic:other', '']);
  });

  it('write a workbook whose dates are date cells in Beijing time, under a frozen header', async () => {
    const workbook = new Workbook();
    await workbook.xlsx.load(await opinionsXlsx(rows, labels));
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('意见');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const at = sheet.getRow(2).getCell(1).value;
    expect(at).toBeInstanceOf(Date);
    expect((at as Date).toISOString()).toBe('2027-03-01T12:30:00.000Z');
    expect(sheet.getRow(2).getCell(6).value).toBe(5);
    expect(sheet.getRow(3).getCell(9).value).toBe('建议增加周末场次');
  });

  it('write a workbook another library reads: the date a date, the rating a number, the masked mobile text', async () => {
    const [sheet] = await readWorkbook(await opinionsXlsx(rows, labels));
    expect(sheet!.data[1]).toEqual([new Date('2027-03-01T12:30:00.000Z'), 'src:feedback', 'prov:440000', 'club:music', 'topic:event', 5, '陈*', '186****1234', '音响很好, "值得"再来']);
    expect(sheet!.data[2]![5]).toBeNull();
  });
});
