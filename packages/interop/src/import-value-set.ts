import { dataKeyString, listIndicators } from '@oise/catalog';
import { type Finding, OiseError, formatQuarterFr, makeFinding, writeExcelCsv } from '@oise/core';
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
  valueChangeOf,
  writeValues,
} from '@oise/entry';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { Dhis2Mapping } from './code-mapping.js';
import { dhis2Boolean, dhis2Number, withFollowup } from './dhis2-values.js';
import { type MappedEntry, mapEntry } from './entry-mapping.js';
import { type QuarterFromParts, foldQuarterParts, monthsHeldFr } from './quarter-months.js';
import { type ReadValueSet, type ValueSetFormat, readValueSetFile } from './value-set-read.js';
import {
  DHIS2_CSV_HEADER,
  type EntryRef,
  type ValueSetEntry,
  dhis2CsvCells,
  entryRefText,
} from './value-set.js';

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
  /** Store a quarter made from fewer than its three months (its comment says which). */
  incompleteMonths?: boolean | undefined;
}

/** One refused or doubtful value, as DHIS2's importSummary lists its conflicts, in French. */
export interface ImportConflict {
  /** CSV line or JSON/XML index of the value in the file. */
  line?: number;
  index?: number;
  /** Column letter (CSV) or field name where to change it. */
  column: string;
  severity: 'error' | 'warning';
  code: string;
  /** What to change, and where. */
  message: string;
}

/** A quarter made from shorter periods of this file. */
export interface QuarterFromMonths {
  indicator: string;
  unit: string;
  period: string;
  category: string;
  months: string[];
  missing: string[];
  rule: string;
  value: string | null;
  /** True when a stored value of that quarter was replaced (recomputed from this file's months). */
  recomputed: boolean;
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
  /** OISE values accepted (stored, or that would be in a dry run; unchanged ones included). */
  stored: number;
  /** Entries of the file refused. */
  refused: number;
  /** Entries that ask for a delete (`deleted: true` or an empty value). */
  deletes: number;
  /**
   * DHIS2's importSummary counts: OISE values imported, updated, deleted; ignored = values left
   * unchanged plus file entries refused (every entry when the file is refused).
   */
  importCount: { imported: number; updated: number; deleted: number; ignored: number };
  /** The refused entries and the warnings, each with its place and what to do. */
  conflicts: ImportConflict[];
  /** Quarters made from months, weeks or days, and whether each replaced a stored value. */
  quartersFromMonths: QuarterFromMonths[];
  findings: Finding[];
  errors: number;
  warnings: number;
  counts: WriteCounts;
  journalRows: number;
  rejectsFile: string | null;
}

const refKey = (ref: EntryRef) => ('index' in ref ? `I${ref.index}` : `L${ref.line}`);

/** A value as entry's checks read it: DHIS2 numbers with a dot, DHIS2 booleans, text as it is. */
function rawOf(text: string, valueType: string | undefined): ValueInput['raw'] {
  if (valueType === 'boolean') return dhis2Boolean(text) ?? text;
  return dhis2Number(text) ?? text;
}

function joinComments(...parts: (string | undefined)[]): string | undefined {
  const kept = parts.filter((p): p is string => Boolean(p));
  return kept.length > 0 ? kept.join(' ; ') : undefined;
}

/**
 * Imports a DHIS2 data value set into a cercle node. Each value is mapped to OISE codes
 * (unmapped elements, org units, combos are findings). A quarter is taken as it is; months,
 * weeks, days and two-month periods wholly inside a quarter are folded into it by the
 * indicator's time rule (`foldQuarterParts`); a quarter short of a month is refused unless
 * `incompleteMonths`. Deletes (`deleted: true`, an empty value) become tombstones. Then every
 * value is checked by @oise/entry's `checkValues` exactly as `oise import` checks a CSV line:
 * period open, commune of this cercle, indicator entered (not a ratio), category, type,
 * bounds, duplicates, F + M = total, part ≤ whole, outliers. All or nothing by default;
 * `partial` stores the clean values and writes the refused ones beside the input. One
 * transaction, journaled with channel `dhis2` through entry's own writer.
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
  const rules = new Map(
    (await listIndicators(db)).map((d) => [
      d.code,
      { timeAggregation: d.timeAggregation, valueType: d.valueType },
    ]),
  );
  const inputs: ValueInput[] = [];
  /** The file's entries behind each input (a quarter from months has several). */
  const members = new Map<string, ValueSetEntry[]>();
  const entryOf = new Map<string, ValueSetEntry>();
  const parts: MappedEntry[] = [];
  let deletes = 0;
  const inputOf = (
    m: MappedEntry,
    raw: ValueInput['raw'],
    comment: string | null | undefined,
    clear: boolean,
    key: string,
  ) => {
    const f = m.entry.fields;
    return {
      file,
      line: 'index' in m.entry.ref ? m.entry.ref.index : m.entry.ref.line,
      columns: {
        orgUnit: f.orgUnit,
        indicator: f.dataElement,
        period: f.period,
        category: f.categoryOptionCombo,
        value: f.value,
        comment: f.comment,
      },
      orgUnit: m.unit,
      indicator: m.indicator,
      period: m.period,
      category: m.category,
      raw,
      comment,
      clear,
      rejectRow: [],
      rejectKey: key,
    } satisfies ValueInput;
  };
  for (const entry of set.entries) {
    entryOf.set(refKey(entry.ref), entry);
    // DHIS2 deletes a value given `deleted: true`, or given with an empty value.
    if (entry.value.value.trim() === '') entry.value.deleted = true;
    if (entry.value.deleted) deletes++;
    const { mapped, findings: mapFindings } = mapEntry(entry, options.mapping, file, { allowYears: false });
    findings.push(...mapFindings);
    if (!mapped) continue;
    if (mapped.part) {
      parts.push(mapped);
      continue;
    }
    const v = entry.value;
    const key = refKey(entry.ref);
    members.set(key, [entry]);
    inputs.push(
      v.deleted
        ? inputOf(mapped, undefined, undefined, true, key)
        : inputOf(
            mapped,
            rawOf(v.value, rules.get(mapped.indicator)?.valueType),
            withFollowup(v.comment || undefined, v.followup === true),
            false,
            key,
          ),
    );
  }
  const folded = foldQuarterParts(parts, rules, file);
  findings.push(...folded.findings);
  const fromMonths = new Map<string, QuarterFromParts>();
  for (const q of folded.quarters) {
    const first = q.entries[0]!;
    const key = refKey(first.entry.ref);
    members.set(
      key,
      q.entries.map((m) => m.entry),
    );
    if (q.value === null) {
      inputs.push(inputOf(first, undefined, undefined, true, key));
      continue;
    }
    if (q.missing.length > 0 && options.incompleteMonths !== true) {
      const place = q.live[0] ?? first;
      findings.push(
        makeFinding(
          { file, ...place.entry.ref, column: place.entry.fields.period },
          'error',
          'DHIS2_QUARTER_INCOMPLETE',
          `${q.indicator}, ${q.unit}${q.category ? `, ${q.category}` : ''}, ${formatQuarterFr(q.period)} : trimestre incomplet, ${monthsHeldFr(q)} ; ajoutez au fichier le mois qui manque, ou relancez avec --mois-incomplets pour enregistrer la valeur de ces mois (son commentaire le dira).`,
        ),
      );
      continue;
    }
    fromMonths.set(key, q);
    const note = q.missing.length > 0 ? `valeur DHIS2 de ${monthsHeldFr(q)}` : undefined;
    const live = q.live[0]!;
    inputs.push(
      inputOf(
        { ...live, entry: { ...live.entry, ref: first.entry.ref } },
        rawOf(q.value, rules.get(q.indicator)?.valueType),
        // The file's months make the quarter, its comment too: none clears an older note.
        withFollowup(joinComments(note, q.comment), q.followup) ?? null,
        false,
        key,
      ),
    );
  }
  const scope = await loadEntryScope(db, node, options.now);
  const { checked, stored } = await checkValues(scope, inputs);
  for (const c of checked) for (const f of c.findings) findings.push(fromEntryFinding(f, set));
  findings.sort(byPlace);

  const refused = new Set(findings.filter((f) => f.severity === 'error').map((f) => refKey(refOf(f))));
  // An input refused refuses every entry it was made from (a quarter's months go together).
  const refusedInputs = new Set<string>();
  for (const [k, entries] of members)
    if (entries.some((e) => refused.has(refKey(e.ref)))) {
      refusedInputs.add(k);
      for (const e of entries) refused.add(refKey(e.ref));
    }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const partial = options.partial === true;
  const dryRun = options.dryRun === true;
  const accepted = partial || errors === 0;
  const ok: CheckedValue[] = checked.filter((c) => c.key && !refusedInputs.has(c.input.rejectKey));
  const changes = ok.map((c) => valueChangeOf(c, stored.get(dataKeyString(c.key!))));
  const quartersFromMonths: QuarterFromMonths[] = [];
  ok.forEach((c, i) => {
    const q = fromMonths.get(c.input.rejectKey);
    if (!q) return;
    quartersFromMonths.push({
      indicator: q.indicator,
      unit: q.unit,
      period: q.period,
      category: q.category,
      months: q.months,
      missing: q.missing,
      rule: q.rule,
      value: q.value,
      recomputed: changes[i] === 'update',
    });
  });
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
  } else if (accepted && dryRun) {
    for (const change of changes)
      if (change === 'insert') counts.inserted++;
      else if (change === 'update') counts.updated++;
      else if (change === 'delete') counts.deleted++;
      else counts.unchanged++;
  }
  let rejectsFile: string | null = null;
  if (partial && !dryRun && refused.size > 0) {
    rejectsFile = rejectsPath(options.path);
    writeRejects(rejectsFile, set, entryOf, findings, refused);
  }
  const storedCount = accepted ? ok.length : 0;
  return {
    file,
    format: set.format,
    accepted,
    written: journalRows > 0,
    dryRun,
    partial,
    entries: set.entries.length,
    stored: storedCount,
    refused: refused.size,
    deletes,
    importCount: {
      imported: accepted ? counts.inserted : 0,
      updated: accepted ? counts.updated : 0,
      deleted: accepted ? counts.deleted : 0,
      ignored: accepted ? counts.unchanged + refused.size : set.entries.length,
    },
    conflicts: findings.map(conflictOf),
    quartersFromMonths,
    findings,
    errors,
    warnings: findings.length - errors,
    counts,
    journalRows,
    rejectsFile,
  };
}

function conflictOf(f: Finding): ImportConflict {
  return {
    ...(f.line !== undefined ? { line: f.line } : {}),
    ...(f.index !== undefined ? { index: f.index } : {}),
    column: f.column,
    severity: f.severity,
    code: f.code,
    message: f.message,
  };
}

function refOf(f: Finding): EntryRef {
  return f.index !== undefined ? { index: f.index } : { line: f.line ?? 0 };
}

function byPlace(a: Finding, b: Finding): number {
  return (a.line ?? a.index ?? 0) - (b.line ?? b.index ?? 0);
}

/** An entry finding points at our ValueInput's `line`: a CSV line, or a JSON or XML entry's index. */
function fromEntryFinding(f: Finding, set: ReadValueSet): Finding {
  if (set.format === 'csv') return f;
  const ref = set.entries[f.line ?? -1]?.ref;
  if (set.format !== 'json' && ref && 'line' in ref)
    return makeFinding(
      { file: f.file, line: ref.line, index: f.line, column: f.column },
      f.severity,
      f.code,
      f.message.replace(/à la ligne (\d+)/g, (_, i: string) => {
        const other = set.entries[Number(i)]?.ref;
        return other ? `à la ${entryRefText(other)}` : `au dataValue n° ${Number(i) + 1}`;
      }),
    );
  return makeFinding(
    { file: f.file, index: f.line, column: f.column },
    f.severity,
    f.code,
    f.message.replace(/à la ligne (\d+)/g, "à l'entrée dataValues[$1]"),
  );
}

/** The refused values with their reason: a CSV's own lines, or a JSON's or XML's entries as DHIS2 CSV rows. */
function writeRejects(
  path: string,
  set: ReadValueSet,
  entries: Map<string, ValueSetEntry>,
  findings: Finding[],
  refused: Set<string>,
): void {
  const reasons = new Map<string, string[]>();
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    const k = refKey(refOf(f));
    reasons.set(k, [...(reasons.get(k) ?? []), f.column ? `${f.column} : ${f.message}` : f.message]);
  }
  // Entries refused with another (the other months of an incomplete or refused quarter).
  for (const k of refused)
    if (!reasons.has(k))
      reasons.set(k, ['refusée avec les autres périodes du même trimestre (voir leur motif).']);
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
    } else if (entry) lines.push([entryRefText(entry.ref), ...dhis2CsvCells(entry.value), text]);
    else lines.push([k, text]);
  }
  writeExcelCsv(path, lines, delimiter);
}
