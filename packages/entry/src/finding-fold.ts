import type { Finding } from '@oise/core';

/** `AA`, `AA et AC`, `AA, AC et AE`. */
export function columnList(columns: string[]): string {
  if (columns.length <= 1) return columns[0] ?? '';
  return `${columns.slice(0, -1).join(', ')} et ${columns[columns.length - 1]}`;
}

/**
 * One finding for what a line says once: the same rule broken by several cells of one row
 * (F + M ≠ total on the F, M and total columns) is printed once, naming its columns
 * (« colonnes AA, AC et AE »), where it used to be repeated on each cell. Order is kept.
 */
export function foldRepeatedFindings(findings: Finding[]): Finding[] {
  const out: Finding[] = [];
  const columns = new Map<string, { finding: Finding; columns: string[] }>();
  for (const f of findings) {
    if (f.line === undefined) {
      out.push(f);
      continue;
    }
    const key = [f.file, f.sheet ?? '', f.line, f.severity, f.code, f.message].join('\u0000');
    const seen = columns.get(key);
    if (!seen) {
      const first = { ...f };
      columns.set(key, { finding: first, columns: f.column ? [f.column] : [] });
      out.push(first);
      continue;
    }
    if (f.column && !seen.columns.includes(f.column)) seen.columns.push(f.column);
    seen.finding.column = columnList(seen.columns);
  }
  return out;
}
