/*
 * `pnpm bench`: all of Mali over ten years, side by side with raw SQLite and DuckDB.
 *   node --import tsx test/bench/main.ts [--scales 1,4] [--work DIR] [--out DIR]
 * Every step runs in its own process (peak memory per step); results go to
 * test/bench/results/latest.json and latest.md. See BENCHMARKS.md for how to read them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type StepReport, runStep } from './child-step.js';
import { cliStartup } from './cli-startup.js';
import { type BenchResults, renderMarkdown } from './results.js';
import { stepPaths } from './steps/national-steps.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1,4' },
    work: { type: 'string', default: join(repo, 'bench-results', 'work') },
    out: { type: 'string', default: join(repo, 'test', 'bench', 'results') },
    keep: { type: 'boolean', default: false },
  },
});
const scales = (values.scales ?? '1,4').split(',').map(Number);
const root = values.work as string;
const communesCsv = join(repo, '..', 'shared', 'data', 'mali-communes.csv');
const boundaries = join(repo, '..', 'shared', 'data', 'mali-regions.geojson');
const started = performance.now();
const log = (s: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${s}`);

/** Steps measured at every scale, and those measured at scale 1 only (they do not grow with the country). */
const NATIONAL_STEPS = [
  'consolidate-full',
  'web-fresh',
  'peer-sqlite3',
  'peer-duckdb',
  'ingest',
  'raw-insert',
  'consolidate-incremental',
  'dashboard',
  'web-dashboard',
  'report',
  'web-pages',
  'down-bundle',
];
const SCALE1_ONLY = ['entry-workbook', 'entry-csv', 'web-saisie', 'web-browser', 'web-map'];
/** Measured at scale 1 after the national steps (the site is built from the report step's node). */
const SCALE1_LAST = ['site'];

rmSync(root, { recursive: true, force: true });
mkdirSync(root, { recursive: true });
log('compilation de la ligne de commande (pnpm build)…');
execFileSync(process.execPath, [join(repo, 'packages', 'cli', 'build.mjs')], { stdio: 'inherit' });

const results: BenchResults = {
  date: new Date().toISOString(),
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sqlite3: execFileSync('sqlite3', ['--version'], { encoding: 'utf8' }).split(' ')[0] ?? '',
  },
  scales: {},
};

const baseline = await runStep('baseline', {});
results.baselineRssMb = baseline.peakRssMb;
for (const scale of scales) {
  const steps: Record<string, StepReport> = {};
  const args = { root, scale, communesCsv, boundaries };
  log(`échelle ${scale} : génération…`);
  steps.seed = await runStep('seed', args);
  const names = scale === 1 ? [...SCALE1_ONLY, ...NATIONAL_STEPS, ...SCALE1_LAST] : NATIONAL_STEPS;
  for (const name of names) {
    log(`échelle ${scale} : ${name}…`);
    steps[name] = await runStep(name, args);
    const { step: _s, processSeconds: _p, ...figures } = steps[name] as StepReport;
    log(`  ${JSON.stringify(figures).slice(0, 220)}`);
  }
  if (scale === scales[0]) {
    log(`échelle ${scale} : démarrage de la ligne de commande…`);
    results.cli = cliStartup(stepPaths(root, scale).ingested);
    log(`  ${JSON.stringify(results.cli)}`);
  }
  results.scales[String(scale)] = steps;
  if (!values.keep) rmSync(stepPaths(root, scale).dir, { recursive: true, force: true });
}
results.totalSeconds = (performance.now() - started) / 1000;

mkdirSync(values.out as string, { recursive: true });
writeFileSync(join(values.out as string, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
const markdown = renderMarkdown(results);
writeFileSync(join(values.out as string, 'latest.md'), markdown);
console.log(`\n${markdown}`);
log(`résultats : ${join(values.out as string, 'latest.json')} et latest.md`);
