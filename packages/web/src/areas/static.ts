import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type Context, Hono } from 'hono';
import { CARTE_JS, CARTE_SCRIPT_PATH, D3_ARRAY_PATH, D3_GEO_PATH } from '../assets/carte-js.js';
import { JOB_PROGRESS_JS, JOB_SCRIPT_PATH } from '../assets/job-progress-js.js';
import { OISE_CSS } from '../assets/oise-css.js';
import { SAISIE_GRID_JS, SAISIE_SCRIPT_PATH } from '../assets/saisie-grid-js.js';
import { TABLEAU_JS, TABLEAU_SCRIPT_PATH } from '../assets/tableau-js.js';
import { CHART_SCRIPT_PATH } from '../views/tableau-page.js';
import type { WebEnv } from '../web-env.js';

/** Path of the one style sheet; public (the sign-in page needs it too). */
export const STYLESHEET_PATH = '/static/oise.css';

const etagOf = (text: string) => `"${createHash('sha256').update(text).digest('base64url').slice(0, 16)}"`;

/** An asset kept in memory, revalidated by its ETag (a new version of OISE changes it). */
function asset(text: string, type: string) {
  const etag = etagOf(text);
  return (c: Context<WebEnv>) => {
    c.header('ETag', etag);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    return c.body(text, 200, { 'Content-Type': type });
  };
}

/** chart.js's own UMD file, from the installed package (read once, when the pages are first served). */
let chartJs: string | undefined;
const chartJsText = () => {
  chartJs ??= readFileSync(
    join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js'),
    'utf8',
  );
  return chartJs;
};
/** The UMD build of a d3 package installed with @oise/web (`d3-geo` → its `dist/d3-geo.min.js`). */
function d3Dist(name: string): string {
  const entry = createRequire(import.meta.url).resolve(name);
  return readFileSync(join(dirname(entry), `${name}.min.js`), 'utf8');
}

/** The node's own assets: nothing comes from the internet. */
export function staticRoutes(): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/oise.css', asset(OISE_CSS, 'text/css; charset=utf-8'));
  app.get(SAISIE_SCRIPT_PATH.replace('/static', ''), asset(SAISIE_GRID_JS, 'text/javascript; charset=utf-8'));
  app.get(JOB_SCRIPT_PATH.replace('/static', ''), asset(JOB_PROGRESS_JS, 'text/javascript; charset=utf-8'));
  app.get(TABLEAU_SCRIPT_PATH.replace('/static', ''), asset(TABLEAU_JS, 'text/javascript; charset=utf-8'));
  let chart: ReturnType<typeof asset> | undefined;
  app.get(CHART_SCRIPT_PATH.replace('/static', ''), (c) => {
    chart ??= asset(chartJsText(), 'text/javascript; charset=utf-8');
    return chart(c);
  });
  // The maps: d3-geo (and d3-array, which its UMD build needs) from node_modules, and our script.
  app.get(D3_ARRAY_PATH.replace('/static', ''), asset(d3Dist('d3-array'), 'text/javascript; charset=utf-8'));
  app.get(D3_GEO_PATH.replace('/static', ''), asset(d3Dist('d3-geo'), 'text/javascript; charset=utf-8'));
  app.get(CARTE_SCRIPT_PATH.replace('/static', ''), asset(CARTE_JS, 'text/javascript; charset=utf-8'));
  return app;
}
