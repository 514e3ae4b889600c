import type { CellInput } from './cell-value.js';
import { type ColumnMap, VALUE_COLUMNS, cellOf, mapColumns } from './columns.js';
import type { TableFile } from './table-file.js';

/** Where each field of a value came from (column letters), for findings. */
export interface ValueColumns {
  orgUnit: string;
  indicator: string;
  period: string;
  category: string;
  value: string;
  comment: string;
}

/** One figure as read from a file, before validation. */
export interface ValueInput {
  file: string;
  sheet?: string;
  line: number;
  columns: ValueColumns;
  orgUnit: string;
  indicator: string;
  period: string;
  category: string;
  raw: CellInput;
  /** `undefined`: the file says nothing about the comment, keep the stored one. */
  comment: string | null | undefined;
  /** A workbook cell that was pre-filled and is now empty: the stored value is deleted (tombstone). */
  clear: boolean;
  /** The quarter a workbook was made for: any other period is refused. */
  expectedQuarter?: string;
  /** The row of the rejects file this value belongs to (its original cells). */
  rejectRow: string[];
  /** Values sharing a reject key are refused together (one CSV line). */
  rejectKey: string;
}

/** The data-value CSV of the design turned into value inputs (one per line). */
export function valuesFromTable(table: TableFile, map: ColumnMap = mapColumns(table.header, VALUE_COLUMNS)) {
  const inputs: ValueInput[] = [];
  for (const row of table.rows) {
    const f = (field: string) => cellOf(map, row.cells, field);
    const comment = f('comment');
    inputs.push({
      file: table.file,
      line: row.line,
      columns: {
        orgUnit: f('orgUnit').column,
        indicator: f('indicator').column,
        period: f('period').column,
        category: f('category').column,
        value: f('value').column,
        comment: comment.column,
      },
      orgUnit: f('orgUnit').text,
      indicator: f('indicator').text,
      period: f('period').text,
      category: f('category').text,
      raw: f('value').present ? f('value').text : undefined,
      comment: comment.present ? comment.text || null : undefined,
      clear: false,
      rejectRow: row.cells,
      rejectKey: `${table.file}#${row.line}`,
    });
  }
  return inputs;
}
