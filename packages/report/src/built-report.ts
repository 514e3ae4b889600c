import type { Completeness } from '@oise/consolidate';
import type { ChartSpec } from './chart-spec.js';

/** How a column's cells are written and formatted in the workbook. */
export type ColumnFormat = 'text' | 'integer' | 'decimal' | 'percent' | 'date';

export interface BuiltColumn {
  /** French header; the unit is appended as « (unit) » when given. */
  header: string;
  unit?: string;
  /** A code shown in the second header row (indicator or period code), for lookups. */
  key?: string;
  format: ColumnFormat;
  width?: number;
  /** In the total row, a SUM formula over the column (with its cached result). */
  sum?: boolean;
  /**
   * In a brief report (one sheet, one grid of columns for all its tables), how many columns of
   * the grid the column covers (default 1; a table's last column takes what is left).
   */
  span?: number;
}

export type BuiltCell = string | number | null;

export interface BuiltRow {
  cells: BuiltCell[];
  /** Overrides the number format of the row's numeric columns (a trend row's indicator). */
  format?: ColumnFormat;
}

/** A formatted table: headers, rows, and an optional total row. */
export interface BuiltTable {
  title?: string;
  columns: BuiltColumn[];
  rows: BuiltRow[];
  /** Total row: cells for non-sum columns (label, consolidated figures); sum columns get SUM(). */
  total?: BuiltRow;
  /** Shown when there are no rows. */
  emptyText?: string;
}

/** A PNG to embed (a chart or a map), with its size in pixels. */
export interface BuiltImage {
  id: string;
  title: string;
  png: Buffer;
  width: number;
  height: number;
  chart?: ChartSpec;
  /** A line printed just above the image, on the same page (a map's classes and source). */
  caption?: string;
}

/** One section: one sheet of the workbook. */
export interface BuiltSection {
  title: string;
  sheetName: string;
  /** Lines of text under the title (explanations, notes). */
  notes: string[];
  tables: BuiltTable[];
  images: BuiltImage[];
}

/** The cover: what the report is about and how complete its data are. */
export interface BuiltCover {
  reportTitle: string;
  levelLabel: string;
  unitCode: string;
  unitName: string;
  period: string;
  quarterLabel: string;
  generatedAt: string;
  /** Communes with at least one value, out of those expected (as @oise/consolidate counts). */
  completeness: RatedCompleteness;
  /** Entries (commune × indicator a CCC enters) received, out of those expected. */
  entries: RatedCompleteness;
}

/**
 * Received against expected (communes or entries), how many of them on time (the counts of
 * @oise/consolidate's `Completeness`), and the rate a report prints.
 */
export interface RatedCompleteness extends Completeness {
  /** reporting / expected, or null when nothing is expected. */
  rate: number | null;
}

export interface BuiltReport {
  definitionId: string;
  title: string;
  fileStem: string;
  /** `brief`: one A4 portrait sheet and a printable HTML (`ReportDefinition.layout`). */
  layout?: 'brief';
  committee?: { code: string; name: string };
  cover: BuiltCover;
  sections: BuiltSection[];
}
