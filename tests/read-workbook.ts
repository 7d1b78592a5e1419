import readExcelFile from 'read-excel-file/node';

/**
 * The sheets of an XLSX file as read-excel-file (another library than the writer, exceljs) reads
 * them: a date cell comes back as a Date, a number as a number, text as a string. A date cell
 * holds a fraction of a day in binary floating point, so its Date can be off by a millisecond:
 * dates are rounded to the second, the finest any export shows.
 */
export async function readWorkbook(bytes: Buffer | ArrayBuffer): Promise<{ sheet: string; data: unknown[][] }[]> {
  const sheets = await readExcelFile(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes));
  return sheets.map(({ sheet, data }) => ({
    sheet,
    data: data.map((row) => row.map((cell) => (cell instanceof Date ? new Date(Math.round(cell.getTime() / 1000) * 1000) : cell))),
  }));
}
