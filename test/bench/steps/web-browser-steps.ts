import { openNode } from '@oise/node';
import { GRID_READY_MARK, listRoutes } from '@oise/web';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../web/chromium.js';
import { spawnUi } from '../../web/ui-process.js';
import { BENCH_NOW, NEW_QUARTER } from '../seed-country.js';
import { ENTRY_CERCLE, prepareCercle } from './entry-steps.js';
import { benchApp, median } from './web-steps.js';

/** The entry grid timed in Chromium: Santé, and Éducation, the widest (F/M/total columns). */
const GRID_DOMAINS = ['sante', 'education'];
const GRID_RUNS = 7;
const VIEWPORT = { width: 1366, height: 768 };

/**
 * A value for each route parameter, so that every page route can be opened; an area whose route
 * has a new parameter adds its example here (a route with a parameter missing is listed as skipped).
 */
const PARAM_EXAMPLES: Record<string, string> = {
  trimestre: NEW_QUARTER,
  domaine: 'sante',
  unite: ENTRY_CERCLE,
};

/** The GET routes of the app with their parameters filled in, and those that could not be. */
async function pageCandidates(dir: string): Promise<{ paths: string[]; skipped: string[] }> {
  const node = await openNode(dir);
  const routes = listRoutes(benchApp(node)).filter(
    (r) => r.method === 'GET' && !r.path.startsWith('/static/'),
  );
  await node.close();
  const paths: string[] = [];
  const skipped: string[] = [];
  for (const { path } of routes) {
    let missing = false;
    const filled = path.replace(/:(\w+)/g, (_, name: string) => {
      const example = PARAM_EXAMPLES[name];
      if (example === undefined) missing = true;
      return example ?? '';
    });
    (missing ? skipped : paths).push(missing ? path : filled);
  }
  return { paths, skipped };
}

/**
 * Navigation to an entry grid ready for typing, in a fresh browser context each run (nothing
 * cached): the time is the page's own `performance` clock, from navigation start (0) to the
 * grid script's mark GRID_READY_MARK, set once every cell is known and the key and change
 * listeners are attached (the form then carries `data-ready`). The first editable cell is then
 * focused to check it takes the focus. A first run warms the server; the median of the others.
 */
async function gridReady(browser: Browser, url: string) {
  const once = async () => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    // In the page (this file has no DOM types: the page's code is given as text).
    const mark = JSON.stringify(GRID_READY_MARK);
    // (A predicate given as text would be eval'd, which the pages' CSP forbids: wait for the attribute.)
    await page.waitForSelector('form[data-saisie-grid][data-ready="true"]', { state: 'attached' });
    const figures = (await page.evaluate(`(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const form = document.querySelector('form[data-saisie-grid][data-ready="true"]');
      const first = form && form.querySelector('input[data-r]:not([readonly])');
      if (first) first.focus();
      return {
        readyMs: performance.getEntriesByName(${mark})[0].startTime,
        responseEndMs: nav ? nav.responseEnd : NaN,
        domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : NaN,
        cells: form ? form.querySelectorAll('input[data-r]').length : 0,
        focused: Boolean(first) && document.activeElement === first,
      };
    })()`)) as {
      readyMs: number;
      responseEndMs: number;
      domContentLoadedMs: number;
      cells: number;
      focused: boolean;
    };
    await context.close();
    if (!figures.focused) throw new Error(`${url}: the first cell of the grid does not take the focus`);
    return figures;
  };
  const first = await once();
  const runs = [];
  for (let i = 0; i < GRID_RUNS; i++) runs.push(await once());
  const ready = runs.map((r) => r.readyMs / 1000);
  return {
    cells: first.cells,
    firstReadySeconds: first.readyMs / 1000,
    readyMedianSeconds: median(ready),
    readyMaxSeconds: Math.max(...ready),
    responseEndMedianSeconds: median(runs.map((r) => r.responseEndMs / 1000)),
    domContentLoadedMedianSeconds: median(runs.map((r) => r.domContentLoadedMs / 1000)),
    runs: runs.length,
  };
}

interface PageWeight {
  /** Every script and style sheet the page loaded, path → body bytes (uncompressed). */
  assets: Record<string, number>;
  jsCssBytes: number;
  htmlBytes: number;
}

/**
 * What a page loads, in a fresh context (nothing cached) until the network is idle: the
 * bodies of every script and style sheet, as the browser decoded them. Paths that answer with
 * something other than a page (a download, JSON, a redirect) are listed apart.
 */
async function pageWeights(browser: Browser, base: string, paths: string[]) {
  const pages: Record<string, PageWeight> = {};
  const notPages: Record<string, string> = {};
  for (const path of paths) {
    const probe = await fetch(base + path, { redirect: 'manual' });
    const type = probe.headers.get('content-type') ?? '';
    await probe.arrayBuffer();
    if (probe.status !== 200 || !type.startsWith('text/html')) {
      notPages[path] = `${probe.status} ${type}`.trim();
      continue;
    }
    const context = await browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    const bodies: Promise<[string, number]>[] = [];
    page.on('response', (response) => {
      const kind = response.request().resourceType();
      if (kind === 'script' || kind === 'stylesheet')
        bodies.push(response.body().then((b) => [new URL(response.url()).pathname, b.length]));
    });
    const main = await page.goto(base + path, { waitUntil: 'networkidle' });
    const htmlBytes = (await main?.body())?.length ?? 0;
    const assets = Object.fromEntries(await Promise.all(bodies));
    await context.close();
    const jsCssBytes = Object.values(assets).reduce((a, b) => a + b, 0);
    pages[path] = { assets, jsCssBytes, htmlBytes };
  }
  return { pages, notPages };
}

/**
 * The cercle's pages in Chromium (Debian's, through playwright-core) on a real `oise ui`
 * process at Ségou's node (28 communes, two years of history), after its start-up pass: the
 * entry grid ready for typing, and the JavaScript and CSS weight of every page the app has.
 */
export async function browserPages(root: string, communesCsv: string) {
  const { dir } = await prepareCercle(root, communesCsv, 'navigateur');
  const candidates = await pageCandidates(dir);
  const ui = await spawnUi(dir, [], BENCH_NOW);
  let browser: Browser | undefined;
  try {
    await ui.waitForOutput(/Passage \(démarrage\)/);
    browser = await launchChromium();
    const grids: Record<string, Awaited<ReturnType<typeof gridReady>>> = {};
    for (const domain of GRID_DOMAINS)
      grids[domain] = await gridReady(browser, `${ui.url}/saisie/${NEW_QUARTER}/${domain}`);
    const weights = await pageWeights(browser, ui.url, candidates.paths);
    const heaviest = Math.max(...Object.values(weights.pages).map((p) => p.jsCssBytes));
    return {
      grids,
      gridReadyWorstMedianSeconds: Math.max(...Object.values(grids).map((g) => g.readyMedianSeconds)),
      pages: weights.pages,
      notPages: weights.notPages,
      skippedRoutes: candidates.skipped,
      heaviestJsCssBytes: heaviest,
    };
  } finally {
    await browser?.close();
    await ui.stop();
  }
}

const MAP_RUNS = 5;

/**
 * The commune map of all of Mali (701 polygons) drawn in Chromium: a national node with the
 * whole territory and `mali-communes.geojson` imported as `oise territory boundaries import`
 * does, a real `oise ui`, and *Complétude et ponctualité* by commune
 * (`/tableau/completude?niveau=communes`) opened in a fresh context each run (nothing cached).
 * The time is the page's own clock from navigation start to the map script's mark
 * `oise:map-drawn:…`, set once every path is in the SVG (the HTML, the scripts, the boundaries'
 * GeoJSON fetched and projected by d3-geo). Median of the runs after a first.
 */
export async function communeMap(root: string, communesCsv: string) {
  const { importBoundaries, readBoundaryFile } = await import('@oise/catalog');
  const { initNode } = await import('@oise/node');
  const { join } = await import('node:path');
  const dir = join(root, 'carte-communes');
  const node = await initNode({ dir, level: 'national', code: 'ML', now: BENCH_NOW });
  const { importTerritory, readTerritoryFile } = await import('@oise/catalog');
  await importTerritory(node.db, readTerritoryFile(communesCsv, 'ML'), { owner: 'ML', now: BENCH_NOW });
  const geojson = join(communesCsv, '..', 'mali-communes.geojson');
  const [imported] = await importBoundaries(node.db, [readBoundaryFile(geojson)], {
    owner: 'ML',
    now: BENCH_NOW,
  });
  await node.close();
  const ui = await spawnUi(dir, [], BENCH_NOW);
  let browser: Browser | undefined;
  try {
    await ui.waitForOutput(/Passage \(démarrage\)/);
    browser = await launchChromium();
    const once = async () => {
      const context = await browser!.newContext({ viewport: VIEWPORT });
      const page = await context.newPage();
      await page.goto(`${ui.url}/tableau/completude?trimestre=${NEW_QUARTER}&niveau=communes`, {
        waitUntil: 'commit',
      });
      await page.waitForSelector('figure.carte[data-carte-dessinee]', { state: 'attached', timeout: 60_000 });
      const figures = (await page.evaluate(`(() => ({
        drawnMs: performance.getEntriesByName('oise:map-drawn:carte-completude')[0].startTime,
        paths: document.querySelectorAll('figure.carte path[data-code]').length,
        htmlMs: performance.getEntriesByType('navigation')[0].responseEnd,
        limitsMs: (performance.getEntriesByType('resource').find((e) => e.name.includes('/carte/limites/')) || {}).responseEnd,
      }))()`)) as { drawnMs: number; paths: number; htmlMs: number; limitsMs: number };
      await context.close();
      return figures;
    };
    const first = await once();
    const runs = [];
    for (let i = 0; i < MAP_RUNS; i++) runs.push(await once());
    const drawn = runs.map((r) => r.drawnMs / 1000);
    if (first.paths !== imported!.kept)
      throw new Error(`carte : ${first.paths} chemins pour ${imported!.kept} communes`);
    return {
      communes: first.paths,
      firstDrawnSeconds: first.drawnMs / 1000,
      drawnMedianSeconds: median(drawn),
      drawnMaxSeconds: Math.max(...drawn),
      /** Where the time goes: the page's HTML received, then the boundaries' GeoJSON. */
      htmlReceivedMedianSeconds: median(runs.map((r) => r.htmlMs / 1000)),
      boundariesReceivedMedianSeconds: median(runs.map((r) => r.limitsMs / 1000)),
      runs: runs.length,
    };
  } finally {
    await browser?.close();
    await ui.stop();
  }
}
