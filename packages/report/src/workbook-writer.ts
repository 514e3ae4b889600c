import { columnPoints, pixelPoints, rowPointsFor, textPoints, wrappedLines } from '@oise/core';
import ExcelJS from 'exceljs';
import { cellFormat } from './brief-document.js';
import type {
  BuiltCover,
  BuiltImage,
  BuiltReport,
  BuiltSection,
  BuiltTable,
  ColumnFormat,
} from './built-report.js';
import { PageFlow, reportPageSetup, scaleForWidth } from './sheet-pages.js';
import { setZipEntryDates } from './zip-dates.js';

/** Excel number formats; Excel and Calc show them with the reader's separators (`1 234,5`). */
export const NUMBER_FORMATS: Record<Exclude<ColumnFormat, 'text'>, string> = {
  integer: '#,##0',
  decimal: '#,##0.0',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
};

export const HEADER_FILL = 'FFDCE6F1';
const TOTAL_FILL = 'FFF2F2F2';
/** Rows under a picture: 15 pt each (20 pixels), so its height in rows is known. */
const IMAGE_ROW_POINTS = 15;
const SPACER_POINTS = 4;
/** The grey codes under the headers, for lookups. */
const KEY_FONT_SIZE = 8;

/**
 * Writes a built report as an .xlsx: a cover sheet, then one sheet per section with its
 * tables (units in headers, French-localisable number formats, frozen headers, totals as SUM
 * formulas with their cached results) and its charts as images. Every sheet prints on A4 in
 * landscape at the scale that fits its tables' width, each picture whole on a page with its
 * caption, notes wrapped, a footer with the report, the unit and the page number. The workbook's dates and the
 * ZIP entries' dates are `now`, so the same data always gives the same bytes.
 */
export async function writeReportWorkbook(report: BuiltReport, now: string): Promise<Uint8Array> {
  const wb = newReportWorkbook(report.title, now);
  const names = new Set<string>();
  const sheetNames = report.sections.map((s) => uniqueSheetName(s.sheetName, names));
  writeCover(wb, report.cover, report.sections, sheetNames);
  report.sections.forEach((s, i) => writeSection(wb, s, sheetNames[i]!, report.cover));
  return workbookBytes(wb, now);
}

/** An empty report workbook whose properties are dated `now`. */
export function newReportWorkbook(title: string, now: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const date = new Date(now);
  wb.creator = 'OISE';
  wb.lastModifiedBy = 'OISE';
  wb.created = date;
  wb.modified = date;
  wb.title = title;
  return wb;
}

/** The workbook's bytes, its ZIP entries dated `now`: the same data always give the same bytes. */
export async function workbookBytes(wb: ExcelJS.Workbook, now: string): Promise<Uint8Array> {
  const buffer = await wb.xlsx.writeBuffer();
  return setZipEntryDates(new Uint8Array(buffer as ArrayBuffer), new Date(now));
}

function uniqueSheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Section';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 27)} (${n})`;
  used.add(name.toLowerCase());
  return name;
}

function writeCover(
  wb: ExcelJS.Workbook,
  cover: BuiltCover,
  sections: BuiltSection[],
  sheetNames: string[],
): void {
  const ws = wb.addWorksheet('Couverture', {
    properties: { tabColor: { argb: 'FF0072B2' } },
    pageSetup: reportPageSetup(100),
  });
  ws.headerFooter = pageFooter(cover);
  const flow = new PageFlow(ws, 100);
  ws.getColumn(1).width = 32;
  ws.getColumn(2).width = 60;
  const span = { columns: 2, width: columnPoints(32 + 60), widths: [32, 60] };
  // Each line its own height: a title in 18 pt never runs into the line under it.
  ws.mergeCells(1, 1, 1, 2);
  ws.getCell('A1').value = 'OISE — Outil Informatisé de Suivi et d’Évaluation';
  ws.getCell('A1').font = { bold: true, size: 12, color: { argb: 'FF555555' } };
  ws.getCell('A1').alignment = { vertical: 'top' };
  flow.row(1, 22);
  writeWrapped(ws, flow, 2, span, cover.reportTitle, { bold: true, size: 18 });
  ws.getCell('A2').alignment = { wrapText: true, vertical: 'middle' };
  flow.row(3, 10);
  const c = cover.completeness;
  const e = cover.entries;
  const lines: [string, ExcelJS.CellValue, string?][] = [
    ['Niveau', cover.levelLabel],
    ['Unité', `${cover.unitName} (${cover.unitCode})`],
    ['Trimestre', cover.quarterLabel],
    ['Code du trimestre', cover.period],
    ['Date de génération', new Date(cover.generatedAt), 'dd/mm/yyyy hh:mm'],
    ['Complétude des données', c.rate, NUMBER_FORMATS.percent],
    ['Communes ayant saisi', c.reporting, NUMBER_FORMATS.integer],
    ['Communes attendues', c.expected, NUMBER_FORMATS.integer],
    ['Communes à temps', c.onTime, NUMBER_FORMATS.integer],
    ['Complétude des saisies', e.rate, NUMBER_FORMATS.percent],
    ['Saisies reçues', e.reporting, NUMBER_FORMATS.integer],
    ['Saisies attendues', e.expected, NUMBER_FORMATS.integer],
  ];
  lines.forEach(([label, value, format], i) => {
    const row = ws.getRow(4 + i);
    row.getCell(1).value = label;
    row.getCell(1).font = { bold: true };
    row.getCell(2).value = value;
    row.getCell(2).alignment = { horizontal: 'left' };
    if (format) row.getCell(2).numFmt = format;
    flow.row(4 + i, 16);
  });
  const start = 5 + lines.length;
  flow.row(start - 1, 12);
  ws.getCell(start, 1).value = 'Sommaire';
  ws.getCell(start, 1).font = { bold: true, size: 13 };
  flow.row(start, 20);
  sections.forEach((s, i) => {
    const cell = ws.getCell(start + 1 + i, 1);
    cell.value = { text: s.title, hyperlink: `#'${sheetNames[i]!.replace(/'/g, "''")}'!A1` };
    cell.font = { color: { argb: 'FF0563C1' }, underline: true };
    flow.row(start + 1 + i, 16);
  });
  flow.row(start + 1 + sections.length, 12);
  writeWrapped(
    ws,
    flow,
    start + 2 + sections.length,
    span,
    'Complétude des données : communes ayant au moins une valeur pour le trimestre sur les communes attendues (comme « oise status »). Complétude des saisies : valeurs reçues sur valeurs attendues (communes × indicateurs saisis par les CCC ; les taux sont calculés, jamais saisis).',
    { italic: true, size: 9, color: { argb: 'FF555555' } },
  );
}

function writeSection(wb: ExcelJS.Workbook, s: BuiltSection, name: string, cover: BuiltCover): void {
  const widths: number[] = [];
  for (const table of s.tables)
    table.columns.forEach((col, i) => {
      // The key row's code never runs past its column (it would widen the printed page).
      const key = col.key ? Math.ceil((textPoints(col.key, KEY_FONT_SIZE) + 8) / columnPoints(1)) : 0;
      widths[i] = Math.max(widths[i] ?? 8, col.width ?? 14, key);
    });
  const scale = scaleForWidth(widths);
  const ws = wb.addWorksheet(name, { pageSetup: reportPageSetup(scale) });
  ws.headerFooter = pageFooter(cover);
  const flow = new PageFlow(ws, scale);
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  // Notes and captions wrap over the tables' width (at least half a page), never past the page.
  const span = textSpan(ws, widths, flow.pageWidth);
  ws.getCell('A1').value = s.title;
  ws.getCell('A1').font = { bold: true, size: 14 };
  flow.row(1, 22);
  ws.getCell('A2').value = `${cover.unitName} (${cover.unitCode}) — ${cover.quarterLabel}`;
  ws.getCell('A2').font = { italic: true, color: { argb: 'FF555555' } };
  flow.row(2, 16);
  let row = 3;
  for (const note of s.notes) {
    writeWrapped(ws, flow, row, span, note, { size: printedSize(10, scale), color: { argb: 'FF333333' } });
    row++;
  }
  flow.row(row, 12);
  row++;
  let frozen: number | undefined;
  for (const table of s.tables) {
    const { headerEnd, next } = writeTable(ws, table, row, flow);
    frozen ??= headerEnd;
    flow.row(next, 12);
    row = next + 1;
  }
  if (frozen !== undefined) {
    const codeFirst = s.tables[0]?.columns[0]?.header === 'Code';
    ws.views = [
      { state: 'frozen', ySplit: frozen, xSplit: codeFirst ? 2 : 0, topLeftCell: `A${frozen + 1}` },
    ];
  }
  for (const image of s.images) row = writeImage(wb, ws, flow, row, span, image);
}

/** A font size that prints at about `size` pt on a sheet printed at `scale` % (up to 16 pt). */
function printedSize(size: number, scale: number): number {
  return Math.min(16, Math.round((size * 100) / scale));
}

/** The page footer of every report sheet: what it is, then the page number. */
export function pageFooter(cover: BuiltCover): Partial<ExcelJS.HeaderFooter> {
  const what = `${cover.reportTitle} — ${cover.unitName} — ${cover.quarterLabel}`.replace(/&/g, '&&');
  return { oddFooter: `&L&8${what}&R&8page &P sur &N` };
}

/**
 * Columns a note spans: the tables' columns, widened with extra columns to half a page at least;
 * every column up to the page's width gets an explicit width.
 */
function textSpan(
  ws: ExcelJS.Worksheet,
  widths: number[],
  pageWidth: number,
): { columns: number; width: number; widths: number[] } {
  const all = [...widths];
  const covering: number[] = [];
  for (let i = 0, total = 0; total < pageWidth; i++) {
    if (all[i] === undefined) {
      all[i] = 14;
      ws.getColumn(i + 1).width = 14;
    }
    covering.push(all[i]!);
    total += columnPoints(all[i]!);
  }
  const target = Math.min(
    pageWidth - 10,
    Math.max(
      pageWidth / 2,
      widths.reduce((t, w) => t + columnPoints(w), 0),
    ),
  );
  let columns = 0;
  let width = 0;
  while (width < target - 1) {
    const w = columnPoints(all[columns] ?? 14);
    if (columns > 0 && width + w > pageWidth - 10) break;
    width += w;
    columns++;
  }
  return { columns: Math.max(1, columns), width, widths: covering };
}

/** A line of text wrapped over `span` (merged cells), its row as high as its lines. */
function writeWrapped(
  ws: ExcelJS.Worksheet,
  flow: PageFlow,
  row: number,
  span: { columns: number; width: number },
  text: string,
  font: Partial<ExcelJS.Font>,
): number {
  if (span.columns > 1) ws.mergeCells(row, 1, row, span.columns);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = font;
  cell.alignment = { wrapText: true, vertical: 'top' };
  const size = font.size ?? 11;
  const height = rowPointsFor(wrappedLines(text, span.width, size, font.bold === true), size);
  flow.row(row, height);
  return height;
}

/**
 * Places a chart or a map with its caption on one page: a new page when what is left of this one
 * is too short; the picture sized to fit the page (up to 130 % of its pixels).
 */
function writeImage(
  wb: ExcelJS.Workbook,
  ws: ExcelJS.Worksheet,
  flow: PageFlow,
  start: number,
  span: { columns: number; width: number; widths: number[] },
  image: BuiltImage,
): number {
  const captionFont = { size: printedSize(10, flow.scale), italic: true, color: { argb: 'FF333333' } };
  const captionHeight = image.caption
    ? rowPointsFor(wrappedLines(image.caption, span.width, captionFont.size), captionFont.size)
    : 0;
  const natural = { width: pixelPoints(image.width), height: pixelPoints(image.height) };
  // A spreadsheet program prints whole columns: the one the picture ends in must fit too.
  const widest = Math.max(...span.widths.map(columnPoints));
  const byWidth = (flow.pageWidth - widest - 6) / natural.width;
  const sized = (room: number) => Math.min(1.3, byWidth, (room - captionHeight) / natural.height);
  // A little room under the picture: it never touches the row that may start the next page.
  const rowsFor = (f: number) => Math.ceil((natural.height * f + 3) / IMAGE_ROW_POINTS);
  // Smaller on what is left of this page, down to 75 %; else on a new page, as large as fits.
  let fit = sized(flow.remaining - SPACER_POINTS - 2 * IMAGE_ROW_POINTS);
  if (fit < 0.75 || fit < sized(flow.pageHeight - 2 * IMAGE_ROW_POINTS) * 0.75) {
    fit = sized(flow.pageHeight - 2 * IMAGE_ROW_POINTS);
    flow.keepTogether(start, SPACER_POINTS + captionHeight + rowsFor(fit) * IMAGE_ROW_POINTS);
  }
  const ext = { width: Math.floor(image.width * fit), height: Math.floor(image.height * fit) };
  const imageRows = rowsFor(fit);
  // Nor the row that ends the page above: a thin spacer row first.
  flow.row(start, SPACER_POINTS);
  let row = start + 1;
  if (image.caption) {
    writeWrapped(ws, flow, row, span, image.caption, captionFont);
    row++;
  }
  const id = wb.addImage({ buffer: image.png as unknown as ExcelJS.Buffer, extension: 'png' });
  // tl counts rows from 0: the picture's top edge is the top of row `row`.
  ws.addImage(id, { tl: { col: 0, row: row - 1 }, ext, editAs: 'oneCell' });
  for (let i = 0; i < imageRows; i++) flow.row(row + i, IMAGE_ROW_POINTS);
  return row + imageRows;
}

/** Writes one table at `start`; returns the last header row and the row after the table. */
function writeTable(
  ws: ExcelJS.Worksheet,
  table: BuiltTable,
  start: number,
  flow: PageFlow,
): { headerEnd: number; next: number } {
  let row = start;
  const width = (i: number) => columnPoints(ws.getColumn(i + 1).width ?? 14);
  // A title, the header and a first line stay together.
  const headerLines = Math.max(
    2,
    ...table.columns.map((col, i) =>
      wrappedLines(col.unit ? `${col.header} (${col.unit})` : col.header, width(i), 11, true),
    ),
  );
  const headerHeight = rowPointsFor(headerLines, 11);
  flow.keepTogether(row, (table.title ? 20 : 0) + headerHeight + 12 + 2 * 15);
  if (table.title) {
    ws.getCell(row, 1).value = table.title;
    ws.getCell(row, 1).font = { bold: true, size: 12 };
    flow.row(row, 20);
    row++;
  }
  const header = ws.getRow(row);
  table.columns.forEach((col, i) => {
    const cell = header.getCell(i + 1);
    cell.value = col.unit ? `${col.header} (${col.unit})` : col.header;
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    cell.border = { bottom: { style: 'thin' } };
  });
  flow.row(row, headerHeight);
  let headerEnd = row;
  if (table.columns.some((c) => c.key)) {
    row++;
    const keys = ws.getRow(row);
    table.columns.forEach((col, i) => {
      const cell = keys.getCell(i + 1);
      cell.value = col.key ?? (i === 0 ? 'code' : null);
      cell.font = { size: KEY_FONT_SIZE, color: { argb: 'FF777777' } };
      // Wrapped text never runs into the next column, which would widen the printed page.
      cell.alignment = { horizontal: 'center', wrapText: true };
    });
    flow.row(row, 12);
    headerEnd = row;
  }
  row++;
  const first = row;
  if (table.rows.length === 0 && table.emptyText) {
    ws.getCell(row, 1).value = table.emptyText;
    ws.getCell(row, 1).font = { italic: true };
    flow.row(row, 15);
    row++;
  }
  for (const r of table.rows) {
    const line = ws.getRow(row);
    let lines = 1;
    table.columns.forEach((col, i) => {
      const value = r.cells[i] ?? null;
      writeCell(line.getCell(i + 1), value, cellFormat(col.format, r.format));
      if (typeof value === 'string' && col.format === 'text')
        lines = Math.max(lines, wrappedLines(value, width(i), 11));
    });
    flow.row(row, lines === 1 ? 15 : rowPointsFor(lines, 11));
    row++;
  }
  const last = row - 1;
  if (table.total) {
    const line = ws.getRow(row);
    table.columns.forEach((col, i) => {
      const cell = line.getCell(i + 1);
      if (col.sum) {
        const result = table.rows.reduce(
          (t, r) => t + (typeof r.cells[i] === 'number' ? (r.cells[i] as number) : 0),
          0,
        );
        const letter = ws.getColumn(i + 1).letter;
        cell.value =
          table.rows.length > 0 ? { formula: `SUM(${letter}${first}:${letter}${last})`, result } : 0;
        cell.numFmt = NUMBER_FORMATS[col.format === 'text' ? 'integer' : col.format];
      } else writeCell(cell, table.total!.cells[i] ?? null, col.format);
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: TOTAL_FILL } };
      cell.border = { top: { style: 'thin' } };
    });
    flow.row(row, 15);
    row++;
  }
  return { headerEnd, next: row };
}

export function writeCell(cell: ExcelJS.Cell, value: string | number | null, format: ColumnFormat): void {
  if (value === null || value === '') return;
  if (format === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    cell.value = new Date(`${value.slice(0, 10)}T00:00:00Z`);
    cell.numFmt = NUMBER_FORMATS.date;
    return;
  }
  cell.value = value;
  if (typeof value === 'number' && format !== 'text') cell.numFmt = NUMBER_FORMATS[format];
  // Text wraps in its column (its row is as high as its lines): never over the next column.
  if (typeof value === 'string') cell.alignment = { wrapText: true, vertical: 'top' };
}
