import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Finding, makeFinding } from './finding.js';

/** One record of a CSV file with the line a spreadsheet shows for it (header = line 1). */
export interface TableRow {
  line: number;
  cells: string[];
}

/** A CSV/TSV file as read: its header, its non-empty rows, and what could not be read. */
export interface TableFile {
  /** The name findings show (the file's base name). */
  file: string;
  header: string[];
  rows: TableRow[];
  delimiter: ';' | ',' | '\t';
  findings: Finding[];
}

/** Picks the separator of the header line: tab, `;` or `,` (French Excel writes `;`). */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const first = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => first.split(c).length - 1;
  const tabs = count('\t');
  const semis = count(';');
  const commas = count(',');
  if (tabs > 0 && tabs >= semis && tabs >= commas) return '\t';
  return commas > semis ? ',' : ';';
}

/**
 * Reads a delimited text file as exported by Excel or LibreOffice: UTF-8 with or without BOM,
 * CRLF or LF, `;` `,` or tab. Blank lines (also `;;;;` lines) are skipped; rows may be shorter
 * than the header; a record that cannot be read (an unclosed quote) becomes a finding.
 */
export function readTableText(text: string, path: string): TableFile {
  const file = basename(path);
  const delimiter = detectDelimiter(text);
  const findings: Finding[] = [];
  let lastLine = 0;
  const records = parse(text, {
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error) => {
      findings.push(
        makeFinding(
          { file, line: lastLine + 1, column: '' },
          'error',
          'CSV_MALFORMED',
          `ligne illisible (${error?.code === 'CSV_QUOTE_NOT_CLOSED' ? 'guillemet non refermé' : (error?.message ?? 'format CSV')}) : corrigez-la dans un tableur ou un éditeur de texte, puis importez de nouveau.`,
        ),
      );
      return undefined;
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  let header: string[] | undefined;
  const rows: TableRow[] = [];
  for (const { record, info } of records) {
    lastLine = info.lines;
    if (record.every((c) => c.trim() === '')) continue;
    if (!header) {
      header = record.map((c) => c.trim());
      continue;
    }
    rows.push({ line: info.lines, cells: record });
  }
  return { file, header: header ?? [], rows, delimiter, findings };
}
