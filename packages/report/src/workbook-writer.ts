import ExcelJS from 'exceljs';
import type { BuiltCover, BuiltReport, BuiltSection, BuiltTable, ColumnFormat } from './built-report.js';
import { setZipEntryDates } from './zip-dates.js';

/** CSRs print their reports: each sheet fits the page's width, in landscape, on A4. */
const PRINT_SETUP = {
  orientation: 'landscape',
  paperSize: 9,
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
} as const;

/** Excel number formats; Excel and Calc show them with the reader's separators (`1 234,5`). */
export const NUMBER_FORMATS: Record<Exclude<ColumnFormat, 'text'>, string> = {
  integer: '#,##0',
  decimal: '#,##0.0',
  percent: '0.0%',
  date: 'dd/mm/yyyy',
};

const HEADER_FILL = 'FFDCE6F1';
const TOTAL_FILL = 'FFF2F2F2';
const IMAGE_MAX_WIDTH = 760;
const ROW_PIXELS = 20;

/**
 * Writes a built report as an .xlsx: a cover sheet, then one sheet per section with its
 * tables (units in headers, French-localisable number formats, frozen headers, totals as SUM
 * formulas with their cached results) and its charts as images. The workbook's dates and the
 * ZIP entries' dates are `now`, so the same data always gives the same bytes.
 */
export async function writeReportWorkbook(report: BuiltReport, now: string): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const date = new Date(now);
  wb.creator = 'OISE';
  wb.lastModifiedBy = 'OISE';
  wb.created = date;
  wb.modified = date;
  wb.title = report.title;
  const names = new Set<string>();
  const sheetNames = report.sections.map((s) => uniqueSheetName(s.sheetName, names));
  writeCover(wb, report.cover, report.sections, sheetNames);
  report.sections.forEach((s, i) => writeSection(wb, s, sheetNames[i]!, report.cover));
  const buffer = await wb.xlsx.writeBuffer();
  return setZipEntryDates(new Uint8Array(buffer as ArrayBuffer), date);
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
    pageSetup: PRINT_SETUP,
  });
  ws.getColumn(1).width = 32;
  ws.getColumn(2).width = 60;
  ws.getCell('A1').value = 'OISE — Outil Informatisé de Suivi et d’Évaluation';
  ws.getCell('A1').font = { bold: true, size: 12, color: { argb: 'FF555555' } };
  ws.getCell('A2').value = cover.reportTitle;
  ws.getCell('A2').font = { bold: true, size: 18 };
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
  });
  const start = 5 + lines.length;
  ws.getCell(start, 1).value = 'Sommaire';
  ws.getCell(start, 1).font = { bold: true, size: 13 };
  sections.forEach((s, i) => {
    const cell = ws.getCell(start + 1 + i, 1);
    cell.value = { text: s.title, hyperlink: `#'${sheetNames[i]!.replace(/'/g, "''")}'!A1` };
    cell.font = { color: { argb: 'FF0563C1' }, underline: true };
  });
  ws.getCell(start + 2 + sections.length, 1).value =
    'Complétude des données : communes ayant au moins une valeur pour le trimestre sur les communes attendues (comme « oise status »). Complétude des saisies : valeurs reçues sur valeurs attendues (communes × indicateurs saisis par les CCC ; les taux sont calculés, jamais saisis).';
  ws.getCell(start + 2 + sections.length, 1).font = { italic: true, size: 9, color: { argb: 'FF555555' } };
}

function writeSection(wb: ExcelJS.Workbook, s: BuiltSection, name: string, cover: BuiltCover): void {
  const ws = wb.addWorksheet(name, { pageSetup: PRINT_SETUP });
  ws.getCell('A1').value = s.title;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = `${cover.unitName} (${cover.unitCode}) — ${cover.quarterLabel}`;
  ws.getCell('A2').font = { italic: true, color: { argb: 'FF555555' } };
  let row = 3;
  for (const note of s.notes) {
    ws.getCell(row, 1).value = note;
    ws.getCell(row, 1).font = { size: 10, color: { argb: 'FF333333' } };
    row++;
  }
  row++;
  let frozen: number | undefined;
  const widths: number[] = [];
  for (const table of s.tables) {
    const { headerEnd, next } = writeTable(ws, table, row, widths);
    frozen ??= headerEnd;
    row = next + 1;
  }
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  if (frozen !== undefined) {
    const codeFirst = s.tables[0]?.columns[0]?.header === 'Code';
    ws.views = [
      { state: 'frozen', ySplit: frozen, xSplit: codeFirst ? 2 : 0, topLeftCell: `A${frozen + 1}` },
    ];
  }
  for (const image of s.images) {
    const scale = Math.min(1, IMAGE_MAX_WIDTH / image.width);
    const id = wb.addImage({ buffer: image.png as unknown as ExcelJS.Buffer, extension: 'png' });
    ws.addImage(id, {
      tl: { col: 0, row: row },
      ext: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
      editAs: 'oneCell',
    });
    row += Math.ceil((image.height * scale) / ROW_PIXELS) + 2;
  }
}

/** Writes one table at `start`; returns the last header row and the row after the table. */
function writeTable(
  ws: ExcelJS.Worksheet,
  table: BuiltTable,
  start: number,
  widths: number[],
): { headerEnd: number; next: number } {
  let row = start;
  if (table.title) {
    ws.getCell(row, 1).value = table.title;
    ws.getCell(row, 1).font = { bold: true, size: 12 };
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
    widths[i] = Math.max(widths[i] ?? 8, col.width ?? 14);
  });
  header.height = 45;
  let headerEnd = row;
  if (table.columns.some((c) => c.key)) {
    row++;
    const keys = ws.getRow(row);
    table.columns.forEach((col, i) => {
      const cell = keys.getCell(i + 1);
      cell.value = col.key ?? (i === 0 ? 'code' : null);
      cell.font = { size: 8, color: { argb: 'FF777777' } };
      cell.alignment = { horizontal: 'center' };
    });
    headerEnd = row;
  }
  row++;
  const first = row;
  if (table.rows.length === 0 && table.emptyText) {
    ws.getCell(row, 1).value = table.emptyText;
    ws.getCell(row, 1).font = { italic: true };
    row++;
  }
  for (const r of table.rows) {
    const line = ws.getRow(row);
    table.columns.forEach((col, i) =>
      writeCell(
        line.getCell(i + 1),
        r.cells[i] ?? null,
        r.format && col.format !== 'text' && col.format !== 'percent' ? r.format : col.format,
      ),
    );
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
    row++;
  }
  return { headerEnd, next: row };
}

function writeCell(cell: ExcelJS.Cell, value: string | number | null, format: ColumnFormat): void {
  if (value === null || value === '') return;
  if (format === 'date' && typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    cell.value = new Date(`${value.slice(0, 10)}T00:00:00Z`);
    cell.numFmt = NUMBER_FORMATS.date;
    return;
  }
  cell.value = value;
  if (typeof value === 'number' && format !== 'text') cell.numFmt = NUMBER_FORMATS[format];
  if (typeof value === 'string' && value.length > 40) cell.alignment = { wrapText: true, vertical: 'top' };
}
