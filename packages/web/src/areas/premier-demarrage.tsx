import { resolve } from 'node:path';
import { OiseError } from '@oise/core';
import { type Node, initNode } from '@oise/node';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { errorMessage, text } from '../messages/lang.js';
import { premierText } from '../messages/premier.js';
import { localViewer, requirePermission } from '../security/auth.js';
import { useSecurityChain } from '../security/chain.js';
import { errorPage } from '../security/errors.js';
import {
  FIRST_START_PATH,
  type FirstStartField,
  FirstStartPage,
  type FirstStartValues,
  type FirstStartView,
} from '../views/premier-page.js';
import { renderHtml } from '../views/render.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { langueRoutes } from './langue.js';
import { SETUP_PATH } from './mise-en-place.js';
import { staticRoutes } from './static.js';

/** What the first start needs: no node yet, only the folder it goes into. */
export interface FirstStartDeps
  extends Pick<WebDeps, 'clock' | 'clockMs' | 'secureCookies' | 'port' | 'log' | 'lang'> {
  mode: 'loopback';
  /** The folder given to `oise ui --dir`: missing or empty (`folderForNewNode`). */
  dir: string;
  /** Called once the node exists: the server then answers with the node's own pages. */
  created: (node: Node) => void;
}

/** Which field a refusal of `checkNodeIdentity` (as `oise init` gives it) belongs beside. */
const FIELD_OF_CODE: Partial<Record<string, FirstStartField>> = {
  NODE_LEVEL_INVALID: 'niveau',
  NODE_CODE_INVALID: 'code',
  NODE_PARENT_INVALID: 'parent',
};

/** A field as typed: trimmed, and never longer than a code could be. */
const field = (value: unknown): string => (typeof value === 'string' ? value.trim().slice(0, 40) : '');

const identityForm = validator(
  'form',
  (value): FirstStartValues => ({
    niveau: field(value.niveau),
    code: field(value.code),
    parent: field(value.parent),
  }),
);

/**
 * The pages `oise ui` serves on a folder without a node (loopback only): « Premier démarrage
 * d'OISE », whose form creates the node with `initNode` (as `oise init`). The same security
 * chain as the node's pages: headers, language, loopback `Host`, form body limit, CSRF.
 */
export function createFirstStartApp(deps: FirstStartDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  useSecurityChain(app, deps, { streamed: () => false, viewer: localViewer() });
  app.route('/static', staticRoutes());
  app.route('/langue', langueRoutes(deps));

  const dir = resolve(deps.dir);
  let creating = false;
  const page = (c: Context<WebEnv>, extra: Partial<FirstStartView> = {}, status: 200 | 400 = 200) =>
    renderHtml(
      c,
      <FirstStartPage
        view={{
          lang: c.get('lang'),
          csrfToken: c.get('csrfToken') ?? '',
          dir,
          values: { niveau: '', code: '', parent: '' },
          errors: {},
          ...extra,
        }}
      />,
      status,
    );

  app.get('/', requirePermission('admin'), (c) => page(c));

  app.post(FIRST_START_PATH, requirePermission('admin'), identityForm, async (c) => {
    const values = c.req.valid('form');
    const lang = c.get('lang');
    if (creating) return page(c, { values, general: text(lang, premierText).busy }, 400);
    creating = true;
    try {
      const node = await initNode({
        dir: deps.dir,
        level: values.niveau,
        code: values.code,
        parent: values.parent || undefined,
        now: deps.clock(),
      });
      deps.log(`nœud ${node.identity.code} créé au premier démarrage dans ${dir}`);
      deps.created(node);
      return c.redirect(`${SETUP_PATH}?cree=1`, 303);
    } catch (error) {
      if (!(error instanceof OiseError)) throw error;
      const at = FIELD_OF_CODE[error.code];
      const message = errorMessage(error, lang);
      return page(c, at ? { values, errors: { [at]: message } } : { values, general: message }, 400);
    } finally {
      creating = false;
    }
  });

  app.onError(errorPage(deps));
  // Any other page of a node (a bookmark, a link) comes back here until the node exists.
  app.notFound((c) => c.redirect('/', 303));
  return app;
}
