import { PRINT_MARGINS, columnPoints, printableArea } from '@oise/core';
import type ExcelJS from 'exceljs';

/** Every report sheet prints on A4 in landscape. */
export const REPORT_ORIENTATION = 'landscape';

/** The page setup of a report sheet at `scale` percent: A4 landscape, narrow margins. */
export function reportPageSetup(scale: number): Partial<ExcelJS.PageSetup> {
  return {
    orientation: REPORT_ORIENTATION,
    paperSize: 9,
    fitToPage: false,
    scale,
    margins: { ...PRINT_MARGINS },
    horizontalCentered: false,
  };
}

/**
 * The scale (percent) at which a sheet whose widest table is `columnWidths` fits the page's
 * width: 100 % when it fits, never below 40 %.
 */
export function scaleForWidth(columnWidths: number[]): number {
  const width = columnWidths.reduce((t, w) => t + columnPoints(w), 0);
  // Spreadsheet programs round each column's width on the way to paper: keep 4 % to spare.
  const room = printableArea(REPORT_ORIENTATION).width * 0.96;
  return Math.max(40, Math.min(100, Math.floor((100 * room) / Math.max(1, width))));
}

/**
 * Follows where the rows of a sheet fall on printed pages (heights in points, at the sheet's
 * scale), so that a picture and its caption are never split: a block that does not fit in what
 * is left of the page starts a new one (a manual page break above it). Rows are given their
 * height explicitly, so the spreadsheet program breaks pages where this flow expects.
 */
export class PageFlow {
  /** Page size in sheet points: the printable area divided by the scale. */
  readonly pageHeight: number;
  readonly pageWidth: number;
  private used = 0;
  /** Manual breaks: 1-based rows that start a page. */
  readonly breaks: number[] = [];

  constructor(
    private readonly ws: ExcelJS.Worksheet,
    readonly scale: number,
  ) {
    const area = printableArea(REPORT_ORIENTATION);
    this.pageHeight = (area.height * 100) / scale;
    this.pageWidth = (area.width * 100) / scale;
  }

  /** Points left on the current page. */
  get remaining(): number {
    return this.pageHeight - this.used;
  }

  /** Row `row` is `height` points high; it moves to the next page when it does not fit. */
  row(row: number, height: number): void {
    this.ws.getRow(row).height = height;
    if (this.used > 0 && this.used + height > this.pageHeight) this.used = height;
    else this.used += height;
  }

  /** Starts a new page at `row` unless `height` points still fit on this one (or it is empty). */
  keepTogether(row: number, height: number): void {
    if (this.used === 0 || this.used + height <= this.pageHeight) return;
    this.ws.getRow(row - 1).addPageBreak();
    this.breaks.push(row);
    this.used = 0;
  }
}
