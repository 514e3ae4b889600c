import { existsSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { loadHierarchy } from '@oise/catalog';
import {
  type CsvDelimiter,
  type Finding,
  OiseError,
  countFr,
  formatQuarter,
  makeFinding,
  parseQuarter,
} from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { CLOSED_QUARTER_CODE, type RemovedRecord, closedQuarterFindings } from './closed-quarter.js';
import { type EntryNode, NODE_LEVEL_FR, loadEntryScope } from './entry-scope.js';
import { type FileKind, classifyTable, recordsFromTable } from './file-kind.js';
import { foldRepeatedFindings } from './finding-fold.js';
import { VALUE_REJECT_HEADER, collectRejects } from './import-rejects.js';
import { type WriteCounts, emptyCounts, journalCount } from './journal.js';
import { checkPartnerships } from './partnership-file.js';
import { type CheckedRecord, type RecordInput, checkRecord } from './record-check.js';
import { PARTNERSHIPS, RECORD_KINDS, type RecordKind } from './record-kinds.js';
import { writeRecords } from './record-store.js';
import { rejectsPath, writeRejectsFile } from './rejects-file.js';
import { readTableFile } from './table-file.js';
import { checkValues } from './value-checks.js';
import { type ValueInput, valuesFromTable } from './value-input.js';
import { writeValues } from './value-store.js';
import { readWorkbookFile } from './workbook-read.js';

export interface ImportOptions {
  node: EntryNode;
  files: string[];
  now: string;
  /** Recorded as the author of every change (default: the node's code). */
  author?: string;
  /**
   * Store the valid rows and write the refused ones to `<input>-rejets.csv` (one file per
   * kind, `<input>-valeurs-rejets.csv`, `<input>-elus-rejets.csv` …, when several have some).
   */
  partial?: boolean;
  /** Check and report, write nothing. */
  dryRun?: boolean;
  /** For CSV files: the quarter every line must belong to (and the default period of record lists). */
  quarter?: string;
  /** Told as the import goes: each file read, then the checks, then the writing (a page's progress bar). */
  onProgress?: (progress: ImportProgress) => void;
}

/** How far an import has gone: `done` of `total` steps (one per file, the checks, the writing). */
export interface ImportProgress {
  done: number;
  total: number;
  /** French: « lecture de saisie-T1.xlsx », « vérification de 120 valeurs », « enregistrement ». */
  step: string;
}

export interface FileReport {
  file: string;
  kind: FileKind;
  /** Values or records read (one per filled cell of a workbook, one per line of a CSV). */
  rows: number;
  stored: number;
  refused: number;
  /** Lines left aside with a warning (partnerships outside the territory or unreadable). */
  skipped: number;
  rejectsFiles: string[];
}

export interface ImportCounts {
  dataValues: WriteCounts;
  officials: WriteCounts;
  trainings: WriteCounts;
  activities: WriteCounts;
  partnerships: WriteCounts;
}

/** The result document of an import (`oise import --json` prints it). */
export interface ImportResult {
  /** True when the database was (or, in a dry run, would have been) written. */
  accepted: boolean;
  written: boolean;
  dryRun: boolean;
  partial: boolean;
  files: FileReport[];
  findings: Finding[];
  errors: number;
  warnings: number;
  counts: ImportCounts;
  journalRows: number;
}

export interface Parsed {
  values: ValueInput[];
  records: RecordInput[];
  removed: RemovedRecord[];
  partnerships: CheckedRecord[];
  skipped: { rejectRow: string[]; finding: Finding; rejectKey: string }[];
  findings: Finding[];
  reports: FileReport[];
  paths: Map<string, { path: string; header: string[]; delimiter: CsvDelimiter }>;
}

const channelOf = (file: string) => {
  const ext = extname(file).toLowerCase().slice(1);
  return ext === 'xlsx' || ext === 'xlsm' ? 'xlsx' : ext === 'tsv' ? 'tsv' : 'csv';
};

/**
 * Imports entry files (filled workbooks; CSV/TSV of data values, officials, trainings,
 * activities, partnerships). Everything is checked before anything is written; by default a
 * single refused line refuses the whole import; with `partial` the valid lines are stored and
 * the refused ones written beside each input. One transaction; every change journaled.
 */
export async function importEntryFiles(db: Kysely<Database>, options: ImportOptions): Promise<ImportResult> {
  const { node } = options;
  const scope = await loadEntryScope(db, node, options.now);
  const quarter = options.quarter ? formatQuarter(parseQuarter(options.quarter)) : undefined;
  const parsed: Parsed = {
    values: [],
    records: [],
    removed: [],
    partnerships: [],
    skipped: [],
    findings: [],
    reports: [],
    paths: new Map(),
  };
  const needsCercle = (file: string, what: string) => {
    if (node.level === 'cercle') return true;
    parsed.findings.push(
      makeFinding(
        { file, line: 1, column: '' },
        'error',
        'IMPORT_NOT_CERCLE',
        `les ${what} se saisissent sur le nœud d'un cercle (CCC), pas sur un nœud ${NODE_LEVEL_FR[node.level]}.`,
      ),
    );
    return false;
  };
  const total = options.files.length + 2;
  const tell = (done: number, step: string) => options.onProgress?.({ done, total, step });
  for (const [index, path] of options.files.entries()) {
    tell(index, `lecture de ${basename(path)}`);
    if (!existsSync(path))
      throw new OiseError('FILE_NOT_FOUND', `le fichier « ${path} » est introuvable : vérifiez le chemin.`, {
        file: path,
      });
    const file = basename(path);
    const report: FileReport = {
      file,
      kind: 'unknown',
      rows: 0,
      stored: 0,
      refused: 0,
      skipped: 0,
      rejectsFiles: [],
    };
    parsed.reports.push(report);
    const ext = extname(path).toLowerCase();
    let table = ext === '.xlsx' || ext === '.xlsm' ? undefined : readTableFile(path);
    if (!table) {
      const wb = await readWorkbookFile(path);
      if (wb.content) {
        report.kind = 'workbook';
        const c = wb.content;
        parsed.paths.set(file, { path, header: VALUE_REJECT_HEADER, delimiter: ';' });
        parsed.findings.push(...c.findings);
        if (!needsCercle(file, 'classeurs de saisie')) continue;
        if (c.cercle && c.cercle !== node.code) {
          parsed.findings.push(
            makeFinding(
              { file, line: 1, column: '' },
              'error',
              'WORKBOOK_OTHER_CERCLE',
              `ce classeur a été préparé pour le cercle ${c.cercle}, pas pour ${node.code} : importez-le sur le nœud de ce cercle.`,
            ),
          );
          continue;
        }
        parsed.values.push(...c.values);
        parsed.records.push(...c.records);
        parsed.removed.push(...c.removed);
        report.rows = c.values.length + c.records.length;
        continue;
      }
      table = wb.table!;
    }
    parsed.findings.push(...table.findings);
    parsed.paths.set(file, { path, header: table.header, delimiter: table.delimiter });
    const kind = classifyTable(table.header, quarter !== undefined);
    report.kind = kind.kind;
    report.rows = table.rows.length;
    if (kind.kind === 'unknown') {
      parsed.findings.push(
        makeFinding({ file, line: 1, column: '' }, 'error', 'FILE_KIND_UNKNOWN', kind.message),
      );
      continue;
    }
    if (kind.kind === 'values') {
      if (!needsCercle(file, 'valeurs des indicateurs')) continue;
      parsed.values.push(
        ...valuesFromTable(table, kind.map).map((v) => (quarter ? { ...v, expectedQuarter: quarter } : v)),
      );
    } else if (kind.kind === 'partnerships') {
      const hierarchy = await loadHierarchy(db, options.now.slice(0, 10));
      const { checked, skipped } = checkPartnerships(scope, table, hierarchy, kind.map);
      parsed.partnerships.push(...checked);
      for (const s of skipped) parsed.skipped.push({ ...s, rejectKey: `${file}#${s.finding.line}` });
    } else if (kind.kind === 'officials' || kind.kind === 'trainings' || kind.kind === 'activities') {
      if (!needsCercle(file, `listes d'${kind.record.labelFr}`)) continue;
      parsed.records.push(...recordsFromTable(table, kind.record, kind.map, quarter));
    }
  }
  tell(
    options.files.length,
    `vérification de ${countFr(parsed.values.length + parsed.records.length + parsed.partnerships.length, 'ligne')}`,
  );
  return decideAndWrite(db, scope, parsed, options, () => tell(options.files.length + 1, 'enregistrement'));
}

async function decideAndWrite(
  db: Kysely<Database>,
  scope: Awaited<ReturnType<typeof loadEntryScope>>,
  parsed: Parsed,
  options: ImportOptions,
  writing: () => void,
): Promise<ImportResult> {
  const { checked: values, stored } = await checkValues(scope, parsed.values);
  const records: CheckedRecord[] = [];
  const seenIds = new Map<string, CheckedRecord>();
  for (const input of parsed.records) {
    const c = await checkRecord(scope, input);
    if (c.id) {
      const first = seenIds.get(`${input.kind.kind}|${c.id}`);
      if (first)
        c.findings.push(
          makeFinding(
            {
              file: input.file,
              line: input.line,
              column: input.id?.column ?? '',
              ...(input.sheet ? { sheet: input.sheet } : {}),
            },
            'error',
            'DUPLICATE_ROW',
            `cette ligne décrit la même entrée que la ligne ${first.input.line} : gardez une seule ligne.`,
          ),
        );
      else seenIds.set(`${input.kind.kind}|${c.id}`, c);
    }
    records.push(c);
  }
  const allRecords = [...records, ...parsed.partnerships];
  // A closed quarter is named once per file, not on each line it would change.
  const closed = await closedQuarterFindings(scope, values, records, parsed.removed);
  const lineFindings = [
    ...values.flatMap((v) => v.findings),
    ...allRecords.flatMap((r) => r.findings),
  ].filter((f) => f.code !== CLOSED_QUARTER_CODE);
  const findings = foldRepeatedFindings([
    ...parsed.findings,
    ...closed.findings,
    ...lineFindings,
    ...parsed.skipped.map((s) => s.finding),
  ]).sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.sheet ?? '').localeCompare(b.sheet ?? '') ||
      (a.line ?? 0) - (b.line ?? 0),
  );
  const errors = findings.filter((f) => f.severity === 'error').length;
  const partial = options.partial === true;
  const dryRun = options.dryRun === true;
  const fileLevelError = parsed.findings.some((f) => f.severity === 'error');
  const rejects = collectRejects(values, allRecords, parsed.skipped);
  const accepted = partial ? true : errors === 0;
  const counts: ImportCounts = {
    dataValues: emptyCounts(),
    officials: emptyCounts(),
    trainings: emptyCounts(),
    activities: emptyCounts(),
    partnerships: emptyCounts(),
  };
  let journalRows = 0;
  const okValues = values.filter((v) => !rejects.refusedKeys.has(v.input.rejectKey));
  const okRecords = allRecords.filter((r) => !rejects.refusedKeys.has(r.input.rejectKey));
  const canWrite = accepted && !dryRun && !(fileLevelError && !partial);
  if (canWrite && (okValues.length > 0 || okRecords.length > 0 || closed.removed.length > 0)) {
    const who = {
      owner: scope.node.code,
      author: options.author ?? scope.node.code,
      now: options.now,
      channelOf,
    };
    writing();
    await db.transaction().execute(async (trx) => {
      const before = await journalCount(trx);
      counts.dataValues = await writeValues(trx, okValues, stored, who);
      for (const kind of [...RECORD_KINDS, PARTNERSHIPS] as RecordKind[]) {
        const mine = okRecords.filter((r) => r.input.kind === kind);
        const removed = closed.removed.filter((r) => r.kind === kind.kind);
        counts[kind.kind] = await writeRecords(trx, kind, mine, removed, who);
      }
      journalRows = (await journalCount(trx)) - before;
    });
  }
  for (const report of parsed.reports) {
    const refusedHere = rejects.byFile.get(report.file);
    report.refused = refusedHere?.refused ?? 0;
    report.skipped = refusedHere?.skipped ?? 0;
    const written = canWrite || (accepted && dryRun);
    report.stored = written ? countStored(report.file, okValues, okRecords) : 0;
    if (partial && !dryRun && refusedHere && refusedHere.groups.size > 0) {
      const info = parsed.paths.get(report.file)!;
      // `saisie-T1-rejets.csv`; when a workbook's figures and lists both have refused lines,
      // one file per kind: `saisie-T1-valeurs-rejets.csv`, `saisie-T1-elus-rejets.csv` …
      const several = refusedHere.groups.size > 1;
      for (const [word, group] of refusedHere.groups) {
        const path = rejectsPath(info.path, several ? word : '');
        writeRejectsFile(path, group.header ?? info.header, group.rows, info.delimiter);
        report.rejectsFiles.push(path);
      }
    }
  }
  return {
    accepted: accepted && !(fileLevelError && !partial),
    written: canWrite && journalRows > 0,
    dryRun,
    partial,
    files: parsed.reports,
    findings,
    errors,
    warnings: findings.length - errors,
    counts,
    journalRows,
  };
}

function countStored(
  file: string,
  values: { input: { file: string } }[],
  records: { input: { file: string } }[],
): number {
  return (
    values.filter((v) => v.input.file === file).length + records.filter((r) => r.input.file === file).length
  );
}
