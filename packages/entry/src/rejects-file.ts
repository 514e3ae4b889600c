import { basename, dirname, extname, join } from 'node:path';
import { type CsvDelimiter, writeExcelCsv } from '@oise/core';

/** `<dir>/<input name>-rejets.csv` (with an optional suffix such as the record list's name). */
export function rejectsPath(input: string, suffix = ''): string {
  const name = basename(input, extname(input));
  return join(dirname(input), `${name}${suffix ? `-${suffix}` : ''}-rejets.csv`);
}

/**
 * Writes refused lines as a CSV a French Excel opens directly (UTF-8 BOM, CRLF, the input's
 * separator): the input's columns, then `motif`, the reason in French.
 */
export function writeRejectsFile(
  path: string,
  header: string[],
  rows: { cells: string[]; motif: string }[],
  delimiter: CsvDelimiter,
): void {
  const width = header.length;
  writeExcelCsv(
    path,
    [[...header, 'motif'], ...rows.map((r) => [...padTo(r.cells, width), r.motif])],
    delimiter,
  );
}

function padTo(cells: string[], width: number): string[] {
  const out = cells.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}
