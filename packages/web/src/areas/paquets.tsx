import { createReadStream, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { roleMay } from '@oise/accounts';
import { waitingBundles } from '@oise/sync';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { bundleDropper } from '../uploads/drop-bundles.js';
import { receiveBundleUpload } from '../uploads/receive-bundles.js';
import { formatBytes } from '../views/format.js';
import { frameOf } from '../views/frame-of.js';
import { PaquetsPage, type PaquetsView } from '../views/paquets-page.js';
import { renderHtml } from '../views/render.js';
import type { WebDeps, WebEnv } from '../web-env.js';

/** The path of the drop form, whose body is streamed (no form body limit, its own caps). */
export const DROP_PATH = '/paquets/depot';

const downloadParams = validator('param', (value, c) => {
  const recipient = value.destinataire ?? '';
  const name = value.fichier ?? '';
  if (!/^[A-Z]{2}(\d{2}){0,3}$/.test(recipient) || !/^[\w.-]{1,200}$/.test(name)) {
    return refuse(c, 404, 'Paquet introuvable', "Ce paquet n'est pas (ou plus) dans la boîte d'envoi.");
  }
  return { recipient, name };
});

/** Packages: the outbox to download, the drop into the inbox with each file's verdict. */
export function paquetsRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const drop = bundleDropper(deps);
  const page = async (c: Context<WebEnv>, extra: Partial<PaquetsView> = {}, status: 200 | 400 | 413 = 200) =>
    renderHtml(
      c,
      <PaquetsPage
        frame={await frameOf(c, deps)}
        view={{
          waiting: waitingBundles(deps.node.paths).map((b) => ({
            ...b,
            size: formatBytes(statSync(b.path).size),
          })),
          canHandle: roleMay(c.get('viewer').role, 'packages'),
          ...extra,
        }}
      />,
      status,
    );

  app.get('/', requirePermission('read'), (c) => page(c));

  app.get('/telecharger/:destinataire/:fichier', requirePermission('packages'), downloadParams, (c) => {
    const { recipient, name } = c.req.valid('param');
    const bundle = waitingBundles(deps.node.paths, recipient).find((b) => b.name === name);
    if (!bundle)
      return refuse(c, 404, 'Paquet introuvable', "Ce paquet n'est pas (ou plus) dans la boîte d'envoi.");
    const body = Readable.toWeb(createReadStream(bundle.path)) as unknown as ReadableStream;
    return c.body(body, 200, {
      'Content-Type': 'application/gzip',
      'Content-Length': String(statSync(bundle.path).size),
      'Content-Disposition': `attachment; filename="${bundle.name}"`,
    });
  });

  app.post('/depot', requirePermission('packages'), async (c) => {
    const upload = await receiveBundleUpload(deps.node, c.req.raw);
    if (upload.kind === 'refused') {
      deps.log(`dépôt refusé : ${upload.message}`);
      return page(c, { dropError: upload.message }, upload.status);
    }
    return page(c, { verdicts: await drop(upload.files) });
  });

  return app;
}
