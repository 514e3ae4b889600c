import { createHash } from 'node:crypto';
import {
  type Finding,
  type Severity,
  compareQuarters,
  formatNumberFr,
  formatQuarter,
  formatQuarterFr,
  makeFinding,
  quarterEnd,
  quarterLabel,
  quarterStart,
  tryParseQuarter,
} from '@oise/core';
import { type CellInput, cellText, parseBoolean, parseDateCell, parseNumberCell } from './cell-value.js';
import { CLOSED_QUARTER_CODE, closedLineMessage } from './closed-quarter.js';
import { type EntryScope, outsideCercleMessage } from './entry-scope.js';
import { type EnumOption, type RecordField, type RecordKind, isPeriodKind } from './record-kinds.js';
import { loadRecords, recordChangeOf } from './record-store.js';
import { foldName } from './text-normalize.js';

export interface RecordCell {
  raw: CellInput;
  column: string;
}

/** One record (an official, a training, an activity) as read from a file, before validation. */
export interface RecordInput {
  kind: RecordKind;
  file: string;
  sheet?: string;
  line: number;
  cells: Map<string, RecordCell>;
  id?: RecordCell;
  /** The quarter of the workbook: the period column may be left empty, any other is refused. */
  expectedQuarter?: string;
  rejectRow: string[];
  rejectKey: string;
}

export type RecordRow = Record<string, string | number | null>;

export interface CheckedRecord {
  input: RecordInput;
  id: string | undefined;
  row: RecordRow | undefined;
  /** The quarter of the line, once readable (`2025Q1`). */
  period?: string;
  findings: Finding[];
}

function add(c: CheckedRecord, column: string, severity: Severity, code: string, message: string) {
  const { input } = c;
  const ref = { file: input.file, line: input.line, column };
  c.findings.push(makeFinding(input.sheet ? { ...ref, sheet: input.sheet } : ref, severity, code, message));
}

/** Finds the enumeration choice a cell names (its code, its label or an alias, accents ignored). */
export function matchOption(options: EnumOption[], text: string): EnumOption | undefined {
  const folded = foldName(text);
  return options.find(
    (o) =>
      foldName(o.code) === folded ||
      foldName(o.label) === folded ||
      (o.aliases ?? []).some((a) => foldName(a) === folded),
  );
}

/** A stable id from the natural key, so that re-importing the same line updates the same row. */
export function naturalId(kind: RecordKind, row: RecordRow): string {
  const key = kind.naturalKey.map((c) =>
    typeof row[c] === 'string' ? foldName(String(row[c])) : String(row[c]),
  );
  return `${kind.idPrefix}-${createHash('sha256').update(key.join('|')).digest('hex').slice(0, 16)}`;
}

/**
 * Checks one record: required fields, types and bounds, enumeration choices, the collectivity
 * (a commune of the cercle or the cercle itself, by code or name), the period (open quarter),
 * dates in order. Returns the database row when nothing blocks it.
 */
export async function checkRecord(scope: EntryScope, input: RecordInput): Promise<CheckedRecord> {
  const c: CheckedRecord = { input, id: undefined, row: undefined, findings: [] };
  const row: RecordRow = {};
  if (!isPeriodKind(input.kind)) return checkTimelessRecord(scope, c, row);
  const periodCell = input.cells.get('period');
  const periodText = cellText(periodCell?.raw) || input.expectedQuarter || '';
  const quarter = tryParseQuarter(periodText);
  const periodColumn = periodCell?.column ?? '';
  if (!quarter) {
    add(
      c,
      periodColumn,
      'error',
      periodText ? 'PERIOD_INVALID' : 'PERIOD_MISSING',
      periodText
        ? `« ${periodText} » n'est pas un trimestre : écrivez par exemple 2025T1.`
        : 'période manquante : écrivez le trimestre, par exemple 2025T1.',
    );
    return c;
  }
  const period = formatQuarter(quarter);
  if (input.expectedQuarter && period !== input.expectedQuarter) {
    add(
      c,
      periodColumn,
      'error',
      'PERIOD_MISMATCH',
      `le trimestre ${formatQuarterFr(period)} n'est pas celui du classeur (${formatQuarterFr(input.expectedQuarter)}) : laissez la période vide ou écrivez ${formatQuarterFr(input.expectedQuarter)}.`,
    );
    return c;
  }
  if (compareQuarters(quarter, scope.currentQuarter) > 0) {
    add(
      c,
      periodColumn,
      'error',
      'PERIOD_FUTURE',
      `le ${quarterLabel(quarter)} n'est pas encore commencé : vérifiez l'année et le trimestre.`,
    );
    return c;
  }
  row.period = period;
  c.period = period;
  readFields(c, row, await scope.hierarchyFor(period), scope.node.code);
  const lock = await scope.lockFor(scope.node.code, period);
  if (lock) return closedQuarterRecord(scope, c, row, period, lock);
  if (hasErrors(c)) return c;
  crossChecks(c, row, quarter);
  if (hasErrors(c)) return c;
  c.id = recordId(input, row);
  c.row = row;
  return c;
}

/** Every field but the period: required ones filled, each read by its type into `row`. */
function readFields(
  c: CheckedRecord,
  row: RecordRow,
  hierarchy: Awaited<ReturnType<EntryScope['hierarchyFor']>>,
  scopeCode: string,
) {
  for (const field of c.input.kind.fields) {
    if (field.type === 'period') continue;
    const cell = c.input.cells.get(field.column);
    const text = cellText(cell?.raw);
    const column = cell?.column ?? '';
    if (text === '') {
      if (field.required)
        add(
          c,
          column,
          'error',
          'REQUIRED_MISSING',
          `« ${field.label} » est obligatoire : remplissez cette case.`,
        );
      row[field.column] = null;
      continue;
    }
    const problem = readField(field, cell!.raw, text, row, hierarchy, scopeCode);
    if (problem) add(c, column, problem.severity ?? 'error', problem.code, problem.message);
  }
}

/**
 * A record without a period (a partnership lasts beyond a quarter): the same field checks on
 * today's territory, and no quarter to close it.
 */
async function checkTimelessRecord(scope: EntryScope, c: CheckedRecord, row: RecordRow) {
  readFields(c, row, await scope.hierarchyFor(formatQuarter(scope.currentQuarter)), scope.node.code);
  if (hasErrors(c)) return c;
  c.id = recordId(c.input, row);
  c.row = row;
  return c;
}

const hasErrors = (c: CheckedRecord) => c.findings.some((f) => f.severity === 'error');

function recordId(input: RecordInput, row: RecordRow): string {
  return cellText(input.id?.raw) || naturalId(input.kind, row);
}

/**
 * A line of a closed quarter: accepted as it is when it changes nothing (a re-import of the
 * same workbook), refused with `QUARTER_READ_ONLY` alone otherwise: what else is wrong with it
 * matters only once the region returns the quarter.
 */
async function closedQuarterRecord(
  scope: EntryScope,
  c: CheckedRecord,
  row: RecordRow,
  period: string,
  lock: NonNullable<Awaited<ReturnType<EntryScope['lockFor']>>>,
): Promise<CheckedRecord> {
  let changes = hasErrors(c);
  let id: string | undefined;
  if (!changes) {
    id = recordId(c.input, row);
    const stored = (await loadRecords(scope.db, c.input.kind, [id])).get(id);
    changes = recordChangeOf(c.input.kind, row, stored) !== 'unchanged';
  }
  c.findings = [];
  if (changes) {
    add(c, '', 'error', CLOSED_QUARTER_CODE, await closedLineMessage(scope, period, lock));
    return c;
  }
  c.id = id;
  c.row = row;
  return c;
}

function readField(
  field: RecordField,
  raw: CellInput,
  text: string,
  row: RecordRow,
  hierarchy: Awaited<ReturnType<EntryScope['hierarchyFor']>>,
  scopeCode: string,
): { code: string; message: string; severity?: Severity } | undefined {
  switch (field.type) {
    case 'unit': {
      const folded = foldName(text);
      const candidates = [
        ...hierarchy.descendantsAt(scopeCode, 'commune'),
        ...(hierarchy.get(scopeCode) ? [hierarchy.get(scopeCode)!] : []),
      ];
      const code = (/\(([A-Za-z]{2}\d+)\)/.exec(text)?.[1] ?? text).toUpperCase();
      const unit =
        candidates.find((u) => u.code === code) ??
        candidates.find((u) => foldName(u.name) === folded || foldName(`${u.name} (${u.code})`) === folded);
      if (!unit) {
        const known = hierarchy.get(code);
        return {
          code: known ? 'ORG_UNIT_OUTSIDE_SCOPE' : 'ORG_UNIT_UNKNOWN',
          message: known
            ? outsideCercleMessage(hierarchy, known, scopeCode)
            : `collectivité « ${text} » inconnue dans le cercle ${hierarchy.get(scopeCode)?.name ?? scopeCode} (${scopeCode}) : choisissez une commune de la liste ou écrivez son code.`,
        };
      }
      row[field.column] = unit.code;
      return undefined;
    }
    case 'text':
      row[field.column] = text;
      return undefined;
    case 'enum': {
      const option = matchOption(field.options ?? [], text);
      if (!option)
        return {
          code: 'ENUM_INVALID',
          message: `« ${text} » n'est pas un choix possible pour « ${field.label} » : choisissez parmi ${(field.options ?? []).map((o) => o.label).join(', ')}.`,
        };
      row[field.column] = option.code;
      return undefined;
    }
    case 'boolean': {
      const b = parseBoolean(raw);
      if (b === undefined)
        return {
          code: 'VALUE_NOT_BOOLEAN',
          message: `« ${text} » : écrivez oui ou non pour « ${field.label} ».`,
        };
      row[field.column] = b ? 1 : 0;
      return undefined;
    }
    case 'date': {
      const iso = parseDateCell(raw);
      if (!iso)
        return {
          code: 'DATE_INVALID',
          message: `« ${text} » n'est pas une date : écrivez-la jj/mm/aaaa, par exemple 14/02/2025.`,
        };
      row[field.column] = iso;
      return undefined;
    }
    case 'year': {
      // Where a year is meant, a date gives its year, with a note (« 20/11/2016 » → 2016).
      const date = typeof raw === 'number' ? undefined : parseDateCell(raw);
      const n = date ? Number(date.slice(0, 4)) : parseNumberCell(raw);
      if (n === undefined || !Number.isInteger(n))
        return {
          code: 'VALUE_NOT_YEAR',
          message: `« ${text} » n'est pas une année : écrivez l'année sur 4 chiffres pour « ${field.label} », par exemple 2016.`,
        };
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max))
        return {
          code: 'VALUE_OUT_OF_BOUNDS',
          message: `${n} est hors des bornes de « ${field.label} » (de ${field.min ?? '…'} à ${field.max ?? '…'}) : écrivez l'année sur 4 chiffres.`,
        };
      row[field.column] = n;
      if (date)
        return {
          severity: 'warning',
          code: 'YEAR_FROM_DATE',
          message: `« ${frenchDate(date)} » est une date : l'année ${n} a été retenue pour « ${field.label} », qui attend une année.`,
        };
      return undefined;
    }
    case 'integer':
    case 'number': {
      const n = parseNumberCell(raw);
      if (n === undefined)
        return {
          code: 'VALUE_NOT_NUMBER',
          message: `« ${text} » n'est pas un nombre : écrivez un nombre pour « ${field.label} ».`,
        };
      if (field.type === 'integer' && !Number.isInteger(n))
        return {
          code: 'VALUE_NOT_INTEGER',
          message: `« ${text} » : « ${field.label} » est un nombre entier, écrivez-le sans décimale.`,
        };
      if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max))
        return {
          code: 'VALUE_OUT_OF_BOUNDS',
          message: `${formatNumberFr(n)} est hors des bornes de « ${field.label} » (de ${formatNumberFr(field.min ?? 0)} à ${formatNumberFr(field.max ?? 0)}) : corrigez la saisie.`,
        };
      row[field.column] = n;
      return undefined;
    }
    case 'period':
      return undefined;
  }
}

/** `2016-11-20` as a person writes it: 20/11/2016. */
function frenchDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

function crossChecks(c: CheckedRecord, row: RecordRow, quarter: { year: number; quarter: 1 | 2 | 3 | 4 }) {
  const col = (name: string) => c.input.cells.get(name)?.column ?? '';
  if (row.start_date && row.end_date && String(row.end_date) < String(row.start_date))
    add(
      c,
      col('end_date'),
      'error',
      'DATES_INVERTED',
      'la date de fin précède la date de début : corrigez l’une des deux dates.',
    );
  if (
    row.mandate_start !== undefined &&
    row.mandate_end !== undefined &&
    row.mandate_start !== null &&
    row.mandate_end !== null &&
    Number(row.mandate_end) < Number(row.mandate_start)
  )
    add(
      c,
      col('mandate_end'),
      'error',
      'DATES_INVERTED',
      'la fin du mandat précède son début : corrigez l’une des deux années.',
    );
  const [from, to] = [quarterStart(quarter), quarterEnd(quarter)];
  for (const name of ['start_date', 'activity_date']) {
    const d = row[name];
    if (typeof d === 'string' && (d < from || d > to))
      add(
        c,
        col(name),
        'warning',
        'DATE_OUTSIDE_QUARTER',
        `la date ${d} est hors du ${quarterLabel(quarter)} (${from} – ${to}) : vérifiez la date ou la période.`,
      );
  }
}
