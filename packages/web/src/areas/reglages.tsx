import { Hono } from 'hono';
import type { WebDeps, WebEnv } from '../web-env.js';
import { comptesRoutes } from './reglages-comptes.js';
import { noeudRoutes } from './reglages-noeud.js';
import { TERRITORY_UPLOAD_PATHS, territoireRoutes } from './reglages-territoire.js';
import { ENROL_PATH, voisinsRoutes } from './reglages-voisins.js';

/** The forms of Réglages whose body is a file, streamed with its own cap (no form body limit). */
export const REGLAGES_UPLOAD_PATHS: readonly string[] = [ENROL_PATH, ...TERRITORY_UPLOAD_PATHS];

/**
 * *Réglages* (`/reglages`), at every level: the node's key and its neighbours, the node's
 * settings, the accounts (admin), and at national the territory and the map's boundaries.
 * Reading is 'read' (the accounts 'admin'); every change is 'admin'.
 */
export function reglagesRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.route('/', voisinsRoutes(deps));
  app.route('/noeud', noeudRoutes(deps));
  app.route('/comptes', comptesRoutes(deps));
  app.route('/territoire', territoireRoutes(deps));
  return app;
}
