import { Hono } from 'hono';
import { accueilRoutes } from './areas/accueil.js';
import { carteRoutes } from './areas/carte.js';
import { connexionRoutes } from './areas/connexion.js';
import { consolidationRoutes } from './areas/consolidation.js';
import { langueRoutes } from './areas/langue.js';
import { listesRoutes } from './areas/listes.js';
import { SETUP_PATH, setupRoutes } from './areas/mise-en-place.js';
import { DROP_PATH, paquetsRoutes } from './areas/paquets.js';
import { rapportsRoutes } from './areas/rapports.js';
import { REGLAGES_UPLOAD_PATHS, reglagesRoutes } from './areas/reglages.js';
import { saisieImportRoutes } from './areas/saisie-import.js';
import { saisieRoutes } from './areas/saisie.js';
import { STYLESHEET_PATH, staticRoutes } from './areas/static.js';
import { tableauCompletudeRoutes } from './areas/tableau-completude.js';
import { tableauRoutes } from './areas/tableau.js';
import { travauxRoutes } from './areas/travaux.js';
import { trimestresRoutes } from './areas/trimestres.js';
import { JobRunner } from './jobs/job-runner.js';
import { authentication } from './security/auth.js';
import { useSecurityChain } from './security/chain.js';
import { errorPage, notFoundPage } from './security/errors.js';
import { IMPORT_PATH } from './uploads/receive-import.js';
import type { AppDeps, WebDeps, WebEnv } from './web-env.js';

/** Paths answered without a session: the sign-in page and the style sheet. */
export const PUBLIC_PATHS: readonly string[] = ['/connexion', STYLESHEET_PATH];

/**
 * The node's web application. Every request goes through, in order:
 *
 *   security headers ─▶ the page's language ─▶ loopback Host check ─▶ body limit ─▶ who is asking ─▶ CSRF token
 *     ─▶ the area's route: its permission, its validator, its handler
 *
 * Areas are mounted one file each (`app.route('/paquets', …)`).
 */
export function createWebApp(webDeps: WebDeps): Hono<WebEnv> {
  const deps: AppDeps = {
    ...webDeps,
    jobs:
      webDeps.jobs ??
      new JobRunner({ clock: webDeps.clock, lockPath: webDeps.node.paths.lock, log: webDeps.log }),
  };
  const app = new Hono<WebEnv>();
  useSecurityChain(app, deps, {
    streamed: (path) => path === DROP_PATH || path === IMPORT_PATH || REGLAGES_UPLOAD_PATHS.includes(path),
    viewer: authentication(deps, (path) => PUBLIC_PATHS.includes(path)),
  });

  app.route('/static', staticRoutes());
  app.route('/', connexionRoutes(deps));
  app.route('/', accueilRoutes(deps));
  app.route('/saisie', saisieRoutes(deps));
  app.route(IMPORT_PATH, saisieImportRoutes(deps));
  app.route('/listes', listesRoutes(deps));
  app.route('/trimestres', trimestresRoutes(deps));
  app.route('/paquets', paquetsRoutes(deps));
  app.route('/travaux', travauxRoutes(deps, deps.jobs));
  app.route('/reglages', reglagesRoutes(deps));
  app.route('/consolidation', consolidationRoutes(deps));
  app.route('/rapports', rapportsRoutes(deps));
  app.route('/langue', langueRoutes(deps));
  app.route('/tableau', tableauRoutes(deps));
  app.route('/carte', carteRoutes(deps));
  app.route('/tableau/completude', tableauCompletudeRoutes(deps));
  app.route(SETUP_PATH, setupRoutes(deps));
  app.onError(errorPage(deps));
  app.notFound(notFoundPage);
  return app;
}

/** Every route of an app (method and path), for tests that walk them all. */
export function listRoutes(app: Hono<WebEnv>): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.endsWith('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}
