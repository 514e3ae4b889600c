import type { Hierarchy } from '@oise/catalog';
import { columnLetter } from '@oise/core';
import type { Database } from '@oise/schema';
import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { OFFICIALS, RECORD_KINDS, type RecordField, type RecordKind, fieldHeader } from './record-kinds.js';
import { COLORS, LISTS_SHEET, type MetaRow, RECORD_EMPTY_ROWS } from './workbook-layout.js';

/** List ranges on the hidden `Listes` sheet, by list name (`unit`, a field column, `boolean`). */
export interface ListRanges {
  formulae: Map<string, string>;
  unitLabels: Map<string, string>;
}

/** Writes the lists that drop-down cells offer: the cercle's collectivities and every enumeration. */
export function writeListsSheet(wb: ExcelJS.Workbook, hierarchy: Hierarchy, cercle: string): ListRanges {
  const ws = wb.addWorksheet(LISTS_SHEET);
  const formulae = new Map<string, string>();
  const unitLabels = new Map<string, string>();
  const columns: [string, string, string[]][] = [];
  const units = hierarchy
    .descendantsAt(cercle, 'commune')
    .map((u) => [u.code, `${u.name} (${u.code})`] as const);
  const c = hierarchy.get(cercle);
  if (c) units.push([c.code, `Cercle de ${c.name} (${c.code})`]);
  for (const [code, label] of units) unitLabels.set(code, label);
  columns.push(['unit', 'Collectivités', units.map(([, label]) => label)]);
  columns.push(['boolean', 'Oui/non', ['oui', 'non']]);
  for (const kind of RECORD_KINDS)
    for (const f of kind.fields)
      if (f.type === 'enum' && !columns.some(([name]) => name === f.column))
        columns.push([f.column, f.label, (f.options ?? []).map((o) => o.label)]);
  columns.forEach(([name, title, values], i) => {
    const letter = columnLetter(i + 1);
    ws.getCell(`${letter}1`).value = title;
    values.forEach((v, j) => {
      ws.getCell(`${letter}${j + 2}`).value = v;
    });
    formulae.set(name, `'${LISTS_SHEET}'!$${letter}$2:$${letter}$${Math.max(2, values.length + 1)}`);
  });
  return { formulae, unitLabels };
}

function validationOf(field: RecordField, lists: ListRanges): ExcelJS.DataValidation | undefined {
  const list = (name: string, title: string): ExcelJS.DataValidation => ({
    type: 'list',
    allowBlank: !field.required,
    formulae: [lists.formulae.get(name)!],
    showErrorMessage: true,
    errorTitle: title,
    error: `Choisissez « ${field.label} » dans la liste.`,
  });
  if (field.type === 'unit') return list('unit', 'Collectivité');
  if (field.type === 'enum') return list(field.column, field.label);
  if (field.type === 'boolean') return list('boolean', field.label);
  // A date typed where a year is meant only warns: the import takes its year, with a note.
  if (field.type === 'year')
    return {
      type: 'whole',
      operator: 'between',
      allowBlank: !field.required,
      formulae: [field.min ?? 1900, field.max ?? 2100],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: field.label,
      error: `${field.label} : écrivez l'année, par exemple 2016 (d'une date, l'import retient l'année).`,
    };
  if (
    (field.type === 'integer' || field.type === 'number') &&
    field.min !== undefined &&
    field.max !== undefined
  )
    return {
      type: field.type === 'integer' ? 'whole' : 'decimal',
      operator: 'between',
      allowBlank: !field.required,
      formulae: [field.min, field.max],
      showErrorMessage: true,
      errorTitle: field.label,
      error: `${field.label} : de ${field.min} à ${field.max}.`,
    };
  return undefined;
}

function shown(field: RecordField, value: unknown, lists: ListRanges): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  if (field.type === 'unit') return lists.unitLabels.get(String(value)) ?? String(value);
  if (field.type === 'enum') return field.options?.find((o) => o.code === value)?.label ?? String(value);
  if (field.type === 'boolean') return value ? 'oui' : 'non';
  if (field.type === 'date') return new Date(`${String(value)}T00:00:00Z`);
  return value as ExcelJS.CellValue;
}

async function storedRecords(db: Kysely<Database>, kind: RecordKind, units: string[], period: string) {
  const table = kind.table as 'ccc_activity';
  return (await db
    .selectFrom(table)
    .selectAll()
    .where('org_unit_code', 'in', units)
    .where('period', '=', period)
    .where('deleted', '=', 0)
    .orderBy('org_unit_code')
    .orderBy('id')
    .execute()) as unknown as Record<string, unknown>[];
}

/**
 * Adds the record lists (elected officials, trainings, CCC activities): the quarter's stored
 * rows with their ids, then empty rows with drop-downs. When the quarter has no officials yet,
 * the latest earlier roster is offered (without ids: importing it records this quarter's roster).
 */
export async function addRecordSheets(
  db: Kysely<Database>,
  wb: ExcelJS.Workbook,
  options: {
    cercle: string;
    quarter: string;
    lists: ListRanges;
    meta: MetaRow[];
    protect(ws: ExcelJS.Worksheet): Promise<void>;
  },
): Promise<string[]> {
  const { lists, meta, quarter } = options;
  const units = [...lists.unitLabels.keys()];
  const names: string[] = [];
  for (const kind of RECORD_KINDS) {
    const fields = kind.fields.filter((f) => f.type !== 'period');
    const ws = wb.addWorksheet(kind.sheet);
    names.push(kind.sheet);
    meta.push(['records', kind.sheet, kind.kind, 1, 2]);
    fields.forEach((f, i) => {
      const cell = ws.getCell(1, i + 1);
      cell.value = fieldHeader(f);
      ws.getColumn(i + 1).width = f.width ?? 14;
      meta.push(['record_column', kind.sheet, columnLetter(i + 1), f.column]);
    });
    const idCol = fields.length + 1;
    ws.getCell(1, idCol).value = 'Identifiant (ne pas modifier)';
    ws.getColumn(idCol).width = 26;
    meta.push(['record_column', kind.sheet, columnLetter(idCol), 'id']);
    ws.getRow(1).eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { bold: true };
      cell.alignment = { wrapText: true, vertical: 'middle' };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.header } };
    });
    ws.getRow(1).height = 32;
    let rows = await storedRecords(db, kind, units, quarter);
    let carried = false;
    if (rows.length === 0 && kind === OFFICIALS) {
      const last = await db
        .selectFrom('elected_official')
        .select('period')
        .where('org_unit_code', 'in', units)
        .where('period', '<', quarter)
        .where('deleted', '=', 0)
        .orderBy('period', 'desc')
        .executeTakeFirst();
      if (last) {
        rows = await storedRecords(db, kind, units, last.period);
        carried = true;
      }
    }
    const total = rows.length + RECORD_EMPTY_ROWS;
    for (let i = 0; i < total; i++) {
      const r = i + 2;
      const stored = rows[i];
      fields.forEach((f, j) => {
        const cell = ws.getCell(r, j + 1);
        cell.protection = { locked: false };
        const validation = validationOf(f, lists);
        if (validation) cell.dataValidation = validation;
        if (f.type === 'date') cell.numFmt = 'dd/mm/yyyy';
        if (stored) cell.value = shown(f, stored[f.column], lists);
      });
      const idCell = ws.getCell(r, idCol);
      idCell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLORS.previous } };
      idCell.font = { color: { argb: COLORS.previousText }, size: 8 };
      if (stored && !carried) {
        idCell.value = String(stored.id);
        meta.push(['record_id', kind.sheet, r, String(stored.id)]);
      }
    }
    ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
    await options.protect(ws);
  }
  return names;
}
