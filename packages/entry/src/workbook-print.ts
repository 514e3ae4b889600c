import {
  PRINT_MARGINS,
  columnLetter,
  columnPoints,
  printableArea,
  rowPointsFor,
  textPoints,
  wrappedLines,
} from '@oise/core';
import type ExcelJS from 'exceljs';
import { addColumnBreak } from './xlsx-column-breaks.js';

/**
 * How the entry workbook prints: A4 landscape; a domain sheet at a fixed scale with its title
 * rows and its commune columns on every page and a page break between indicators (never inside
 * one); the lists fitted to the page's width with their header row on every page; every header
 * row as high as its wrapped text, so no header is cut.
 */

/** Domain sheets print at 80 %: 10 pt headers come out at 8 pt, six simple indicators a page. */
export const DOMAIN_PRINT_SCALE = 80;

/** A4 landscape with narrow margins; `scale` fixed, or fitted to one page wide. */
export function entryPageSetup(
  options: { scale: number } | { fitToWidth: true },
): Partial<ExcelJS.PageSetup> {
  return {
    orientation: 'landscape',
    paperSize: 9,
    margins: { ...PRINT_MARGINS },
    ...('scale' in options
      ? { fitToPage: false, scale: options.scale }
      : { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }),
  };
}

/** « Cercle de Barouéli (ML0401) — 1er trimestre 2025 — Santé » left, « page 2 sur 9 » right. */
export function entryFooter(what: string): Partial<ExcelJS.HeaderFooter> {
  const text = what.replace(/&/g, '&&');
  return { oddFooter: `&L&8${text} — &A&R&8page &P sur &N` };
}

/**
 * Print layout of a domain sheet: rows 1 to `headerRows` and columns A to `titleColumns` on every
 * page, and a column break before any indicator that would not fit whole on the page.
 * `groups` are the 1-based first and last columns of each indicator, left to right.
 */
export function layoutDomainPages(
  ws: ExcelJS.Worksheet,
  options: { headerRows: number; titleColumns: number; groups: { first: number; last: number }[] },
): void {
  ws.pageSetup = {
    ...ws.pageSetup,
    ...entryPageSetup({ scale: DOMAIN_PRINT_SCALE }),
    printTitlesRow: `1:${options.headerRows}`,
    printTitlesColumn: `A:${columnLetter(options.titleColumns)}`,
  };
  const width = (first: number, last: number) => {
    let w = 0;
    for (let c = first; c <= last; c++) w += columnPoints(widthOf(ws, c));
    return w;
  };
  // Spreadsheet programs round column widths on the way to paper: keep 4 % to spare.
  const room =
    (printableArea('landscape').width * 0.96 * 100) / DOMAIN_PRINT_SCALE - width(1, options.titleColumns);
  let used = 0;
  for (const g of options.groups) {
    const w = width(g.first, g.last);
    if (used > 0 && used + w > room) {
      addColumnBreak(ws, g.first - 1);
      used = 0;
    }
    used += w;
  }
}

/**
 * Widens column `first` so that the longest word of each text fits in columns `first`…`last`
 * (a word never breaks: a narrower cell would cut it).
 */
export function fitLongestWord(
  ws: ExcelJS.Worksheet,
  first: number,
  last: number,
  texts: { text: string; size: number; bold?: boolean }[],
): void {
  let width = 0;
  for (let c = first; c <= last; c++) width += columnPoints(widthOf(ws, c));
  const needed = Math.max(
    ...texts.flatMap((t) => t.text.split(/\s+/).map((w) => textPoints(w, t.size, t.bold === true) + 8)),
  );
  if (needed > width) {
    const column = ws.getColumn(first);
    column.width = widthOf(ws, first) + Math.ceil((needed - width) / columnPoints(1));
  }
}

/**
 * Gives each row its height for the wrapped text it holds: every text cell (a merged range
 * counts its full width) in its own font, the row as high as its tallest cell.
 */
export function fitRowHeights(ws: ExcelJS.Worksheet, rows: number[], minimum = 15): void {
  const merged = mergedWidths(ws);
  for (const r of rows) {
    let height = minimum;
    ws.getRow(r).eachCell((cell) => {
      if (cell.isMerged && cell.master !== cell) return;
      const text = typeof cell.value === 'string' ? cell.value : undefined;
      if (!text) return;
      const size = cell.font?.size ?? 11;
      const width = merged.get(cell.address) ?? columnPoints(widthOf(ws, Number(cell.col)));
      height = Math.max(
        height,
        rowPointsFor(wrappedLines(text, width, size, cell.font?.bold === true), size),
      );
    });
    ws.getRow(r).height = height;
  }
}

/** The width in points of every merged range, by its top-left cell. */
function mergedWidths(ws: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>();
  const ranges = (ws.model as { merges?: string[] }).merges ?? [];
  for (const range of ranges) {
    const [from, to] = range.split(':');
    if (!from || !to) continue;
    const a = ws.getCell(from);
    const b = ws.getCell(to);
    let w = 0;
    for (let c = Number(a.col); c <= Number(b.col); c++) w += columnPoints(widthOf(ws, c));
    out.set(a.address, w);
  }
  return out;
}

/** A column's width in characters, the sheet's default when it has none. */
function widthOf(ws: ExcelJS.Worksheet, column: number): number {
  return ws.getColumn(column).width ?? ws.properties.defaultColWidth ?? 9;
}
