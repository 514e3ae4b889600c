import type { Finding } from '@oise/core';
import type { CheckedRecord } from './record-check.js';
import { PARTNERSHIPS, fieldHeader } from './record-kinds.js';
import type { CheckedValue } from './value-row-check.js';

/** Header of the rejects file of a workbook's figures (the data-value CSV of the design). */
export const VALUE_REJECT_HEADER = ['code_collectivite', 'code_indicateur', 'periode', 'categorie', 'valeur'];

export interface RejectGroup {
  header?: string[];
  rows: { cells: string[]; motif: string }[];
}

export interface Rejects {
  refusedKeys: Set<string>;
  /** Per input file, its refused lines grouped by record kind (its French file word: `valeurs`, `elus` …). */
  byFile: Map<string, { refused: number; skipped: number; groups: Map<string, RejectGroup> }>;
}

/** The file word of a workbook's refused figures, when its lists have refused lines too. */
const VALUES_WORD = 'valeurs';

function motifOf(findings: Finding[]): string {
  return findings.map((f) => (f.column ? `colonne ${f.column} : ${f.message}` : f.message)).join(' ; ');
}

/**
 * Groups refused lines by input file (and, for a workbook, by list: figures, officials …):
 * a line is refused when any of its values has an error; skipped lines (partnerships left
 * aside) are listed too, so the rejects file holds every line that was not stored.
 */
export function collectRejects(
  values: CheckedValue[],
  records: CheckedRecord[],
  skipped: { rejectRow: string[]; finding: Finding; rejectKey: string }[],
): Rejects {
  const refusedKeys = new Set<string>();
  const byKey = new Map<
    string,
    {
      file: string;
      suffix: string;
      header?: string[];
      cells: string[];
      findings: Finding[];
      skipped: boolean;
    }
  >();
  const note = (
    key: string,
    file: string,
    suffix: string,
    header: string[] | undefined,
    cells: string[],
    findings: Finding[],
    isSkipped: boolean,
  ) => {
    const entry = byKey.get(key) ?? {
      file,
      suffix,
      cells,
      findings: [],
      skipped: isSkipped,
      ...(header ? { header } : {}),
    };
    entry.findings.push(...findings);
    byKey.set(key, entry);
  };
  for (const v of values) {
    const errors = v.findings.filter((f) => f.severity === 'error');
    if (errors.length === 0) continue;
    refusedKeys.add(v.input.rejectKey);
    note(
      v.input.rejectKey,
      v.input.file,
      VALUES_WORD,
      v.input.sheet ? VALUE_REJECT_HEADER : undefined,
      v.input.rejectRow,
      errors,
      false,
    );
  }
  for (const r of records) {
    const errors = r.findings.filter((f) => f.severity === 'error');
    if (errors.length === 0) continue;
    refusedKeys.add(r.input.rejectKey);
    const header = r.input.sheet
      ? [
          ...r.input.kind.fields.filter((f) => f.type !== 'period').map((f) => fieldHeader(f, false)),
          'identifiant',
        ]
      : undefined;
    note(r.input.rejectKey, r.input.file, r.input.kind.fileWord, header, r.input.rejectRow, errors, false);
  }
  // Only partnership lines are left aside: they share their file's group.
  for (const s of skipped)
    note(s.rejectKey, s.finding.file, PARTNERSHIPS.fileWord, undefined, s.rejectRow, [s.finding], true);
  const byFile: Rejects['byFile'] = new Map();
  for (const e of byKey.values()) {
    const f = byFile.get(e.file) ?? { refused: 0, skipped: 0, groups: new Map<string, RejectGroup>() };
    if (e.skipped) f.skipped++;
    else f.refused++;
    const g = f.groups.get(e.suffix) ?? { rows: [], ...(e.header ? { header: e.header } : {}) };
    g.rows.push({ cells: e.cells, motif: motifOf(e.findings) });
    f.groups.set(e.suffix, g);
    byFile.set(e.file, f);
  }
  return { refusedKeys, byFile };
}
