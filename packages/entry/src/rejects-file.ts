import { writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';

/** `<dir>/<input name>-rejets.csv` (with an optional suffix such as the record list's name). */
export function rejectsPath(input: string, suffix = ''): string {
  const name = basename(input, extname(input));
  return join(dirname(input), `${name}${suffix ? `-${suffix}` : ''}-rejets.csv`);
}

function quote(cell: string, delimiter: string): string {
  return /["\r\n]/.test(cell) || cell.includes(delimiter) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Writes refused lines as a CSV a French Excel opens directly (UTF-8 BOM, CRLF, the input's
 * separator): the input's columns, then `motif`, the reason in French.
 */
export function writeRejectsFile(
  path: string,
  header: string[],
  rows: { cells: string[]; motif: string }[],
  delimiter: string,
): void {
  const width = header.length;
  const lines = [[...header, 'motif'], ...rows.map((r) => [...padTo(r.cells, width), r.motif])].map((cells) =>
    cells.map((c) => quote(c, delimiter)).join(delimiter),
  );
  writeFileSync(path, `\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
}

function padTo(cells: string[], width: number): string[] {
  const out = cells.slice(0, width);
  while (out.length < width) out.push('');
  return out;
}
