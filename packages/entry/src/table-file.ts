import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import {
  type CsvDelimiter,
  type CsvRow,
  type Finding,
  decodeTextFile,
  formatNumberFr,
  makeFinding,
  readExcelCsv,
} from '@oise/core';

/** A table to import: a CSV file, or the first sheet of a workbook without OISE metadata. */
export interface TableFile {
  /** The name findings show (the file's base name). */
  file: string;
  header: string[];
  /** The non-blank rows, with the line a spreadsheet shows for each (header = line 1). */
  rows: CsvRow[];
  delimiter: CsvDelimiter;
  findings: Finding[];
}

/**
 * Reads a delimited text file as Excel or LibreOffice export it (`readExcelCsv`: BOM, CRLF or
 * LF, `;` `,` or tab); a record that cannot be read (an unclosed quote) becomes a finding.
 */
export function readTableText(text: string, path: string): TableFile {
  const { file, header, rows, delimiter, unreadable } = readExcelCsv(text, path);
  const findings = unreadable.map((u) =>
    makeFinding(
      { file, line: u.line, column: '' },
      'error',
      'CSV_MALFORMED',
      `ligne illisible (${u.reason}) : corrigez-la dans un tableur ou un éditeur de texte, puis importez de nouveau.`,
    ),
  );
  return { file, header, rows, delimiter, findings };
}

/**
 * The largest CSV read: the largest cercle's quarter as an entry CSV (Ségou, 3 051 values) is
 * 121 Ko; 8 Mio is over sixty times that, and parses within 150 Mo.
 */
export const TABLE_MAX_BYTES = 8 * 1024 * 1024;
/** Rows of one CSV: twenty times the largest cercle's quarter (3 051 values). */
export const TABLE_MAX_ROWS = 60_000;

/**
 * Reads a CSV file within bounds: its size is checked before it is read, its rows counted before
 * they are checked; past either limit, a finding that gives the limit and nothing else.
 */
export function readTableFile(path: string): TableFile {
  const file = basename(path);
  const tooLarge = (message: string): TableFile => ({
    file,
    header: [],
    rows: [],
    delimiter: ';',
    findings: [makeFinding({ file, line: 1, column: '' }, 'error', 'CSV_TOO_LARGE', message)],
  });
  const size = statSync(path).size;
  if (size > TABLE_MAX_BYTES) {
    return tooLarge(
      `ce fichier pèse ${formatNumberFr(Math.ceil(size / (1024 * 1024)))} Mio, au-delà de la limite de ${formatNumberFr(TABLE_MAX_BYTES / (1024 * 1024))} Mio (le trimestre du plus grand cercle en fait 0,12) : rien n'en a été lu. Découpez-le par trimestre ou par cercle, puis importez chaque partie.`,
    );
  }
  const table = readTableText(decodeTextFile(readFileSync(path)).text, path);
  if (table.rows.length > TABLE_MAX_ROWS) {
    return tooLarge(
      `ce fichier a ${formatNumberFr(table.rows.length)} lignes, au-delà de la limite de ${formatNumberFr(TABLE_MAX_ROWS)} (le trimestre du plus grand cercle en a 3 051) : rien n'en a été enregistré. Découpez-le par trimestre ou par cercle, puis importez chaque partie.`,
    );
  }
  return table;
}
