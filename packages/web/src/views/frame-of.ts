import { loadHierarchy } from '@oise/catalog';
import type { Context } from 'hono';
import type { WebDeps, WebEnv } from '../web-env.js';
import type { PageFrame } from './page-frame.js';

/** The frame of a page for this request: the node and its name, the viewer, the form token. */
export async function frameOf(c: Context<WebEnv>, deps: WebDeps): Promise<PageFrame> {
  const { identity } = deps.node;
  const hierarchy = await loadHierarchy(deps.node.db);
  return {
    node: { code: identity.code, level: identity.level, name: hierarchy.get(identity.code)?.name ?? null },
    viewer: c.get('viewer'),
    csrfToken: c.get('csrfToken') ?? '',
    path: c.req.path,
    here: hereOf(c.req.url),
    now: deps.clock(),
    lang: c.get('lang') ?? 'fr',
  };
}

/** The path and query of a request's address. */
function hereOf(url: string): string {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
}
