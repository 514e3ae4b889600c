import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { importTerritory, readTerritoryFile } from '@oise/catalog';
import { importEntryFiles, writeEntryWorkbook } from '@oise/entry';
import { type Node, enroll, initNode, openNode, writePublicIdentity } from '@oise/node';
import { exportBundles, parseBundle, readRows } from '@oise/sync';
import ExcelJS from 'exceljs';
import { since } from '../child-step.js';
import { writeHistory } from '../history-writer.js';
import { openRaw } from '../raw-sqlite.js';
import { BENCH_NOW, NEW_QUARTER, NEW_QUARTER_INDEX, benchModel, scalePaths } from '../seed-country.js';
import { benchTerritory } from '../territory.js';
import type { ValueModel } from '../value-model.js';
import { gzippedCsvBytes } from './national-steps.js';

/** The cercle whose CCC adviser enters the quarter: Ségou, 28 communes. */
export const ENTRY_CERCLE = 'ML0402';
const REGION = 'ML04';
const ENTRY = { code: ENTRY_CERCLE, level: 'cercle' as const };

/**
 * A cercle node as Awa's PC holds it before entering 2025Q1: the territory, its communes' last
 * two years (so the template shows last quarter and the outlier check has a history), and its
 * region enrolled as parent.
 */
export async function prepareCercle(
  root: string,
  communesCsv: string,
  name: string,
): Promise<{ dir: string; model: ValueModel; communes: string[] }> {
  const base = join(scalePaths(root, 1).dir, 'cercle');
  mkdirSync(base, { recursive: true });
  const dir = join(base, name);
  const regionDir = join(base, `${name}-region`);
  for (const d of [dir, regionDir]) rmSync(d, { recursive: true, force: true });
  const territory = benchTerritory(communesCsv, 1);
  const territoryCsv = scalePaths(root, 1).territoryCsv;
  const node = await initNode({ dir, level: 'cercle', code: ENTRY_CERCLE, parent: REGION, now: BENCH_NOW });
  await importTerritory(node.db, readTerritoryFile(territoryCsv), { owner: 'ML', now: BENCH_NOW });
  const region = await initNode({
    dir: regionDir,
    level: 'region',
    code: REGION,
    parent: 'ML',
    now: BENCH_NOW,
  });
  const link = async (a: Node, b: Node) => {
    const f = join(base, `${name}-${b.identity.code}.json`);
    writePublicIdentity(b, f);
    await enroll(a, f, BENCH_NOW);
  };
  await link(node, region);
  await link(region, node);
  await region.close();
  await node.close();
  const model = benchModel();
  const communes = territory.communes.filter((c) => c.cercle === ENTRY_CERCLE);
  const raw = openRaw(join(dir, 'node.sqlite'));
  writeHistory(raw, {
    model,
    communes,
    quarters: Array.from({ length: 8 }, (_, i) => NEW_QUARTER_INDEX - 8 + i),
    withWorkflow: false,
  });
  // The region has acknowledged those quarters: the next UP bundle carries only what is new.
  raw
    .prepare(
      `insert into sync_peer (peer_code, acked_local_seq, updated_at)
       values (?, (select value from change_counter where id = 1), ?)
       on conflict (peer_code) do update set acked_local_seq = excluded.acked_local_seq`,
    )
    .run(REGION, BENCH_NOW);
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  return { dir, model, communes: communes.map((c) => c.code) };
}

function frenchNumber(v: number): string {
  return String(v).replace('.', ',');
}

/** Template, filled with exceljs as an adviser would, imported with importEntryFiles. */
export async function entryWorkbook(root: string, communesCsv: string) {
  const { dir, model } = await prepareCercle(root, communesCsv, 'classeur');
  const node = await openNode(dir);
  const template = join(dir, `saisie-${NEW_QUARTER}.xlsx`);
  let t0 = performance.now();
  const summary = await writeEntryWorkbook(node.db, {
    node: ENTRY,
    quarter: NEW_QUARTER,
    now: BENCH_NOW,
    out: template,
  });
  const templateSeconds = since(t0);

  t0 = performance.now();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const meta = wb.getWorksheet('_oise');
  const columns: { sheet: string; col: string; cell: number }[] = [];
  const rows: { sheet: string; row: number; commune: string }[] = [];
  const cellIndex = new Map(model.cells.map((c, n) => [`${c.indicator}|${c.category}`, n]));
  meta?.eachRow((r) => {
    const v = (r.values as unknown[]).slice(1).map((x) => (x === null || x === undefined ? '' : String(x)));
    if (v[0] === 'column') {
      const cell = cellIndex.get(`${v[3]}|${v[4] ?? ''}`);
      if (cell !== undefined) columns.push({ sheet: v[1] as string, col: v[2] as string, cell });
    } else if (v[0] === 'row')
      rows.push({ sheet: v[1] as string, row: Number(v[2]), commune: v[3] as string });
  });
  let filled = 0;
  for (const r of rows) {
    const key = model.communeKey(r.commune);
    if (!model.reports(key, NEW_QUARTER_INDEX)) continue;
    const ws = wb.getWorksheet(r.sheet);
    if (!ws) continue;
    for (const c of columns.filter((x) => x.sheet === r.sheet)) {
      ws.getCell(`${c.col}${r.row}`).value = model.value(key, c.cell, NEW_QUARTER_INDEX);
      filled++;
    }
  }
  const filledFile = join(dir, `saisie-${NEW_QUARTER}-remplie.xlsx`);
  await wb.xlsx.writeFile(filledFile);
  const fillSeconds = since(t0);

  t0 = performance.now();
  const result = await importEntryFiles(node.db, { node: ENTRY, files: [filledFile], now: BENCH_NOW });
  const importSeconds = since(t0);
  await node.close();
  if (!result.accepted) throw new Error(`workbook refused: ${JSON.stringify(result.findings.slice(0, 5))}`);
  const stored = result.counts.dataValues.inserted;
  return {
    communes: summary.communes,
    templateSeconds,
    fillSeconds,
    importSeconds,
    filled,
    stored,
    warnings: result.warnings,
    rowsPerSecond: stored / importSeconds,
    workbookBytes: readFileSync(filledFile).length,
  };
}

/** A cercle-quarter CSV as French Excel writes it, imported; then the cercle's UP bundle of it. */
export async function entryCsv(root: string, communesCsv: string) {
  const { dir, model, communes } = await prepareCercle(root, communesCsv, 'csv');
  const lines = ['code_collectivite;code_indicateur;periode;categorie;valeur'];
  for (const code of communes) {
    const key = model.communeKey(code);
    if (!model.reports(key, NEW_QUARTER_INDEX)) continue;
    for (const [n, c] of model.cells.entries()) {
      lines.push(
        `${code};${c.indicator};${NEW_QUARTER};${c.category};${frenchNumber(model.value(key, n, NEW_QUARTER_INDEX))}`,
      );
    }
  }
  const csvFile = join(dir, `valeurs-${NEW_QUARTER}.csv`);
  const csvText = `\uFEFF${lines.join('\r\n')}\r\n`;
  writeFileSync(csvFile, csvText);
  const node = await openNode(dir);
  let t0 = performance.now();
  const result = await importEntryFiles(node.db, { node: ENTRY, files: [csvFile], now: BENCH_NOW });
  const importSeconds = since(t0);
  if (!result.accepted) throw new Error(`CSV refused: ${JSON.stringify(result.findings.slice(0, 5))}`);
  t0 = performance.now();
  const exported = await exportBundles(node, { now: BENCH_NOW, to: REGION });
  const exportSeconds = since(t0);
  await node.close();
  const w = exported.written[0];
  if (!w) throw new Error('no cercle bundle written');
  const bundleRows = readRows(parseBundle(readFileSync(w.file)));
  return {
    lines: lines.length - 1,
    importSeconds,
    stored: result.counts.dataValues.inserted,
    rowsPerSecond: result.counts.dataValues.inserted / importSeconds,
    csvBytes: Buffer.byteLength(csvText),
    csvGzipBytes: gzipSync(csvText).length,
    exportSeconds,
    bundleRows: w.rowCount,
    bundleBytes: w.bytes,
    ...Object.fromEntries(
      Object.entries(gzippedCsvBytes(bundleRows)).map(([k, v]) => [`bundleRows_${k}`, v]),
    ),
  };
}
