import ExcelJS from 'exceljs';
import { NUMBER_FORMATS } from './workbook-writer.js';
import { setZipEntryDates } from './zip-dates.js';

/** A table as a person sees it on a page: French headers, then rows of text and numbers. */
export interface PlainTable {
  /** The workbook's and the sheet's title (first line of the sheet). */
  title: string;
  /** The sheet's name (31 characters at most, cut otherwise). */
  sheetName: string;
  header: string[];
  /** Numbers stay numbers (a null is an empty cell); text stays text. */
  rows: (string | number | null)[][];
  /** Excel format of the number cells (default `#,##0`, whole numbers). */
  numberFormat?: 'integer' | 'decimal';
}

/**
 * One table as an .xlsx: the title, the header in bold and frozen, then the rows, numbers as
 * numbers in a French-localisable format (Excel and Calc show `1 234`). The workbook's dates and
 * the ZIP entries' are `now`, so the same table always gives the same bytes.
 */
export async function writeTableWorkbook(table: PlainTable, now: string): Promise<Uint8Array> {
  const date = new Date(now);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'OISE';
  wb.lastModifiedBy = 'OISE';
  wb.created = date;
  wb.modified = date;
  wb.title = table.title;
  const name =
    table.sheetName
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Tableau';
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.getCell(1, 1).value = table.title;
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  const header = ws.getRow(2);
  table.header.forEach((text, i) => {
    header.getCell(i + 1).value = text;
  });
  header.font = { bold: true };
  const format = NUMBER_FORMATS[table.numberFormat ?? 'integer'];
  table.rows.forEach((cells, r) => {
    const row = ws.getRow(3 + r);
    cells.forEach((value, i) => {
      const cell = row.getCell(i + 1);
      cell.value = value;
      if (typeof value === 'number') cell.numFmt = format;
    });
  });
  table.header.forEach((text, i) => {
    const longest = Math.max(text.length, ...table.rows.map((r) => String(r[i] ?? '').length));
    ws.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
  });
  const buffer = await wb.xlsx.writeBuffer();
  return setZipEntryDates(new Uint8Array(buffer as ArrayBuffer), date);
}
