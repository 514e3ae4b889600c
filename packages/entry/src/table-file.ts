import { type CsvDelimiter, type CsvRow, type Finding, makeFinding, readExcelCsv } from '@oise/core';

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
