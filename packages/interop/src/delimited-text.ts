import { basename } from 'node:path';
import { foldName } from '@oise/entry';
import { parse } from 'csv-parse/sync';

/** A record of a delimited file with the line a spreadsheet shows for it (header = 1). */
export interface TextRow {
  line: number;
  cells: string[];
}

export interface TextTable {
  file: string;
  header: string[];
  /** The line of the header (the first line that is neither blank nor a comment). */
  headerLine: number;
  rows: TextRow[];
  delimiter: ';' | ',' | '\t';
  /** Lines that could not be read (an unclosed quote), with csv-parse's reason. */
  unreadable: { line: number; reason: string }[];
}

/**
 * Reads `;`, `,` or tab separated text (BOM, CRLF): lines starting with `#` are comments, blank
 * lines are skipped, and line numbers stay those of the file. The separator is the most frequent
 * one on the first line that is not a comment.
 */
export function readDelimitedText(text: string, path: string): TextTable {
  const lines = text.replace(/^\ufeff/, '').split(/\r?\n/);
  const cleaned = lines.map((l) => (l.trimStart().startsWith('#') ? '' : l));
  const first = cleaned.find((l) => l.trim() !== '') ?? '';
  const count = (c: string) => first.split(c).length - 1;
  const delimiter: TextTable['delimiter'] =
    count('\t') > 0 && count('\t') >= count(';') && count('\t') >= count(',')
      ? '\t'
      : count(',') > count(';')
        ? ','
        : ';';
  const unreadable: TextTable['unreadable'] = [];
  let lastLine = 0;
  const records = parse(cleaned.join('\n'), {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      unreadable.push({
        line: lastLine + 1,
        reason: error?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'guillemet non refermé' : (error?.message ?? 'CSV'),
      });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  let header: string[] | undefined;
  let headerLine = 1;
  const rows: TextRow[] = [];
  for (const { record, info } of records) {
    lastLine = info.lines;
    if (record.every((c) => c.trim() === '')) continue;
    if (!header) {
      header = record.map((c) => c.trim());
      headerLine = info.lines;
    } else rows.push({ line: info.lines, cells: record.map((c) => c.trim()) });
  }
  return { file: basename(path), header: header ?? [], headerLine, rows, delimiter, unreadable };
}

/** Header names compared without case, accents, spaces, underscores or dashes. */
export function foldHeader(text: string): string {
  return foldName(text).replace(/ /g, '');
}

/** Spreadsheet column letter of a 0-based index: 0 → A. */
export function letterOf(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
