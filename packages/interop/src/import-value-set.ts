import { type Finding, OiseError, makeFinding, writeExcelCsv } from '@oise/core';
import {
  type CheckedValue,
  type EntryNode,
  type ValueInput,
  type WriteCounts,
  checkValues,
  emptyCounts,
  journalCount,
  loadEntryScope,
  rejectsPath,
  writeValues,
} from '@oise/entry';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { Dhis2Mapping } from './code-mapping.js';
import { mapEntry } from './entry-mapping.js';
import { type ReadValueSet, type ValueSetFormat, readValueSetFile } from './value-set-read.js';
import { DHIS2_CSV_HEADER, type EntryRef, type ValueSetEntry, dhis2CsvCells } from './value-set.js';

/** The journal and row channel of values that came from DHIS2. */
export const DHIS2_CHANNEL = 'dhis2';

export interface ImportValueSetOptions {
  /** The importing node: a cercle (values are entered by the CCC of the commune's cercle). */
  node: EntryNode;
  path: string;
  mapping: Dhis2Mapping;
  now: string;
  /** Recorded as the author of every change (default: the node's code). */
  author?: string | undefined;
  /** Store the valid values and write the refused ones to `<input>-rejets.csv`. */
  partial?: boolean | undefined;
  /** Check and report, write nothing. */
  dryRun?: boolean | undefined;
}

export interface ImportValueSetResult {
  file: string;
  format: ValueSetFormat;
  accepted: boolean;
  written: boolean;
  dryRun: boolean;
  partial: boolean;
  /** Data values in the file. */
  entries: number;
  /** Values stored (or that would be, in a dry run). */
  stored: number;
  refused: number;
  /** Values marked deleted in DHIS2, left aside. */
  skippedDeleted: number;
  findings: Finding[];
  errors: number;
  warnings: number;
  counts: WriteCounts;
  journalRows: number;
  rejectsFile: string | null;
}

const refKey = (ref: EntryRef) => ('line' in ref ? `L${ref.line}` : `I${ref.index}`);

/**
 * Imports a DHIS2 data value set into a cercle node. Each value is mapped to OISE codes
 * (unmapped elements, org units, combos are findings), then checked by @oise/entry's
 * `checkValues` exactly as `oise import` checks a CSV line: period open, commune of this
 * cercle, indicator entered (not a ratio), category, type, bounds, duplicates, F + M = total,
 * part ≤ whole, outliers. All or nothing by default; `partial` stores the clean values and
 * writes the refused ones beside the input. One transaction, journaled with channel `dhis2`.
 */
export async function importValueSet(
  db: Kysely<Database>,
  options: ImportValueSetOptions,
): Promise<ImportValueSetResult> {
  const { node } = options;
  if (node.level !== 'cercle')
    throw new OiseError(
      'DHIS2_IMPORT_NOT_CERCLE',
      `les valeurs des communes s'importent sur le nœud d'un cercle (CCC), pas sur un nœud de niveau ${node.level} : importez ce fichier sur le nœud du cercle concerné.`,
      { node: node.code },
    );
  const set = readValueSetFile(options.path);
  const file = set.file;
  const findings: Finding[] = [...set.findings];
  const inputs: ValueInput[] = [];
  const entryOf = new Map<string, ValueSetEntry>();
  let skippedDeleted = 0;
  for (const entry of set.entries) {
    if (entry.value.deleted) {
      skippedDeleted++;
      findings.push(
        makeFinding(
          { file, ...entry.ref, column: entry.fields.deleted },
          'warning',
          'DHIS2_DELETED_SKIPPED',
          'valeur supprimée dans DHIS2 (deleted = true) : laissée de côté ; OISE ne supprime une valeur que depuis le classeur de saisie.',
        ),
      );
      continue;
    }
    const { mapped, findings: mapFindings } = mapEntry(entry, options.mapping, file, { allowYears: false });
    findings.push(...mapFindings);
    entryOf.set(refKey(entry.ref), entry);
    if (!mapped) continue;
    const v = entry.value;
    const f = entry.fields;
    inputs.push({
      file,
      line: 'line' in entry.ref ? entry.ref.line : entry.ref.index,
      columns: {
        orgUnit: f.orgUnit,
        indicator: f.dataElement,
        period: f.period,
        category: f.categoryOptionCombo,
        value: f.value,
        comment: f.comment,
      },
      orgUnit: mapped.unit,
      indicator: mapped.indicator,
      period: mapped.period,
      category: mapped.category,
      // DHIS2 writes plain numbers with a dot: read them as numbers, not as French text.
      raw: /^[+-]?(\d+\.?\d*|\.\d+)$/.test(v.value) ? Number(v.value) : v.value,
      comment: v.comment ? v.comment : undefined,
      clear: false,
      rejectRow: [],
      rejectKey: refKey(entry.ref),
    });
  }
  const scope = await loadEntryScope(db, node, options.now);
  const { checked, stored } = await checkValues(scope, inputs);
  for (const c of checked) for (const f of c.findings) findings.push(fromEntryFinding(f, set));
  findings.sort(byPlace);

  const refused = new Set(findings.filter((f) => f.severity === 'error').map((f) => refKey(refOf(f))));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const partial = options.partial === true;
  const dryRun = options.dryRun === true;
  const accepted = partial || errors === 0;
  const ok: CheckedValue[] = checked.filter((c) => !refused.has(c.input.rejectKey));
  let counts = emptyCounts();
  let journalRows = 0;
  if (accepted && !dryRun && ok.length > 0) {
    await db.transaction().execute(async (trx) => {
      const before = await journalCount(trx);
      counts = await writeValues(trx, ok, stored, {
        owner: node.code,
        author: options.author ?? node.code,
        now: options.now,
        channelOf: () => DHIS2_CHANNEL,
      });
      journalRows = (await journalCount(trx)) - before;
    });
  }
  let rejectsFile: string | null = null;
  if (partial && !dryRun && refused.size > 0) {
    rejectsFile = rejectsPath(options.path);
    writeRejects(rejectsFile, set, entryOf, findings);
  }
  return {
    file,
    format: set.format,
    accepted,
    written: journalRows > 0,
    dryRun,
    partial,
    entries: set.entries.length,
    stored: accepted ? ok.length : 0,
    refused: refused.size,
    skippedDeleted,
    findings,
    errors,
    warnings: findings.length - errors,
    counts,
    journalRows,
    rejectsFile,
  };
}

function refOf(f: Finding): EntryRef {
  return f.index !== undefined ? { index: f.index } : { line: f.line ?? 0 };
}

function byPlace(a: Finding, b: Finding): number {
  return (a.line ?? a.index ?? 0) - (b.line ?? b.index ?? 0);
}

/** An entry finding points at our ValueInput's `line`: a CSV line, or a JSON index. */
function fromEntryFinding(f: Finding, set: ReadValueSet): Finding {
  if (set.format === 'csv') return f;
  return makeFinding(
    { file: f.file, index: f.line, column: f.column },
    f.severity,
    f.code,
    f.message.replace(/à la ligne (\d+)/g, "à l'entrée dataValues[$1]"),
  );
}

/** The refused values with their reason: a CSV's own lines, or a JSON's entries as DHIS2 CSV rows. */
function writeRejects(
  path: string,
  set: ReadValueSet,
  entries: Map<string, ValueSetEntry>,
  findings: Finding[],
): void {
  const reasons = new Map<string, string[]>();
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    const k = refKey(refOf(f));
    reasons.set(k, [...(reasons.get(k) ?? []), f.column ? `${f.column} : ${f.message}` : f.message]);
  }
  const delimiter = set.format === 'csv' ? ',' : ';';
  const header = set.format === 'csv' ? [...set.header, 'motif'] : ['entree', ...DHIS2_CSV_HEADER, 'motif'];
  const lines = [header];
  for (const [k, motif] of reasons) {
    const entry = entries.get(k);
    const text = motif.join(' ; ');
    if (set.format === 'csv') {
      const line = Number(k.slice(1));
      const cells = (set.cells.get(line) ?? []).slice(0, set.header.length);
      while (cells.length < set.header.length) cells.push('');
      lines.push([...cells, text]);
    } else if (entry) lines.push([`dataValues[${k.slice(1)}]`, ...dhis2CsvCells(entry.value), text]);
    else lines.push([k, text]);
  }
  writeExcelCsv(path, lines, delimiter);
}
