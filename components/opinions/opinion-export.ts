import 'server-only';
import { Workbook } from 'exceljs';
import { csvDocument, type CsvValue } from '@/lib/csv';
import type { Opinion } from '@/lib/server/opinions';
import { addTableSheet, type XlsxFormat } from '@/lib/server/xlsx';

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

const FORMATS: Record<(typeof COLUMNS)[number], XlsxFormat> = {
  at: 'datetime',
  source: 'text',
  province: 'text',
  club: 'text',
  topic: 'text',
  rating: 'integer',
  name: 'text',
  mobile: 'text',
  body: 'text',
};

function values(o: Opinion, l: OpinionLabels) {
  return { source: l.source(o.source), province: l.province(o.province), club: o.club ? l.club(o.club) : '', topic: l.topic(o.topic), rating: o.rating, name: o.name, mobile: o.mobile, body: o.body };
}

/** The opinions as CSV (UTF-8 with a BOM, for Excel): Beijing times, customers masked as the view shows them. */
export function opinionsCsv(rows: Opinion[], l: OpinionLabels): string {
  return csvDocument(
    COLUMNS.map(l.column),
    rows.map((o) => {
      const v = values(o, l);
      return [new Date(o.at), v.source, v.province, v.club, v.topic, v.rating, v.name, v.mobile, v.body] satisfies CsvValue[];
    }),
  );
}

/** The opinions as a workbook (lib/server/xlsx): the date a real date cell in Beijing time, the rating a number. */
export async function opinionsXlsx(rows: Opinion[], l: OpinionLabels): Promise<ArrayBuffer> {
  const workbook = new Workbook();
  addTableSheet(
    workbook,
    l.sheet,
    COLUMNS.map((key) => ({ header: l.column(key), format: FORMATS[key] })),
    rows.map((o) => {
      const v = values(o, l);
      return [o.at, v.source, v.province, v.club, v.topic, v.rating, v.name, v.mobile, v.body];
    }),
  );
  return workbook.xlsx.writeBuffer();
}
