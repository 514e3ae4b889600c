import { cpSync, readFileSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LoginThrottle } from '@oise/accounts';
import { loadHierarchy } from '@oise/catalog';
import { consolidateChanges, figureTable } from '@oise/consolidate';
import { journalCount } from '@oise/entry';
import { type Node, openNode } from '@oise/node';
import { INBOX_PATH, startHttpInbox } from '@oise/sync';
import { createWebApp } from '@oise/web';
import { since } from '../child-step.js';
import { BENCH_NOW, NEW_QUARTER, type SeedResult } from '../seed-country.js';
import { prepareCercle } from './entry-steps.js';
import { DASHBOARD, stepPaths } from './national-steps.js';

const PORT = 8800;
export const HOST = { host: `127.0.0.1:${PORT}` };

/** The node's web application in process, on loopback, its clock at the bench's "today". */
export function benchApp(node: Node) {
  return createWebApp({
    node,
    mode: 'loopback',
    clock: () => BENCH_NOW,
    clockMs: () => performance.now(),
    secureCookies: false,
    port: () => PORT,
    throttle: new LoginThrottle(),
    log: () => {},
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The cercle's *Saisie* as the server answers it, on Ségou's node (28 communes, two years of
 * history): the grid page of one domain (Santé, and Éducation, the widest with its F/M/total
 * columns), and one cell saved through `POST /saisie/cellule` (entry's checks, the write, the
 * journal). Server time: the app's `fetch` until the whole body is read, no network between.
 */
export async function saisiePages(root: string, communesCsv: string) {
  const { dir, communes } = await prepareCercle(root, communesCsv, 'saisie');
  const node = await openNode(dir);
  const app = benchApp(node);
  const timePage = async (domain: string) => {
    const t0 = performance.now();
    const res = await app.request(`/saisie/${NEW_QUARTER}/${domain}`, { headers: HOST });
    const html = await res.text();
    if (res.status !== 200) throw new Error(`page ${domain}: ${res.status} ${html.slice(0, 300)}`);
    return { seconds: since(t0), html, cookie: res.headers.get('set-cookie') ?? '' };
  };

  const first = await timePage('sante');
  const inputs = (html: string) => (html.match(/<input id="c-/g) ?? []).length;
  const cells = inputs(first.html);
  const token = /oise_csrf=([\w-]+)/.exec(first.cookie)?.[1];
  if (!token) throw new Error('no CSRF cookie on the entry page');
  const sante: number[] = [];
  const education: number[] = [];
  for (let i = 0; i < 15; i++) {
    sante.push((await timePage('sante')).seconds);
    education.push((await timePage('education')).seconds);
  }
  const educationCells = inputs((await timePage('education')).html);

  const before = await journalCount(node.db);
  const saves: number[] = [];
  const states = new Map<string, number>();
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now();
    const res = await app.request('/saisie/cellule', {
      method: 'POST',
      headers: {
        ...HOST,
        'content-type': 'application/json',
        'x-csrf-token': token,
        cookie: `oise_csrf=${token}`,
      },
      body: JSON.stringify({
        trimestre: NEW_QUARTER,
        commune: communes[i % communes.length],
        indicateur: 'SAN_CONSULT_CURATIVES',
        categorie: '',
        valeur: String(900 + i),
      }),
    });
    const answer = (await res.json()) as { state: string; message: string };
    saves.push(since(t0));
    if (answer.state !== 'saved' && answer.state !== 'warning')
      throw new Error(`cell refused: ${answer.message}`);
    states.set(answer.state, (states.get(answer.state) ?? 0) + 1);
  }
  const journaled = (await journalCount(node.db)) - before;
  await node.close();
  if (journaled !== saves.length) throw new Error(`${journaled} journal rows for ${saves.length} saves`);
  return {
    communes: communes.length,
    santeCells: cells,
    educationCells,
    pageFirstSeconds: first.seconds,
    pageSanteMedianSeconds: median(sante),
    pageEducationMedianSeconds: median(education),
    cellFirstSeconds: saves[0],
    cellMedianSeconds: median(saves),
    cellMaxSeconds: Math.max(...saves),
    cellsSaved: saves.length,
    cellsWithWarning: states.get('warning') ?? 0,
    journaled,
  };
}

/**
 * The pages timed by `web-pages`, besides the entry grid (`web-saisie`), per node level. A board
 * page (/trimestres, /rapports…) joins its level's list once its area exists.
 */
export const TIMED_PAGES = {
  cercle: [
    '/',
    '/saisie',
    '/saisie/import',
    '/listes',
    '/listes/elus',
    '/paquets',
    '/paquets/journal',
    '/rapports',
    '/reglages',
  ],
  national: [
    '/',
    '/trimestres',
    '/trimestres/ML04/2025Q1',
    '/trimestres/ML04/2025Q1?cercle=ML0402',
    '/paquets',
    '/paquets/journal',
    '/rapports',
    '/reglages',
    '/reglages/noeud',
    '/reglages/territoire',
  ],
} as const satisfies Record<string, readonly string[]>;

interface PageTime {
  firstSeconds: number;
  medianSeconds: number;
  bytes: number;
}

/** Each path's server time: the app's `fetch` until the whole body is read, a first and the median of 15. */
export async function timePages(node: Node, paths: readonly string[]): Promise<Record<string, PageTime>> {
  const app = benchApp(node);
  const once = async (path: string) => {
    const t0 = performance.now();
    const res = await app.request(path, { headers: HOST });
    const html = await res.text();
    const seconds = since(t0);
    if (res.status !== 200) throw new Error(`page ${path}: ${res.status} ${html.slice(0, 300)}`);
    return { seconds, bytes: Buffer.byteLength(html) };
  };
  const out: Record<string, PageTime> = {};
  for (const path of paths) {
    const first = await once(path);
    const times: number[] = [];
    for (let i = 0; i < 15; i++) times.push((await once(path)).seconds);
    out[path] = { firstSeconds: first.seconds, medianSeconds: median(times), bytes: first.bytes };
  }
  return out;
}

/**
 * The other pages' server time (Accueil, Paquets, Rapports, Réglages…): at the ten-year national
 * node after the new quarter's ingest, consolidation and report, and (scale 1: a cercle does not
 * grow with the country) at Ségou's cercle node.
 */
export async function otherPages(root: string, communesCsv: string, scale: number) {
  const national = await openNode(stepPaths(root, scale).ingested);
  const pages: Record<string, Record<string, PageTime>> = {
    national: await timePages(national, TIMED_PAGES.national),
  };
  await national.close();
  if (scale === 1) {
    const { dir } = await prepareCercle(root, communesCsv, 'pages');
    const cercle = await openNode(dir);
    pages.cercle = await timePages(cercle, TIMED_PAGES.cercle);
    await cercle.close();
  }
  const medians = Object.values(pages).flatMap((p) => Object.values(p).map((t) => t.medianSeconds));
  return { pages, worstMedianSeconds: Math.max(...medians) };
}

/** The dashboard's URL for the bench's figure: one indicator, chosen quarters, at `unit`. */
function dashboardPath(unit: string, quarters: readonly string[]): string {
  return `/tableau?indicateur=${DASHBOARD.indicator}&unite=${unit}&periodes=choisis&trimestres=${quarters.join(',')}&graphique=barres`;
}

/**
 * The *Tableau de bord* at the ten-year national node: its data request (consolidate's
 * `figureTable`, as `oise query` gives each figure) for one indicator × the country and its
 * regions × 8 quarters, and the drill-down to one region's cercles; then the whole page of each
 * as the server answers it (table, chart data, map values, choosers, saved views).
 */
export async function dashboardPages(root: string, scale: number) {
  const node = await openNode(stepPaths(root, scale).ingested);
  const hierarchy = await loadHierarchy(node.db);
  const regions = ['ML', ...hierarchy.childrenOf('ML').map((u) => u.code)];
  const region = regions[1]!;
  const cercles = [region, ...hierarchy.childrenOf(region).map((u) => u.code)];
  const timeTable = async (units: string[]) => {
    const times: number[] = [];
    let figures = 0;
    let checksum = 0;
    for (let i = 0; i < 11; i++) {
      const t0 = performance.now();
      const table = await figureTable(node.db, {
        indicator: DASHBOARD.indicator,
        units,
        periods: DASHBOARD.quarters,
      });
      times.push(since(t0));
      const cells = table.cells['']!.flat();
      figures = cells.length;
      checksum = Math.round(cells.reduce((n, f) => n + (f.value ?? 0), 0));
    }
    return { firstSeconds: times[0], medianSeconds: median(times.slice(1)), figures, checksum };
  };
  const regionsTable = await timeTable(regions);
  const drillTable = await timeTable(cercles);
  const pages = await timePages(node, [
    dashboardPath('ML', DASHBOARD.quarters),
    dashboardPath(region, DASHBOARD.quarters),
  ]);
  await node.close();
  const [national, drill] = Object.values(pages);
  return {
    regions: regions.length - 1,
    drilledRegion: region,
    cercles: cercles.length - 1,
    regionsTable,
    drillTable,
    pageMedianSeconds: national!.medianSeconds,
    pageBytes: national!.bytes,
    drillPageMedianSeconds: drill!.medianSeconds,
  };
}

/**
 * Fresh on arrival: the national node before the new quarter, its HTTP inbox (`startHttpInbox`
 * with the consolidation `oise serve` and `oise ui` run after a package is applied) and its
 * pages. One region's package of the new quarter is POSTed over HTTP; the time runs until the
 * dashboard page shows that region's new figure.
 */
export async function dashboardFresh(root: string, scale: number) {
  const p = stepPaths(root, scale);
  const seed = JSON.parse(readFileSync(p.seedJson, 'utf8')) as SeedResult;
  const dir = join(p.dir, 'national-fraicheur');
  rmSync(dir, { recursive: true, force: true });
  cpSync(p.consolidated, dir, { recursive: true });
  const node = await openNode(dir);
  const app = benchApp(node);
  const inbox = await startHttpInbox(node, {
    port: 0,
    clock: () => BENCH_NOW,
    afterApplied: (now) => consolidateChanges(node.db, { nodeCode: 'ML', now }),
  });
  const bundle = seed.bundles[0]!;
  const path = dashboardPath(bundle.region, ['2024Q4', NEW_QUARTER]);
  // The row of the region itself (first row), its figure in the new quarter (the last column).
  const shown = async () => {
    const html = await (await app.request(path, { headers: HOST })).text();
    const row = /<tr[^>]*data-unit="([A-Z0-9]+)"[^>]*>([\s\S]*?)<\/tr>/.exec(html);
    if (!row || row[1] !== bundle.region) throw new Error(`dashboard of ${bundle.region}: no row`);
    const cells = [...row[2]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
    return cells[cells.length - 1]!.replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  };
  const before = await shown();
  const t0 = performance.now();
  const res = await fetch(`${inbox.url}${INBOX_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/gzip', 'x-oise-fichier': basename(bundle.file) },
    body: readFileSync(bundle.file),
  });
  const answer = (await res.json()) as { status: string; reason: string };
  const postSeconds = since(t0);
  let after = await shown();
  while (after === before && since(t0) < 60) after = await shown();
  const seconds = since(t0);
  await inbox.close();
  await node.close();
  rmSync(dir, { recursive: true, force: true });
  if (answer.status !== 'applied') throw new Error(`package not applied: ${answer.status} ${answer.reason}`);
  if (after === before) throw new Error(`the dashboard still shows ${before} after 60 s`);
  return { region: bundle.region, rows: bundle.rows, postSeconds, seconds, before, after };
}
