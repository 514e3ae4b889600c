/*
 * One benchmark step in its own process: `node --import tsx test/bench/step.ts <step> '<json>'`.
 * Prints its figures as one marked JSON line (with the process's peak memory) on stdout.
 */
import { printStepResult } from './child-step.js';

interface StepArgs {
  root: string;
  scale: number;
  communesCsv: string;
  boundaries: string;
}

// Each step loads only its own modules, so that its peak memory is its own.
const entry = () => import('./steps/entry-steps.js');
const national = () => import('./steps/national-steps.js');
const peers = () => import('./steps/peer-steps.js');
const web = () => import('./steps/web-steps.js');
const browser = () => import('./steps/web-browser-steps.js');

const log = (s: string) => process.stderr.write(`${s}\n`);

const STEPS: Record<string, (a: StepArgs) => Promise<object> | object> = {
  baseline: () => ({}),
  seed: async (a) => (await import('./seed-country.js')).seedCountry(a.root, a.communesCsv, a.scale, log),
  'entry-workbook': async (a) => (await entry()).entryWorkbook(a.root, a.communesCsv),
  'entry-csv': async (a) => (await entry()).entryCsv(a.root, a.communesCsv),
  'web-saisie': async (a) => (await web()).saisiePages(a.root, a.communesCsv),
  'web-browser': async (a) => (await browser()).browserPages(a.root, a.communesCsv),
  'web-map': async (a) => (await browser()).communeMap(a.root, a.communesCsv),
  'web-pages': async (a) => (await web()).otherPages(a.root, a.communesCsv, a.scale),
  'consolidate-full': async (a) => (await national()).consolidateFull(a.root, a.scale),
  'peer-sqlite3': async (a) => (await peers()).sqlite3Peer(a.root, a.scale),
  'peer-duckdb': async (a) => (await peers()).duckdbPeer(a.root, a.scale),
  ingest: async (a) => (await national()).ingest(a.root, a.scale),
  'raw-insert': async (a) => (await national()).rawInsert(a.root, a.scale),
  'consolidate-incremental': async (a) => (await national()).consolidateIncremental(a.root, a.scale),
  dashboard: async (a) => (await national()).dashboard(a.root, a.scale),
  'web-dashboard': async (a) => (await web()).dashboardPages(a.root, a.scale),
  'web-fresh': async (a) => (await web()).dashboardFresh(a.root, a.scale),
  report: async (a) => (await national()).nationalReport(a.root, a.scale, a.boundaries),
  'down-bundle': async (a) => (await national()).downBundle(a.root, a.scale),
  site: async (a) => (await national()).publicSite(a.root, a.scale, a.communesCsv),
};

const [name, json] = process.argv.slice(2);
const step = name ? STEPS[name] : undefined;
if (!name || !step) {
  log(`usage: step.ts <${Object.keys(STEPS).join('|')}> '<json>'`);
  process.exit(2);
}
const figures = await step(JSON.parse(json ?? '{}') as StepArgs);
printStepResult(name, figures as Record<string, unknown>);
