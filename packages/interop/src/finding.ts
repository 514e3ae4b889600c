import { formatLocation } from '@oise/core';

export type Severity = 'error' | 'warning';

/**
 * One thing noticed about one entry of a DHIS2 file (or one line of the mapping file). A CSV
 * entry is named by its `line` as a spreadsheet shows it (header = 1); a JSON entry by its
 * `index` in `dataValues` (0-based, as in the file). `field` is the column letter (CSV) or the
 * JSON property. `message` is French and says what to do.
 */
export interface Dhis2Finding {
  file: string;
  line?: number;
  index?: number;
  field: string;
  severity: Severity;
  code: string;
  message: string;
}

/** Where an entry of a value set sits: a CSV line or a JSON index. */
export type EntryRef = { line: number } | { index: number };

export function makeFinding(
  file: string,
  ref: EntryRef,
  field: string,
  severity: Severity,
  code: string,
  message: string,
): Dhis2Finding {
  return { file, ...ref, field, severity, code, message };
}

/** `valeurs.json, dataValues[3], champ value : …` or `valeurs.csv, ligne 4, colonne F : …`. */
export function refText(f: { file: string; line?: number; index?: number; field?: string }): string {
  if (f.index !== undefined)
    return `${f.file}, dataValues[${f.index}]${f.field ? `, champ ${f.field}` : ''} : `;
  return formatLocation({ file: f.file, line: f.line, column: f.field });
}

/** One line for a person, as `oise import` prints its findings. */
export function describeDhis2Finding(f: Dhis2Finding): string {
  const level = f.severity === 'error' ? 'refusé' : 'attention';
  return `${refText(f)}[${level} ${f.code}] ${f.message}`;
}
