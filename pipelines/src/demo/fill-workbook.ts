import ExcelJS from 'exceljs';
import type { DemoValue } from './demo-values.js';

export interface DemoRecords {
  officials: Record<string, string | number | Date>[];
  trainings: Record<string, string | number | Date>[];
  activities: Record<string, string | number | Date>[];
}

/**
 * Fills an entry workbook made by `oise template` the way an adviser would, cell by cell: it
 * finds each commune's row and each indicator's column through the workbook's own metadata
 * sheet, and the record lists' columns through their header map. Returns how many cells it wrote.
 */
export async function fillEntryWorkbook(
  file: string,
  values: readonly DemoValue[],
  records: DemoRecords,
): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const meta = wb.getWorksheet('_oise');
  if (!meta) throw new Error(`${file} : feuille de métadonnées _oise absente`);
  const columns = new Map<string, { sheet: string; column: string }>();
  const rows = new Map<string, number>();
  const lists = new Map<
    string,
    { sheet: string; header: number; first: number; columns: Map<string, string> }
  >();
  const recordColumns: [string, string, string][] = [];
  meta.eachRow((row) => {
    const cells = (row.values as ExcelJS.CellValue[])
      .slice(1)
      .map((v) => (v === null || v === undefined ? '' : String(v)));
    const [kind, sheet = '', a = '', b = '', c = ''] = cells;
    if (kind === 'column') columns.set(`${sheet}|${b}|${c}`, { sheet, column: a });
    if (kind === 'row') rows.set(`${sheet}|${b}`, Number(a));
    if (kind === 'records') lists.set(a, { sheet, header: Number(b), first: Number(c), columns: new Map() });
    if (kind === 'record_column') recordColumns.push([sheet, a, b]);
  });
  for (const [sheet, column, field] of recordColumns) {
    for (const list of lists.values()) if (list.sheet === sheet) list.columns.set(field, column);
  }
  let written = 0;
  for (const v of values) {
    for (const [key, target] of columns) {
      const [sheet, indicator, category] = key.split('|');
      if (indicator !== v.indicator || category !== v.category) continue;
      const row = rows.get(`${sheet}|${v.commune}`);
      if (!row) continue;
      wb.getWorksheet(target.sheet)!.getCell(`${target.column}${row}`).value = v.value;
      written++;
    }
  }
  for (const [kind, items] of Object.entries(records)) {
    const list = lists.get(kind);
    if (!list) continue;
    const ws = wb.getWorksheet(list.sheet)!;
    let row = list.first;
    while (ws.getCell(`${list.columns.values().next().value}${row}`).value) row++;
    for (const item of items) {
      for (const [field, value] of Object.entries(item)) {
        const column = list.columns.get(field);
        if (column) ws.getCell(`${column}${row}`).value = value as ExcelJS.CellValue;
      }
      row++;
      written++;
    }
  }
  await wb.xlsx.writeFile(file);
  return written;
}
