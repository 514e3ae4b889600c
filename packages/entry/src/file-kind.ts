import {
  type ColumnMap,
  type ColumnSpec,
  PARTNERSHIP_COLUMNS,
  VALUE_COLUMNS,
  cellOf,
  mapColumns,
} from './columns.js';
import type { RecordCell, RecordInput } from './record-check.js';
import {
  ID_NAMES,
  PARTNERSHIPS,
  RECORD_KINDS,
  type RecordKind,
  fieldHeader,
  headerNames,
} from './record-kinds.js';
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

/** Column specs of a record list (the workbook's headers, old and new, are accepted too). */
export function recordColumns(kind: RecordKind, periodOptional: boolean): ColumnSpec[] {
  return [
    ...kind.fields.map((f) => ({
      field: f.column,
      names: headerNames(f),
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
  const candidates: {
    kind: Classified['kind'];
    specs: ColumnSpec[];
    record?: RecordKind;
    /** The French name of the kind, for the message saying what is missing. */
    what: string;
  }[] = [
    {
      kind: 'values',
      specs: VALUE_COLUMNS.map((s) =>
        s.field === 'period' && hasDefaultQuarter ? { ...s, required: false } : s,
      ),
      what: 'valeurs des indicateurs',
    },
    { kind: 'partnerships', specs: PARTNERSHIP_COLUMNS, what: PARTNERSHIPS.labelFr },
    ...RECORD_KINDS.map((k) => ({
      kind: k.kind as Classified['kind'],
      specs: recordColumns(k, hasDefaultQuarter),
      record: k,
      what: `liste d'${k.labelFr}`,
    })),
  ];
  let best: { missing: string[]; found: number; what: string } | undefined;
  for (const c of candidates) {
    const map = mapColumns(header, c.specs);
    if (map.missing.length === 0) {
      if (c.record) return { kind: c.record.kind as 'officials', record: c.record, map };
      return { kind: c.kind as 'values', map };
    }
    const found = map.index.size;
    // A record list's missing columns by the header the workbook shows; a value or partnership file's by its CSV name.
    const missing = map.missing.map((m) => {
      const field = c.record?.fields.find((f) => f.column === m.field);
      return field ? fieldHeader(field, false) : m.names[0]!;
    });
    if (!best || found > best.found) best = { missing, found, what: c.what };
  }
  if (best && best.found >= 2)
    return {
      kind: 'unknown',
      message: `colonnes manquantes pour un fichier de ${best.what} : ${best.missing.join(', ')}. Ajoutez-les à la ligne d'en-tête.`,
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
