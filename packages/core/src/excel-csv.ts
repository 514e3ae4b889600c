import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { decodeTextFile } from './text-file.js';

/** The separators Excel and LibreOffice write: `;` (French Excel), `,`, tab (« Texte Unicode »). */
export type CsvDelimiter = ';' | ',' | '\t';

/** One record of a CSV file, with the line a spreadsheet shows for it (header = line 1). */
export interface CsvRow {
  line: number;
  /** The cells as written in the file (not trimmed): a rejects file copies them back. */
  cells: string[];
}

/** A CSV file as read: its header, its non-blank records, and the lines that could not be read. */
export interface CsvTable {
  /** The name findings show (the file's base name). */
  file: string;
  /** The first non-blank record, each name trimmed. */
  header: string[];
  headerLine: number;
  rows: CsvRow[];
  delimiter: CsvDelimiter;
  /** Records that could not be read (an unclosed quote), with the reason in French. */
  unreadable: { line: number; reason: string }[];
}

export interface CsvReadOptions {
  /** Lines whose first non-blank character is `#` are comments (the DHIS2 mapping file's notes). */
  comments?: boolean;
  /**
   * Spaces and tabs around each field are dropped, and a quoted field after them is read as
   * quoted (`a, "b"` gives `b`), as DHIS2's CSV reader does.
   */
  trim?: boolean;
}

/** The separator of a header line: tab, `;` or `,`, the most frequent (French Excel writes `;`). */
export function sniffDelimiter(line: string): CsvDelimiter {
  const count = (c: string) => line.split(c).length - 1;
  const tabs = count('\t');
  const semis = count(';');
  const commas = count(',');
  if (tabs > 0 && tabs >= semis && tabs >= commas) return '\t';
  return commas > semis ? ',' : ';';
}

/**
 * Reads a CSV as Excel and LibreOffice save it: the bytes decoded by `decodeTextFile` (UTF-8
 * with or without BOM, UTF-16, Windows-1252), CRLF or LF, the separator sniffed on the first
 * non-blank line. Blank records (also `;;;;`) are skipped but counted, so line numbers stay
 * those a spreadsheet shows; rows may be shorter or longer than the header; a record that
 * cannot be read becomes an `unreadable` line instead of stopping the read.
 */
export function readExcelCsv(
  content: string | Uint8Array,
  path: string,
  options: CsvReadOptions = {},
): CsvTable {
  const decoded = typeof content === 'string' ? content : decodeTextFile(content).text;
  let text = decoded.replace(/^\ufeff/, '');
  // A comment becomes a blank line: the lines after it keep their numbers.
  if (options.comments)
    text = text
      .split(/\r?\n/)
      .map((l) => (l.trimStart().startsWith('#') ? '' : l))
      .join('\n');
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = sniffDelimiter(firstLine);
  const unreadable: CsvTable['unreadable'] = [];
  // Where the last good record ended, to name the line where a bad one starts.
  let lastLine = 0;
  let lastEmptyLines = 0;
  const records = parse(text, {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    ...(options.trim ? { trim: true } : {}),
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_record: (record, context) => {
      lastLine = context.lines;
      lastEmptyLines = context.empty_lines;
      return record;
    },
    on_skip: (error) => {
      // Blank lines between the last good record and this one are not in `lastLine`.
      const blanks = typeof error?.empty_lines === 'number' ? error.empty_lines - lastEmptyLines : 0;
      unreadable.push({
        line: lastLine + 1 + blanks,
        reason:
          error?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'guillemet non refermé' : (error?.message ?? 'format CSV'),
      });
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  let header: string[] | undefined;
  let headerLine = 1;
  const rows: CsvRow[] = [];
  for (const { record, info } of records) {
    if (record.every((c) => c.trim() === '')) continue;
    if (!header) {
      header = record.map((c) => c.trim());
      headerLine = info.lines;
    } else rows.push({ line: info.lines, cells: record });
  }
  return { file: basename(path), header: header ?? [], headerLine, rows, delimiter, unreadable };
}

/** A cell as CSV writes it: in double quotes (doubled inside) when it holds a quote, a line break or the separator. */
export function csvCell(text: string, delimiter: string): string {
  return /["\r\n]/.test(text) || text.includes(delimiter) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as CSV text, every line (the last too) ended by `eol`. */
export function csvText(rows: readonly (readonly string[])[], delimiter: string, eol: '\r\n' | '\n'): string {
  return rows.map((cells) => cells.map((c) => csvCell(c, delimiter)).join(delimiter) + eol).join('');
}

/** A number as French Excel reads it in a CSV: decimal comma, no grouping, no exponent; null is empty. */
export function csvNumberFr(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '';
  const text = Number.isInteger(value) ? String(value) : value.toFixed(6).replace(/\.?0+$/, '');
  return text.replace('.', ',');
}

/** A CSV a French Excel opens directly: UTF-8 with BOM, CRLF, `;` unless the input had another separator. */
export function excelCsvText(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ';'): string {
  return `\ufeff${csvText(rows, delimiter, '\r\n')}`;
}

/** Writes `excelCsvText(rows, delimiter)` to `path` (a plain write: `path` may be `/dev/stdout`). */
export function writeExcelCsv(
  path: string,
  rows: readonly (readonly string[])[],
  delimiter: CsvDelimiter = ';',
): void {
  writeFileSync(path, excelCsvText(rows, delimiter), 'utf8');
}
