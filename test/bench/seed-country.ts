import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importTerritory, readIndicatorCatalog, readTerritoryFile } from '@oise/catalog';
import { type Node, enroll, initNode, openNode, writePublicIdentity } from '@oise/node';
import { exportBundles } from '@oise/sync';
import { type HistoryCounts, writeHistory } from './history-writer.js';
import { openRaw } from './raw-sqlite.js';
import { type BenchTerritory, benchTerritory, writeTerritoryCsv } from './territory.js';
import { ValueModel } from './value-model.js';

/** Generation date of the bench: 2025Q1 has ended, its cercles submitted on time. */
export const BENCH_NOW = '2025-04-20T08:00:00.000Z';
/** Quarters of history at national (2015Q1 … 2024Q4), then the quarter that arrives. */
export const HISTORY_QUARTERS = 40;
export const NEW_QUARTER_INDEX = 40;
export const NEW_QUARTER = '2025Q1';
export const BENCH_SEED = 20250420;

/** Where one scale's generated country lives. */
export function scalePaths(root: string, scale: number) {
  const dir = join(root, `scale-${scale}`);
  return {
    dir,
    territoryCsv: join(dir, 'territoire.csv'),
    valuesCsv: join(dir, 'valeurs.csv'),
    nationalBase: join(dir, 'national-base'),
    regions: join(dir, 'regions'),
    seedJson: join(dir, 'seed.json'),
  };
}

export interface SeedResult {
  scale: number;
  communes: number;
  cercles: number;
  regions: number;
  cellsPerCommuneQuarter: number;
  history: HistoryCounts;
  newQuarter: HistoryCounts;
  bundles: { region: string; file: string; rows: number; bytes: number }[];
  seconds: { national: number; regions: number };
}

export function benchModel(): ValueModel {
  return new ValueModel(readIndicatorCatalog(), BENCH_SEED);
}

async function linkNodes(dir: string, parent: Node, child: Node): Promise<void> {
  const p = join(dir, `${parent.identity.code}.json`);
  const c = join(dir, `${child.identity.code}.json`);
  writePublicIdentity(parent, p);
  writePublicIdentity(child, c);
  await enroll(parent, c, BENCH_NOW);
  await enroll(child, p, BENCH_NOW);
}

/**
 * Generates one scale's country: the national node with ten years of every commune's quarters
 * (plus the cercles' submissions and the regions' validations), the same values as CSV for
 * DuckDB, and the nine region nodes holding the new quarter (2025Q1), enrolled both ways with
 * national, each with its UP bundle of that quarter written by @oise/sync.
 */
export async function seedCountry(
  root: string,
  communesCsv: string,
  scale: number,
  log: (s: string) => void,
): Promise<SeedResult> {
  const paths = scalePaths(root, scale);
  mkdirSync(paths.dir, { recursive: true });
  const territory: BenchTerritory = benchTerritory(communesCsv, scale);
  writeTerritoryCsv(territory, paths.territoryCsv);
  const units = readTerritoryFile(paths.territoryCsv);
  const model = benchModel();

  let t = performance.now();
  const national = await initNode({ dir: paths.nationalBase, level: 'national', code: 'ML', now: BENCH_NOW });
  await importTerritory(national.db, units, { owner: 'ML', now: BENCH_NOW });
  const keys = join(paths.dir, 'public-keys');
  mkdirSync(keys, { recursive: true });
  const regions: Node[] = [];
  for (const code of territory.regions) {
    const region = await initNode({
      dir: join(paths.regions, code),
      level: 'region',
      code,
      parent: 'ML',
      now: BENCH_NOW,
    });
    await importTerritory(region.db, units, { owner: 'ML', now: BENCH_NOW });
    await linkNodes(keys, national, region);
    regions.push(region);
  }
  await national.close();
  log(
    `  national : ${territory.communes.length} communes × ${model.cells.length} valeurs × ${HISTORY_QUARTERS} trimestres…`,
  );
  const raw = openRaw(join(paths.nationalBase, 'node.sqlite'));
  const history = writeHistory(raw, {
    model,
    communes: territory.communes,
    quarters: Array.from({ length: HISTORY_QUARTERS }, (_, i) => i),
    csvPath: paths.valuesCsv,
  });
  raw.pragma('wal_checkpoint(TRUNCATE)');
  raw.close();
  const nationalSeconds = (performance.now() - t) / 1000;
  log(`  national : ${history.dataValues} valeurs en ${nationalSeconds.toFixed(1)} s`);

  t = performance.now();
  const newQuarter: HistoryCounts = { dataValues: 0, submissions: 0, decisions: 0 };
  const bundles: SeedResult['bundles'] = [];
  for (const region of regions) {
    const code = region.identity.code;
    await region.close();
    const regionRaw = openRaw(join(paths.regions, code, 'node.sqlite'));
    const counts = writeHistory(regionRaw, {
      model,
      communes: territory.communes.filter((c) => c.region === code),
      quarters: [NEW_QUARTER_INDEX],
    });
    regionRaw.pragma('wal_checkpoint(TRUNCATE)');
    regionRaw.close();
    newQuarter.dataValues += counts.dataValues;
    newQuarter.submissions += counts.submissions;
    newQuarter.decisions += counts.decisions;
    const reopened = await openNode(join(paths.regions, code));
    const exported = await exportBundles(reopened, { now: BENCH_NOW, to: 'ML' });
    await reopened.close();
    for (const w of exported.written)
      bundles.push({ region: code, file: w.file, rows: w.rowCount, bytes: w.bytes });
  }
  const regionSeconds = (performance.now() - t) / 1000;
  log(
    `  régions : ${newQuarter.dataValues} valeurs de ${NEW_QUARTER}, ${bundles.length} paquets en ${regionSeconds.toFixed(1)} s`,
  );
  const result: SeedResult = {
    scale,
    communes: territory.communes.length,
    cercles: territory.cercles.length,
    regions: territory.regions.length,
    cellsPerCommuneQuarter: model.cells.length,
    history,
    newQuarter,
    bundles,
    seconds: { national: nationalSeconds, regions: regionSeconds },
  };
  writeFileSync(paths.seedJson, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}
