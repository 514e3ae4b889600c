import { PRINT_MARGINS, columnPoints, rowPointsFor, wrappedLines } from '@oise/core';
import type ExcelJS from 'exceljs';
import { briefHeading, cellFormat } from './brief-document.js';
import type { BuiltReport, BuiltSection, BuiltTable } from './built-report.js';
import { HEADER_FILL, newReportWorkbook, pageFooter, workbookBytes, writeCell } from './workbook-writer.js';

/**
 * The columns every table of a brief sheet shares: 74 characters, the printable width of an A4
 * page in portrait at 100 % (each table's columns fall on them; its last one takes the rest).
 */
export const BRIEF_GRID = [27, 11, 10, 10, 16] as const;

/** The page setup of a brief sheet: A4 portrait, fitted to the page's width, as many pages as needed. */
export const BRIEF_PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  orientation: 'portrait',
  paperSize: 9,
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { ...PRINT_MARGINS },
  horizontalCentered: true,
  printTitlesRow: '1:2',
};

/**
 * Writes a brief report (the committees' syntheses) as one sheet to print on A4 in portrait:
 * the title and who it is for (repeated at the top of every printed page), the quarter's
 * completeness, then each section's title, notes and table on one grid of columns. French
 * number formats, rows as high as their wrapped text, a footer with the page number.
 */
export async function writeBriefWorkbook(report: BuiltReport, now: string): Promise<Uint8Array> {
  const wb = newReportWorkbook(report.title, now);
  const ws = wb.addWorksheet('Synthèse', { pageSetup: { ...BRIEF_PAGE_SETUP } });
  ws.headerFooter = pageFooter(report.cover);
  BRIEF_GRID.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  const heading = briefHeading(report);
  let row = 1;
  row = writeLine(ws, row, heading.title, { bold: true, size: 15 });
  row = writeLine(ws, row, heading.subtitle, { italic: true, size: 10, color: { argb: 'FF444444' } });
  row = writeLine(ws, row, heading.summary, { size: 10 });
  for (const section of report.sections) row = writeSection(ws, row, section);
  return workbookBytes(wb, now);
}

const GRID_WIDTH = BRIEF_GRID.reduce((t, w) => t + w, 0);

/** A text over the whole grid, its row as high as its wrapped lines; returns the next row. */
function writeLine(ws: ExcelJS.Worksheet, row: number, text: string, font: Partial<ExcelJS.Font>): number {
  ws.mergeCells(row, 1, row, BRIEF_GRID.length);
  const cell = ws.getCell(row, 1);
  cell.value = text;
  cell.font = font;
  cell.alignment = { wrapText: true, vertical: 'top' };
  const size = font.size ?? 11;
  ws.getRow(row).height = rowPointsFor(
    wrappedLines(text, columnPoints(GRID_WIDTH), size, font.bold === true),
    size,
  );
  return row + 1;
}

function writeSection(ws: ExcelJS.Worksheet, start: number, section: BuiltSection): number {
  ws.getRow(start).height = 8;
  let row = start + 1;
  row = writeLine(ws, row, section.title, { bold: true, size: 12, color: { argb: 'FF1F3864' } });
  for (const note of section.notes) row = writeLine(ws, row, note, { size: 9, color: { argb: 'FF333333' } });
  for (const table of section.tables) row = writeTable(ws, row, table);
  return row;
}

/** Where each of a table's columns falls on the grid: first grid column and how many it covers. */
function placeColumns(table: BuiltTable): { first: number; span: number; width: number }[] {
  let next = 0;
  return table.columns.map((col, i) => {
    const last = i === table.columns.length - 1;
    const span = last ? BRIEF_GRID.length - next : Math.min(col.span ?? 1, BRIEF_GRID.length - next);
    const first = next;
    next += span;
    const width = BRIEF_GRID.slice(first, first + span).reduce((t, w) => t + w, 0);
    return { first: first + 1, span, width };
  });
}

function writeTable(ws: ExcelJS.Worksheet, start: number, table: BuiltTable): number {
  const places = placeColumns(table);
  const merge = (row: number, p: { first: number; span: number }) => {
    if (p.span > 1) ws.mergeCells(row, p.first, row, p.first + p.span - 1);
    return ws.getCell(row, p.first);
  };
  let row = start;
  let lines = 1;
  table.columns.forEach((col, i) => {
    const p = places[i]!;
    const text = col.unit ? `${col.header} (${col.unit})` : col.header;
    const cell = merge(row, p);
    cell.value = text;
    cell.font = { bold: true, size: 10 };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: i === 0 ? 'left' : 'center' };
    cell.border = { bottom: { style: 'thin' } };
    lines = Math.max(lines, wrappedLines(text, columnPoints(p.width), 10, true));
  });
  ws.getRow(row).height = rowPointsFor(lines, 10);
  row++;
  if (table.rows.length === 0 && table.emptyText) {
    const cell = merge(row, { first: 1, span: BRIEF_GRID.length });
    cell.value = table.emptyText;
    cell.font = { italic: true, size: 10 };
    ws.getRow(row).height = 15;
    row++;
  }
  for (const r of table.rows) {
    let height = 1;
    table.columns.forEach((col, i) => {
      const p = places[i]!;
      const value = r.cells[i] ?? null;
      const cell = merge(row, p);
      writeCell(cell, value, cellFormat(col.format, r.format));
      cell.font = { size: 10, ...(i === 0 ? { bold: true } : {}) };
      // Text after a number keeps a little room from it.
      cell.alignment = {
        ...cell.alignment,
        wrapText: true,
        vertical: 'top',
        ...(i > 0 && col.format === 'text' ? { indent: 1 } : {}),
      };
      cell.border = { bottom: { style: 'hair', color: { argb: 'FFBBBBBB' } } };
      if (typeof value === 'string')
        height = Math.max(height, wrappedLines(value, columnPoints(p.width), 10, i === 0));
    });
    ws.getRow(row).height = rowPointsFor(height, 10);
    row++;
  }
  return row;
}
