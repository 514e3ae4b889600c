import { formatLocation } from '@oise/core';

export type Severity = 'error' | 'warning';

/**
 * One thing an import noticed about one line of one file. `line` is the line a spreadsheet
 * shows (the header is line 1); `column` is the spreadsheet column letter (A, B, …) or, when
 * no letter applies, a column name. `message` is French and says what to do.
 */
export interface Finding {
  file: string;
  sheet?: string;
  line: number;
  column: string;
  severity: Severity;
  code: string;
  message: string;
}

/** Where a finding points: file, optional sheet, line, column. */
export interface SourceRef {
  file: string;
  sheet?: string;
  line: number;
  column: string;
}

export function makeFinding(ref: SourceRef, severity: Severity, code: string, message: string): Finding {
  const out: Finding = { file: ref.file, line: ref.line, column: ref.column, severity, code, message };
  if (ref.sheet !== undefined) out.sheet = ref.sheet;
  return out;
}

/** One line for a person: `fichier.csv, feuille « Santé », ligne 4, colonne E : message`. */
export function describeFinding(f: Finding): string {
  const level = f.severity === 'error' ? 'refusé' : 'attention';
  return `${formatLocation({ file: f.file, sheet: f.sheet, line: f.line, column: f.column })}[${level} ${f.code}] ${f.message}`;
}

/** Spreadsheet column letter of a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
