import { resolve } from 'node:path';
import { roleMay } from '@oise/accounts';
import { publicIdentityOf, setupState } from '@oise/node';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { requirePermission } from '../security/auth.js';
import { frameOf } from '../views/frame-of.js';
import { SetupPage } from '../views/mise-en-place-page.js';
import { renderHtml } from '../views/render.js';
import type { WebDeps, WebEnv } from '../web-env.js';

/** *Mise en place*: where the first start leads once the node exists. */
export const SETUP_PATH = '/mise-en-place';

const setupQuery = validator('query', (value) => ({ created: value.cree === '1' }));

/**
 * *Mise en place* (every level): what a new node still needs (`@oise/node` `setupState`): its
 * key to hand over and its fingerprint; at a cercle or region, the parent's starter package
 * (read and confirmed by *Réglages → Voisins et clés*' `/reglages/enroler`, `previewEnrolment`
 * then `enrollNeighbour`, as `oise enroll`); at national, the territory and the regions' keys.
 */
export function setupRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { node } = deps;
  app.get('/', requirePermission('read'), setupQuery, async (c) => {
    const frame = await frameOf(c, deps);
    return renderHtml(
      c,
      <SetupPage
        frame={frame}
        view={{
          dir: resolve(node.paths.root),
          created: c.req.valid('query').created,
          fingerprint: publicIdentityOf(node).fingerprint,
          state: await setupState(node),
          canAdmin: roleMay(c.get('viewer').role, 'admin'),
        }}
      />,
    );
  });
  return app;
}
