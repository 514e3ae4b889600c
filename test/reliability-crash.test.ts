import { cpSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEntryFiles } from '@oise/entry';
import { type Node, openNode } from '@oise/node';
import type { Database } from '@oise/schema';
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  BUNDLE_SCHEMA_VERSION,
  type BundleRow,
  encodeBundle,
} from '@oise/sync';
import { makeTempDir, makeTestNode } from '@oise/testkit';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { GUARDED_TABLES, fingerprint, integrityCheck } from './reliability/db-fingerprint.js';
import { FC_SEED, Tally, watchUnhandled } from './reliability/harness.js';
import {
  TERRITORY,
  catalogOf,
  communesOf,
  insertRows,
  largest,
  quarterCsv,
  quarterRows,
} from './reliability/mali-country.js';
import { type OiseCli, buildOiseCli } from './reliability/oise-process.js';
import { link, signerOf } from './reliability/small-country.js';

/**
 * `oise import`, `oise ingest`, `oise consolidate` and `oise report` as real processes, killed
 * with SIGKILL at seeded moments of their work on Mali's whole territory (every kill must land). After every kill the
 * database is whole (`PRAGMA integrity_check`), what was committed before is still there, the
 * interrupted work is all there or not at all, and the next run ends with exactly the figures of
 * a twin copy of the node folder that ran without interruption.
 */
const KILLS = Number.parseInt(process.env.CRASH_KILLS ?? '', 10) || 3;
const QUARTERS = ['2024Q1', '2024Q2', '2024Q3', '2024Q4'];
const NATIONAL_NOW = '2025-02-20T08:00:00.000Z';
const CERCLE_NOW = '2025-04-20T08:00:00.000Z';

const tally = new Tally('crash', KILLS * 4);
const watch = watchUnhandled();
let cli: OiseCli;
let root: string;
let nationalDir: string;
let cercleDir: string;
let regionCode: string;
let importFiles: string[];
let importRows = 0;
let bundleRows = 0;

beforeAll(async () => {
  cli = buildOiseCli();
  root = makeTempDir('oise-crash-');
  const national = await makeTestNode(root, 'national', 'ML', {
    territoryFile: TERRITORY,
    now: NATIONAL_NOW,
  });
  const communes = await communesOf(national.db);
  const catalog = await catalogOf(national.db);
  regionCode = largest(communes, 4);
  const cercleCode = largest(communes, 6);
  const region = await makeTestNode(root, 'region', regionCode, {
    territoryFile: TERRITORY,
    now: NATIONAL_NOW,
  });
  const cercle = await makeTestNode(root, 'cercle', cercleCode, {
    territoryFile: TERRITORY,
    now: NATIONAL_NOW,
  });
  await link(root, national, region);
  // National already holds the other regions' year; the largest region's year arrives as one bundle.
  const others = communes.filter((c) => !c.code.startsWith(regionCode));
  const mine = communes.filter((c) => c.code.startsWith(regionCode));
  for (const [i, q] of QUARTERS.entries())
    await insertRows(national.db, quarterRows(catalog, others, q, i, NATIONAL_NOW));
  const rows: BundleRow[] = QUARTERS.flatMap((q, i) =>
    quarterRows(catalog, mine, q, i, NATIONAL_NOW).map((row) => ({ table: 'data_value' as const, row })),
  );
  bundleRows = rows.length;
  const bundle = encodeBundle(
    {
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      schemaVersion: BUNDLE_SCHEMA_VERSION,
      sender: regionCode,
      senderLevel: 'region',
      recipient: 'ML',
      direction: 'up',
      sequence: 1,
      full: true,
      changes: { from: 0, to: rows.length },
      ack: { sequence: 0, localSeq: 0 },
      quarters: QUARTERS,
      counts: { data_value: rows.length } as never,
      rowCount: rows.length,
      createdAt: NATIONAL_NOW,
    },
    rows,
    { privateKeyPath: region.paths.privateKey, keyFingerprint: signerOf(region).fingerprint },
  ).bytes;
  writeFileSync(join(national.paths.inbox, `${regionCode}-ML-000001.oise.gz`), bundle);
  // The cercle has entered its first quarter (committed); the other three and 2025Q1 come in one import.
  const cercleCommunes = communes.filter((c) => c.cercle === cercleCode);
  const files = [...QUARTERS, '2025Q1'].map((q, i) => {
    const file = join(cercle.paths.root, `saisie-${q}.csv`);
    const quarterRowsOf = quarterRows(catalog, cercleCommunes, q, i, CERCLE_NOW);
    if (i > 0) importRows += quarterRowsOf.length;
    writeFileSync(file, quarterCsv(quarterRowsOf));
    return file;
  });
  const first = await importEntryFiles(cercle.db, {
    node: { code: cercleCode, level: 'cercle' },
    files: [files[0]!],
    now: CERCLE_NOW,
  });
  expect(first.written).toBe(true);
  importFiles = files.slice(1);
  nationalDir = national.paths.root;
  cercleDir = cercle.paths.root;
  for (const n of [national, region, cercle]) await n.close();
}, 180_000);

afterAll(() => {
  cli?.remove();
  watch.stop();
  const counts = tally.report(watch.seen.length);
  if (root) rmSync(root, { recursive: true, force: true });
  expect(counts.failures).toEqual([]);
  expect(tally.clean).toBe(true);
});

async function withDb<T>(dir: string, work: (db: Kysely<Database>, node: Node) => Promise<T>): Promise<T> {
  const node = await openNode(dir);
  try {
    return await work(node.db, node);
  } finally {
    await node.close();
  }
}

async function countWhere(
  db: Kysely<Database>,
  query: ReturnType<typeof sql<{ n: number }>>,
): Promise<number> {
  return Number((await query.execute(db)).rows[0]?.n ?? 0);
}

interface CrashPlan {
  name: string;
  dir: string;
  args: string[];
  env: Record<string, string>;
  /** After a kill: what was committed before is there, and the interrupted work is all or nothing. */
  check(db: Kysely<Database>, dir: string): Promise<string[]>;
  /** What the uninterrupted twin and the interrupted-then-rerun node must agree on. */
  figures(db: Kysely<Database>, dir: string): Promise<unknown>;
}

/**
 * Copies the node folder to a twin, runs the twin once without interruption (its duration, less
 * the command's start-up, is the work window), then runs the node KILLS times killed at seeded
 * moments of that window — with the checks after each kill — and once more to the end; the
 * figures must be the twin's. Every kill must land mid-work: after the command has started up
 * (`oise <command> --help` loads the same modules) and before it ends. A run that ends before
 * its kill (it may have less to do than the twin, when an earlier kill landed after the commit)
 * has done its work: the folder is put back as it was before the kills and the case runs again
 * with its kill earlier in the window, up to three times.
 */
async function crashAndCompare(plan: CrashPlan): Promise<void> {
  const twin = `${plan.dir}-jumeau`;
  const before = `${plan.dir}-avant`;
  for (const copy of [twin, before]) {
    rmSync(copy, { recursive: true, force: true });
    cpSync(plan.dir, copy, { recursive: true });
  }
  const args = (dir: string) => [...plan.args, '--dir', dir];
  let started = Date.now();
  const help = await cli.run([plan.args[0]!, '--help'], plan.env);
  const startUp = Date.now() - started;
  expect(help.code, help.stderr).toBe(0);
  started = Date.now();
  const clean = await cli.run(args(twin), plan.env);
  const duration = Date.now() - started;
  expect(clean.code, clean.stderr).toBe(0);
  const work = Math.max(10, duration - startUp);
  // Earliest first, so that a run which happens to finish does not leave the later kills
  // nothing to interrupt.
  const delays = fc
    .sample(fc.integer({ min: startUp + Math.floor(work * 0.1), max: startUp + Math.floor(work * 0.9) }), {
      seed: FC_SEED + plan.name.length * 7919,
      numRuns: KILLS,
    })
    .sort((a, b) => a - b);
  let landed = 0;
  let finishedFirst = 0;
  const killedAt: number[] = [];
  for (const planned of delays) {
    let delay = planned;
    let run = await cli.runAndKill(args(plan.dir), delay, plan.env);
    for (let attempt = 1; !run.killed && attempt <= 3; attempt++) {
      if (run.code !== 0)
        tally.fail('crashes', `${plan.name}: exit ${run.code} without a kill\n${run.stderr}`);
      finishedFirst++;
      rmSync(plan.dir, { recursive: true, force: true });
      cpSync(before, plan.dir, { recursive: true });
      delay = startUp + Math.floor((delay - startUp) / 2);
      run = await cli.runAndKill(args(plan.dir), delay, plan.env);
    }
    if (run.killed) {
      landed++;
      killedAt.push(delay);
    } else if (run.code !== 0)
      tally.fail('crashes', `${plan.name}: exit ${run.code} without a kill\n${run.stderr}`);
    const problems = await withDb(plan.dir, async (db) => {
      const integrity = await integrityCheck(db);
      return [
        ...(integrity.join() === 'ok' ? [] : [`integrity_check: ${integrity.join('; ')}`]),
        ...(await plan.check(db, plan.dir)),
      ];
    });
    if (problems.length > 0)
      tally.fail('partialWrites', `${plan.name} killed at ${delay} ms: ${problems.join('; ')}`);
    else tally.accepted();
  }
  tally.counts.codes.KILLED = (tally.counts.codes.KILLED ?? 0) + landed;
  tally.counts.codes.FINISHED_BEFORE_KILL = (tally.counts.codes.FINISHED_BEFORE_KILL ?? 0) + finishedFirst;
  rmSync(before, { recursive: true, force: true });
  console.log(
    `[fiabilité] ${plan.name}: ${duration} ms sans interruption dont ${startUp} ms de démarrage ; ` +
      `${landed}/${KILLS} tués en cours de travail (à ${killedAt.join(', ')} ms ; ${finishedFirst} passage(s) fini(s) avant le signal, rejoué(s) plus tôt)`,
  );
  // Every case was really interrupted mid-work: a kill that never landed tests nothing.
  expect(landed, `${plan.name}: kills landed mid-work`).toBe(KILLS);
  const rerun = await cli.run(args(plan.dir), plan.env);
  if (rerun.code !== 0)
    tally.fail('crashes', `${plan.name}: the run after the kills failed\n${rerun.stderr}`);
  expect(rerun.code, rerun.stderr).toBe(0);
  const mine = await withDb(plan.dir, (db) => plan.figures(db, plan.dir));
  const theirs = await withDb(twin, (db) => plan.figures(db, twin));
  if (JSON.stringify(mine) !== JSON.stringify(theirs))
    tally.fail('partialWrites', `${plan.name}: figures differ from the twin`);
  expect(mine).toEqual(theirs);
}

describe('crash: SIGKILL at random points', () => {
  test('oise import: all or nothing, the earlier quarter kept, the rerun equals the twin', async () => {
    const before = await withDb(cercleDir, (db) => fingerprint(db, ['data_value', 'journal']));
    await crashAndCompare({
      name: 'import',
      dir: cercleDir,
      args: ['import', ...importFiles],
      env: { OISE_NOW: CERCLE_NOW },
      async check(db) {
        const first = await countWhere(
          db,
          sql<{ n: number }>`select count(*) as n from data_value where period = '2024Q1'`,
        );
        const later = await countWhere(
          db,
          sql<{ n: number }>`select count(*) as n from data_value where period <> '2024Q1'`,
        );
        const problems: string[] = [];
        if (first === 0) problems.push('the committed 2024Q1 import is gone');
        if (later !== 0 && later !== importRows)
          problems.push(`${later} of ${importRows} rows of the interrupted import`);
        const now = await fingerprint(db, ['data_value', 'journal']);
        if (later === 0 && JSON.stringify(now) !== JSON.stringify(before))
          problems.push('tables changed without the import');
        return problems;
      },
      figures: (db) => fingerprint(db, ['data_value', 'journal']),
    });
  });

  test('oise ingest: the bundle applied whole or not at all, then exactly once', async () => {
    const inbox = join(nationalDir, 'inbox');
    const othersBefore = await withDb(nationalDir, (db) =>
      sql<{
        n: number;
        total: number;
      }>`select count(*) as n, total(value) as total from data_value where owner not like ${`${regionCode}%`}`.execute(
        db,
      ),
    );
    await crashAndCompare({
      name: 'ingest',
      dir: nationalDir,
      args: ['ingest'],
      env: { OISE_NOW: NATIONAL_NOW },
      async check(db) {
        const problems: string[] = [];
        const others = await sql<{
          n: number;
          total: number;
        }>`select count(*) as n, total(value) as total from data_value where owner not like ${`${regionCode}%`}`.execute(
          db,
        );
        if (JSON.stringify(others.rows) !== JSON.stringify(othersBefore.rows))
          problems.push('rows held before the ingest changed');
        const received = await countWhere(
          db,
          sql<{ n: number }>`select count(*) as n from data_value where owner like ${`${regionCode}%`}`,
        );
        const applied = await countWhere(
          db,
          sql<{
            n: number;
          }>`select count(*) as n from bundle_log where direction = 'in' and status = 'applied'`,
        );
        if (received !== 0 && received !== bundleRows)
          problems.push(`${received} of ${bundleRows} rows of the bundle`);
        if ((received === bundleRows) !== (applied === 1))
          problems.push(`rows ${received} but ${applied} applied bundle(s) in the log`);
        return problems;
      },
      async figures(db, dir) {
        return {
          tables: await fingerprint(db, GUARDED_TABLES),
          inbox: readdirSync(join(dir, 'inbox')).filter((f) => f.endsWith('.oise.gz')),
          applied: readdirSync(join(dir, 'inbox', 'applied')).filter((f) => f.endsWith('.oise.gz')).length,
        };
      },
    });
    expect(readdirSync(inbox).filter((f) => f.endsWith('.oise.gz'))).toEqual([]);
  });

  test('oise consolidate: aggregates rebuilt whole or left as they were, raw values untouched', async () => {
    const raw = await withDb(nationalDir, rawSummary);
    const aggregatesBefore = await withDb(nationalDir, (db) => fingerprint(db, ['aggregate_value']));
    let aggregatesAfter: Record<string, string> | undefined;
    await crashAndCompare({
      name: 'consolidate',
      dir: nationalDir,
      args: ['consolidate', '--quarter', '2024Q4'],
      env: { OISE_NOW: NATIONAL_NOW },
      async check(db, dir) {
        aggregatesAfter ??= await withDb(`${dir}-jumeau`, (twin) => fingerprint(twin, ['aggregate_value']));
        const problems: string[] = [];
        if (JSON.stringify(await rawSummary(db)) !== JSON.stringify(raw)) problems.push('raw values changed');
        const now = JSON.stringify(await fingerprint(db, ['aggregate_value']));
        if (now !== JSON.stringify(aggregatesBefore) && now !== JSON.stringify(aggregatesAfter)) {
          problems.push(`aggregates half rebuilt (${now})`);
        }
        return problems;
      },
      figures: async (db) => ({
        aggregates: await fingerprint(db, ['aggregate_value']),
        raw: await rawSummary(db),
      }),
    });
  });

  test('oise report: every file whole or absent, documents all or none, the rerun equals the twin', async () => {
    const documentsBefore = await withDb(nationalDir, (db) => fingerprint(db, ['document']));
    let documentsAfter: Record<string, string> | undefined;
    await crashAndCompare({
      name: 'report',
      dir: nationalDir,
      args: ['report', '--quarter', '2024Q4'],
      env: { OISE_NOW: NATIONAL_NOW },
      async check(db, dir) {
        documentsAfter ??= await withDb(`${dir}-jumeau`, (twin) => fingerprint(twin, ['document']));
        const problems = await unreadableReportFiles(join(dir, 'reports'));
        const now = JSON.stringify(await fingerprint(db, ['document']));
        if (now !== JSON.stringify(documentsBefore) && now !== JSON.stringify(documentsAfter))
          problems.push('documents half registered');
        return problems;
      },
      async figures(db, dir) {
        return {
          documents: await fingerprint(db, ['document']),
          files: await reportContents(join(dir, 'reports')),
        };
      },
    });
  });
});

/** Raw values in brief: any insert, update or delete shows in the count, the total or the change counter. */
async function rawSummary(db: Kysely<Database>) {
  return (
    await sql<{
      n: number;
      total: number;
      seq: number;
    }>`select count(*) as n, total(value) as total, max(local_seq) as seq from data_value`.execute(db)
  ).rows;
}

const visibleFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort()
    : [];

/** Files under their final name that are not whole: a workbook exceljs cannot open, a PNG without its end. */
async function unreadableReportFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of visibleFiles(dir)) {
    const bytes = readFileSync(join(dir, name));
    if (name.endsWith('.xlsx')) {
      try {
        await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer);
      } catch {
        out.push(`${name} is not a whole workbook (${bytes.length} bytes)`);
      }
    } else if (name.endsWith('.png')) {
      if (
        bytes.subarray(1, 4).toString('latin1') !== 'PNG' ||
        bytes.subarray(-8, -4).toString('latin1') !== 'IEND'
      ) {
        out.push(`${name} is not a whole PNG (${bytes.length} bytes)`);
      }
    }
  }
  return out;
}

/** What a reader sees: every cell of every workbook, the size of every picture. */
async function reportContents(dir: string): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of visibleFiles(dir)) {
    const bytes = readFileSync(join(dir, name));
    if (name.endsWith('.xlsx')) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      out[name] = wb.worksheets.map((ws) => {
        const cells: string[] = [ws.name];
        ws.eachRow((row, r) =>
          row.eachCell((cell, c) => cells.push(`${r}:${c}=${JSON.stringify(cell.value)}`)),
        );
        return cells;
      });
    } else if (name.endsWith('.png')) {
      out[name] = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
    } else out[name] = bytes.length;
  }
  return out;
}
