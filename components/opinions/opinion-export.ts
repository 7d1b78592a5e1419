import 'server-only';
import { Workbook } from 'exceljs';
import { csvDocument, type CsvValue } from '@/lib/csv';
import { shanghaiDateTime } from '@/lib/domain/time';
import type { Opinion } from '@/lib/server/opinions';

/** What turns the opinions' codes into words in the reader's language. */
export interface OpinionLabels {
  column: (key: (typeof COLUMNS)[number]) => string;
  source: (source: Opinion['source']) => string;
  province: (code: string) => string;
  club: (code: string) => string;
  topic: (topic: string) => string;
  sheet: string;
}

const COLUMNS = ['at', 'source', 'province', 'club', 'topic', 'rating', 'name', 'mobile', 'body'] as const;

const BEIJING_OFFSET = 8 * 3600_000;

function values(o: Opinion, l: OpinionLabels) {
  return { source: l.source(o.source), province: l.province(o.province), club: o.club ? l.club(o.club) : '', topic: l.topic(o.topic), rating: o.rating, name: o.name, mobile: o.mobile, body: o.body };
}

/** The opinions as CSV (UTF-8 with a BOM, for Excel): Beijing times, customers masked as the view shows them. */
export function opinionsCsv(rows: Opinion[], l: OpinionLabels): string {
  return csvDocument(
    COLUMNS.map(l.column),
    rows.map((o) => {
      const v = values(o, l);
      return [shanghaiDateTime(o.at), v.source, v.province, v.club, v.topic, v.rating, v.name, v.mobile, v.body] satisfies CsvValue[];
    }),
  );
}

/**
 * The opinions as a workbook: the date a real date cell (Beijing wall time: a spreadsheet has no
 * time zone), the rating a number, the header row frozen so that it stays while scrolling.
 */
export async function opinionsXlsx(rows: Opinion[], l: OpinionLabels): Promise<ArrayBuffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet(l.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((key) => ({ key, width: key === 'body' ? 60 : key === 'at' ? 18 : 14 }));
  sheet.addRow(COLUMNS.map(l.column)).font = { bold: true };
  for (const o of rows) {
    const v = values(o, l);
    const row = sheet.addRow([new Date(o.at + BEIJING_OFFSET), v.source, v.province, v.club, v.topic, v.rating, v.name, v.mobile, v.body]);
    row.getCell(1).numFmt = 'yyyy-mm-dd hh:mm';
  }
  return workbook.xlsx.writeBuffer();
}
