import { LoginThrottle } from '@oise/accounts';
import { journalCount } from '@oise/entry';
import { type Node, openNode } from '@oise/node';
import { createWebApp } from '@oise/web';
import { since } from '../child-step.js';
import { BENCH_NOW, NEW_QUARTER } from '../seed-country.js';
import { prepareCercle } from './entry-steps.js';
import { stepPaths } from './national-steps.js';

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
