import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { gunzipSync } from 'node:zlib';
import { consolidateAll, consolidateChanges, queryFigure, readAggregates } from '@oise/consolidate';
import { openNode } from '@oise/node';
import {
  type BundleRow,
  DEFAULT_LIMITS,
  exportBundles,
  ingestBundles,
  parseBundle,
  readRows,
} from '@oise/sync';
import { since } from '../child-step.js';
import { openRaw } from '../raw-sqlite.js';
import { BENCH_NOW, NEW_QUARTER, type SeedResult, scalePaths } from '../seed-country.js';

/** Later steps' node folders and files for one scale. */
export function stepPaths(root: string, scale: number) {
  const p = scalePaths(root, scale);
  return {
    ...p,
    consolidated: join(p.dir, 'national-consolide'),
    ingested: join(p.dir, 'national-ingest'),
    rawInsert: join(p.dir, 'insertion-brute'),
    reports: join(p.dir, 'rapports'),
  };
}

/** The dashboard's figure: one indicator, all regions, eight quarters. */
export const DASHBOARD = {
  indicator: 'SAN_CONSULT_CURATIVES',
  quarters: ['2023Q1', '2023Q2', '2023Q3', '2023Q4', '2024Q1', '2024Q2', '2024Q3', '2024Q4'],
};

function seedOf(root: string, scale: number): SeedResult {
  return JSON.parse(readFileSync(scalePaths(root, scale).seedJson, 'utf8')) as SeedResult;
}

function copyNode(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
}

/** consolidateAll over ten years, on a copy of the generated national node. */
export async function consolidateFull(root: string, scale: number) {
  const p = stepPaths(root, scale);
  copyNode(p.nationalBase, p.consolidated);
  const node = await openNode(p.consolidated);
  const t0 = performance.now();
  const r = await consolidateAll(node.db, { nodeCode: 'ML', now: BENCH_NOW });
  const seconds = since(t0);
  const values = await node.db
    .selectFrom('data_value')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  await node.close();
  return {
    seconds,
    rawValues: Number(values.n),
    periods: r.periods.length,
    units: r.units.length,
    computed: r.computed,
    inserted: r.inserted,
    valuesPerSecond: Number(values.n) / seconds,
  };
}

/** ingestBundles of the nine regions' UP bundles of the new quarter at the consolidated national node. */
export async function ingest(root: string, scale: number) {
  const p = stepPaths(root, scale);
  const seed = seedOf(root, scale);
  copyNode(p.consolidated, p.ingested);
  const node = await openNode(p.ingested);
  const t0 = performance.now();
  const results = await ingestBundles(node, { now: BENCH_NOW, files: seed.bundles.map((b) => b.file) });
  const seconds = since(t0);
  await node.close();
  const refused = results.filter((r) => r.status !== 'applied');
  if (refused.length > 0)
    throw new Error(`bundles not applied: ${JSON.stringify(refused.map((r) => [r.file, r.code, r.reason]))}`);
  const rows = results.reduce((n, r) => n + r.rows, 0);
  const changed = results.reduce((n, r) => n + r.changed, 0);
  return { seconds, bundles: results.length, rows, changed, rowsPerSecond: rows / seconds };
}

/** The same rows as the bundles, inserted with better-sqlite3 prepared statements into a copy of the same node database. */
export async function rawInsert(root: string, scale: number) {
  const p = stepPaths(root, scale);
  const seed = seedOf(root, scale);
  copyNode(p.consolidated, p.rawInsert);
  const rows: BundleRow[] = [];
  for (const b of seed.bundles) rows.push(...readRows(parseBundle(readFileSync(b.file))));
  const raw = openRaw(join(p.rawInsert, 'node.sqlite'));
  const statements = new Map<string, { run: (...v: unknown[]) => unknown; columns: string[] }>();
  for (const { table, row } of rows) {
    if (statements.has(table)) continue;
    const columns = Object.keys(row);
    const stmt = raw.prepare(
      `insert into "${table}" (${columns.map((c) => `"${c}"`).join(',')}) values (${columns.map(() => '?').join(',')})`,
    );
    statements.set(table, { run: (...v: unknown[]) => stmt.run(...v), columns });
  }
  const t0 = performance.now();
  raw.transaction(() => {
    for (const { table, row } of rows) {
      const s = statements.get(table) as { run: (...v: unknown[]) => unknown; columns: string[] };
      s.run(...s.columns.map((c) => row[c] ?? null));
    }
  })();
  const seconds = since(t0);
  raw.close();
  rmSync(p.rawInsert, { recursive: true, force: true });
  return { seconds, rows: rows.length, rowsPerSecond: rows.length / seconds };
}

/** consolidateChanges after the new quarter was ingested. */
export async function consolidateIncremental(root: string, scale: number) {
  const p = stepPaths(root, scale);
  const node = await openNode(p.ingested);
  const t0 = performance.now();
  const r = await consolidateChanges(node.db, { nodeCode: 'ML', now: BENCH_NOW });
  const seconds = since(t0);
  await node.close();
  return {
    seconds,
    mode: r.mode,
    periods: r.periods.length,
    units: r.units.length,
    computed: r.computed,
    inserted: r.inserted,
    updated: r.updated,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** The dashboard figure from the aggregates (readAggregates), and one `oise query` figure. */
export async function dashboard(root: string, scale: number) {
  const p = stepPaths(root, scale);
  const node = await openNode(p.ingested);
  const times: number[] = [];
  let figures = 0;
  let total = 0;
  for (let i = 0; i < 11; i++) {
    const t0 = performance.now();
    const rows = await readAggregates(node.db, {
      periods: DASHBOARD.quarters,
      indicators: [DASHBOARD.indicator],
      level: 'region',
      categories: [''],
    });
    times.push(since(t0));
    figures = rows.length;
    total = rows.reduce((n, r) => n + (r.value ?? 0), 0);
  }
  const q0 = performance.now();
  const one = await queryFigure(node.db, { indicator: DASHBOARD.indicator, unit: 'ML', period: '2024Q4' });
  const querySeconds = since(q0);
  await node.close();
  return {
    firstSeconds: times[0],
    medianSeconds: median(times.slice(1)),
    figures,
    checksum: Math.round(total),
    querySeconds,
    nationalValue2024Q4: one.value,
  };
}

/** The national report of the new quarter (workbook, charts, map), then its documents registered. */
export async function nationalReport(root: string, scale: number, boundaries: string) {
  const p = stepPaths(root, scale);
  rmSync(p.reports, { recursive: true, force: true });
  const { generateReports, registerReportDocuments } = await import('@oise/report');
  const node = await openNode(p.ingested);
  const t0 = performance.now();
  const r = await generateReports(node.db, {
    level: 'national',
    unitCode: 'ML',
    quarter: NEW_QUARTER,
    now: BENCH_NOW,
    outDir: p.reports,
    boundariesFile: boundaries,
  });
  const seconds = since(t0);
  await registerReportDocuments(node.db, r.files, { period: NEW_QUARTER, owner: 'ML', now: BENCH_NOW });
  await node.close();
  return {
    seconds,
    files: r.files.length,
    workbooks: r.files.filter((f) => f.kind === 'report-workbook').length,
    images: r.files.filter((f) => f.kind !== 'report-workbook').length,
    bytes: r.files.reduce((n, f) => n + f.size, 0),
  };
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = Buffer.isBuffer(v) || v instanceof Uint8Array ? Buffer.from(v).toString('base64') : String(v);
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The same rows as plain CSV (one header and block per table), gzipped: what a bundle is compared with. */
export function gzippedCsvBytes(rows: readonly BundleRow[]): { csvBytes: number; gzipBytes: number } {
  const byTable = new Map<string, Record<string, unknown>[]>();
  for (const { table, row } of rows) {
    const list = byTable.get(table);
    if (list) list.push(row);
    else byTable.set(table, [row]);
  }
  const parts: string[] = [];
  for (const [, list] of byTable) {
    const columns = Object.keys(list[0] ?? {});
    parts.push(columns.join(','));
    for (const r of list) parts.push(columns.map((c) => csvCell(r[c])).join(','));
  }
  const csv = Buffer.from(`${parts.join('\n')}\n`);
  return { csvBytes: csv.length, gzipBytes: gzipSync(csv).length };
}

/**
 * National's DOWN bundles to one region after the new quarter: territory, catalog, every national
 * figure, statuses, documents — split into bundles of at most 50 000 rows (`exportBundles`'s default).
 */
export async function downBundle(root: string, scale: number) {
  const p = stepPaths(root, scale);
  const node = await openNode(p.ingested);
  const t0 = performance.now();
  const r = await exportBundles(node, { now: BENCH_NOW, to: 'ML01' });
  const seconds = since(t0);
  // The export's own peak, before this step parses the bundles back for the CSV comparison.
  const exportPeakRssMb = Math.round(process.resourceUsage().maxRSS / 102.4) / 10;
  await node.close();
  if (r.written.length === 0 || r.written.some((w) => !existsSync(w.file)))
    throw new Error('no down bundle written');
  const rows: BundleRow[] = [];
  let decompressedBytes = 0;
  let largestDecompressedBytes = 0;
  for (const w of r.written) {
    const bytes = readFileSync(w.file);
    const size = gunzipSync(bytes).length;
    decompressedBytes += size;
    largestDecompressedBytes = Math.max(largestDecompressedBytes, size);
    // Parsed back with the limits raised: a bundle over them is still measured (and reported).
    const limits = { ...DEFAULT_LIMITS, maxDecompressedBytes: 2 ** 31, maxCompressedBytes: 2 ** 31 };
    for (const row of readRows(parseBundle(bytes, { limits }))) rows.push(row);
  }
  const sum = (f: (w: (typeof r.written)[number]) => number) => r.written.reduce((n, w) => n + f(w), 0);
  return {
    bundles: r.written.length,
    decompressedBytes,
    largestDecompressedBytes,
    overIngestLimit: largestDecompressedBytes > DEFAULT_LIMITS.maxDecompressedBytes,
    seconds,
    exportPeakRssMb,
    rows: sum((w) => w.rowCount),
    bundleBytes: sum((w) => w.bytes),
    aggregateRows: sum((w) => w.counts.aggregate_value),
    documentRows: sum((w) => w.counts.document),
    ...gzippedCsvBytes(rows),
  };
}

/**
 * The public site of all of Mali (`oise site`'s `buildSite`), on a copy of the national node
 * after the report step: the last 8 quarters recorded as published, the shared boundaries of
 * the regions, cercles and communes stored, then the site built down to every commune.
 */
export async function publicSite(root: string, scale: number, communesCsv: string) {
  const p = stepPaths(root, scale);
  const dir = join(p.dir, 'national-site');
  copyNode(p.ingested, dir);
  const { aggregatesMark, recordPublication } = await import('@oise/report');
  const { importBoundaries, readBoundaryFile } = await import('@oise/catalog');
  const { lastQuarters, parseQuarter, formatQuarter } = await import('@oise/core');
  const { buildSite } = await import('@oise/site');
  const node = await openNode(dir);
  const data = join(communesCsv, '..');
  const files = ['mali-regions.geojson', 'mali-cercles.geojson', 'mali-communes.geojson']
    .map((f) => join(data, f))
    .filter((f) => existsSync(f));
  await importBoundaries(
    node.db,
    files.map((f) => readBoundaryFile(f)),
    { owner: 'ML', now: BENCH_NOW },
  );
  for (const q of lastQuarters(parseQuarter(NEW_QUARTER), 8)) {
    const period = formatQuarter(q);
    await recordPublication(node.db, { period, aggregatesMark: await aggregatesMark(node.db, period) });
  }
  const t0 = performance.now();
  const site = await buildSite(node, { outDir: join(p.dir, 'site'), now: BENCH_NOW });
  const seconds = since(t0);
  await node.close();
  return { seconds, pages: site.pages, files: site.files, bytes: site.bytes, boundaryFiles: files.length };
}
