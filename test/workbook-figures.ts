import type ExcelJS from 'exceljs';

/** One figure of a report workbook's table: its row, unit code, key (indicator, category) and value. */
export interface WorkbookFigure {
  row: number;
  unit: string;
  key: string;
  value: unknown;
}

/** Every cell of a sheet's figure tables: the rows under a key row (first cell `code`), until a blank unit. */
export function figureCells(ws: ExcelJS.Worksheet): WorkbookFigure[] {
  const out: WorkbookFigure[] = [];
  ws.eachRow((row, n) => {
    if (row.getCell(1).value !== 'code') return;
    const keys = new Map<number, string>();
    row.eachCell((cell, col) => {
      if (col > 1 && typeof cell.value === 'string') keys.set(col, cell.value);
    });
    for (let r = n + 1; ; r++) {
      const unit = ws.getRow(r).getCell(1).value;
      if (typeof unit !== 'string' || unit === '') break;
      for (const [col, key] of keys) out.push({ row: r, unit, key, value: ws.getRow(r).getCell(col).value });
    }
  });
  return out;
}

/** The figure of `unit` × `key` in the sheet `sheet` of a workbook (undefined when absent). */
export function figureIn(wb: ExcelJS.Workbook, sheet: string, unit: string, key: string): unknown {
  const ws = wb.getWorksheet(sheet);
  return ws ? figureCells(ws).find((f) => f.unit === unit && f.key === key)?.value : undefined;
}
