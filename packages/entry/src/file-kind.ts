import {
  type ColumnMap,
  type ColumnSpec,
  PARTNERSHIP_COLUMNS,
  VALUE_COLUMNS,
  cellOf,
  mapColumns,
} from './columns.js';
import type { RecordCell, RecordInput } from './record-check.js';
import { ID_NAMES, RECORD_KINDS, type RecordKind } from './record-kinds.js';
import type { TableFile } from './table-file.js';

export type FileKind =
  | 'workbook'
  | 'values'
  | 'officials'
  | 'trainings'
  | 'activities'
  | 'partnerships'
  | 'unknown';

export type Classified =
  | { kind: 'values' | 'partnerships'; map: ColumnMap }
  | { kind: 'officials' | 'trainings' | 'activities'; record: RecordKind; map: ColumnMap }
  | { kind: 'unknown'; message: string };

/** Column specs of a record list (its French labels are accepted as headers too). */
export function recordColumns(kind: RecordKind, periodOptional: boolean): ColumnSpec[] {
  return [
    ...kind.fields.map((f) => ({
      field: f.column,
      names: [...f.names, f.label, `${f.label} *`],
      required: f.required && !(f.type === 'period' && periodOptional),
    })),
    { field: 'id', names: ID_NAMES, required: false },
  ];
}

/**
 * Tells what a CSV holds from its header: data values, a partnership list, or a record list
 * (officials, trainings, activities). When none fits, says which columns are missing.
 */
export function classifyTable(header: string[], hasDefaultQuarter: boolean): Classified {
  const candidates: { kind: Classified['kind']; specs: ColumnSpec[]; record?: RecordKind }[] = [
    {
      kind: 'values',
      specs: VALUE_COLUMNS.map((s) =>
        s.field === 'period' && hasDefaultQuarter ? { ...s, required: false } : s,
      ),
    },
    { kind: 'partnerships', specs: PARTNERSHIP_COLUMNS },
    ...RECORD_KINDS.map((k) => ({
      kind: k.kind as Classified['kind'],
      specs: recordColumns(k, hasDefaultQuarter),
      record: k,
    })),
  ];
  let best: { missing: ColumnSpec[]; found: number; kind: string } | undefined;
  for (const c of candidates) {
    const map = mapColumns(header, c.specs);
    if (map.missing.length === 0) {
      if (c.record) return { kind: c.record.kind as 'officials', record: c.record, map };
      return { kind: c.kind as 'values', map };
    }
    const found = map.index.size;
    if (!best || found > best.found) best = { missing: map.missing, found, kind: c.kind };
  }
  if (best && best.found >= 2)
    return {
      kind: 'unknown',
      message: `colonnes manquantes pour un fichier de type « ${best.kind} » : ${best.missing.map((m) => m.names[0]).join(', ')}. Ajoutez-les à la ligne d'en-tête.`,
    };
  return {
    kind: 'unknown',
    message:
      'en-tête non reconnu : un fichier de valeurs commence par code_collectivite;code_indicateur;periode;categorie;valeur;commentaire (ou org_unit,indicator,period,category,value,comment).',
  };
}

/** One record input per line of a record-list CSV. */
export function recordsFromTable(
  table: TableFile,
  kind: RecordKind,
  map: ColumnMap,
  quarter?: string,
): RecordInput[] {
  return table.rows.map((row) => {
    const cells = new Map<string, RecordCell>();
    for (const f of kind.fields) {
      const c = cellOf(map, row.cells, f.column);
      cells.set(f.column, { raw: c.text, column: c.column });
    }
    const id = cellOf(map, row.cells, 'id');
    const input: RecordInput = {
      kind,
      file: table.file,
      line: row.line,
      cells,
      rejectRow: row.cells,
      rejectKey: `${table.file}#${row.line}`,
    };
    if (id.column) input.id = { raw: id.text, column: id.column };
    if (quarter) input.expectedQuarter = quarter;
    return input;
  });
}
