import { csvText } from '@oise/core';

/**
 * Where an entry of a value set sits: a CSV line (as a spreadsheet shows it), a JSON index, or
 * for XML and ADX the line of its `<dataValue>` and its 0-based rank among them (DHIS2 writes
 * its XML on one line, so the line alone does not tell two values apart).
 */
export type EntryRef = { line: number } | { index: number } | { line: number; index: number };

/** Within a sentence: `la ligne 4`, `dataValues[3]`, `la ligne 1, dataValue n° 4`. */
export function entryRefPhrase(ref: EntryRef): string {
  return 'line' in ref ? `la ${entryRefText(ref)}` : entryRefText(ref);
}

/** `ligne 4`, `dataValues[3]`, or `ligne 1, dataValue n° 4` (XML). */
export function entryRefText(ref: EntryRef): string {
  if (!('index' in ref)) return `ligne ${ref.line}`;
  if (!('line' in ref)) return `dataValues[${ref.index}]`;
  return `ligne ${ref.line}, dataValue n° ${ref.index + 1}`;
}

/** One DHIS2 data value, as in a data value set (`/api/dataValueSets`). */
export interface Dhis2DataValue {
  dataElement: string;
  period: string;
  orgUnit: string;
  categoryOptionCombo: string;
  attributeOptionCombo?: string;
  value: string;
  storedBy?: string;
  lastUpdated?: string;
  comment?: string;
  followup?: boolean;
  deleted?: boolean;
}

export type Dhis2Field = keyof Dhis2DataValue;

/** A data value as read from a file, with where it sits and where each field came from. */
export interface ValueSetEntry {
  ref: EntryRef;
  value: Dhis2DataValue;
  /** Column letter (CSV) or property name (JSON) of each field, for findings. */
  fields: Record<Dhis2Field, string>;
}

/**
 * What a data value set says once for all its values: JSON properties beside `dataValues`,
 * attributes of DXF2's `<dataValueSet>` or of ADX's `<group>`. `orgUnit`, `period` and
 * `attributeOptionCombo` are defaults for the values that lack them; `dataSet` and
 * `completeDate` (DHIS2's older spelling) / `completedDate` are reported, since OISE stores
 * values one by one and has no data set completion.
 */
export interface ValueSetFields {
  dataSet?: string;
  orgUnit?: string;
  period?: string;
  attributeOptionCombo?: string;
  completeDate?: string;
}

export type ValueSetField = keyof ValueSetFields;

/** The set-level fields as read, with the name each had in the file (for findings). */
export interface ReadSetFields {
  values: ValueSetFields;
  /** Property or attribute name each field was read from (`completedDate`, `period`…). */
  names: Partial<Record<ValueSetField, string>>;
  /** Where they sit: a JSON's top object, an XML element's line. */
  line?: number;
}

/**
 * DHIS2's own CSV columns, in its order (`/api/dataValueSets.csv`): dhis2-core's
 * `DataExportOutput.CSV_HEADER_ROW`. DHIS2 2.43 and later read CSV columns by these names
 * (`DataEntryInput.fromCsv`); up to 2.42 it read them by position, in this same order.
 */
export const DHIS2_CSV_HEADER = [
  'dataelement',
  'period',
  'orgunit',
  'categoryoptioncombo',
  'attributeoptioncombo',
  'value',
  'storedby',
  'lastupdated',
  'comment',
  'followup',
  'deleted',
] as const;

/** The JSON field of each CSV column. */
export const CSV_FIELDS: Dhis2Field[] = [
  'dataElement',
  'period',
  'orgUnit',
  'categoryOptionCombo',
  'attributeOptionCombo',
  'value',
  'storedBy',
  'lastUpdated',
  'comment',
  'followup',
  'deleted',
];

/** Sort order of an exported set: data element, period, org unit, combo (so diffs stay small). */
export function compareDataValues(a: Dhis2DataValue, b: Dhis2DataValue): number {
  return (
    cmp(a.dataElement, b.dataElement) ||
    cmp(a.period, b.period) ||
    cmp(a.orgUnit, b.orgUnit) ||
    cmp(a.categoryOptionCombo, b.categoryOptionCombo) ||
    cmp(a.attributeOptionCombo ?? '', b.attributeOptionCombo ?? '')
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * `{"dataValues":[…]}`, two-space indented, one value per object, as DHIS2 imports it: the
 * follow-up mark as `followUp`, the name DHIS2's JSON reader takes (`DataEntryInput.fromJson`).
 */
export function valueSetJson(values: Dhis2DataValue[]): string {
  const dataValues = values.map(({ followup, ...v }) => (followup ? { ...v, followUp: true } : v));
  return `${JSON.stringify({ dataValues }, null, 2)}\n`;
}

/** A value's cells in DHIS2's CSV column order (`DHIS2_CSV_HEADER`). */
export function dhis2CsvCells(v: Dhis2DataValue): string[] {
  return [
    v.dataElement,
    v.period,
    v.orgUnit,
    v.categoryOptionCombo,
    v.attributeOptionCombo ?? '',
    v.value,
    v.storedBy ?? '',
    v.lastUpdated ?? '',
    v.comment ?? '',
    v.followup ? 'true' : 'false',
    v.deleted ? 'true' : 'false',
  ];
}

/** DHIS2's CSV: its header and column order, `,`, UTF-8 without BOM, LF. */
export function valueSetCsv(values: Dhis2DataValue[]): string {
  return csvText([DHIS2_CSV_HEADER, ...values.map(dhis2CsvCells)], ',', '\n');
}
