import type { Context } from 'hono';
import { BarePage } from '../views/bare-page.js';
import { renderHtml } from '../views/render.js';
import type { WebEnv } from '../web-env.js';

/**
 * A refusal before any page is built (foreign address, missing token, no session, no right):
 * a small page in the viewer's language, with the status that says why. The caller gives the
 * title and message in that language (messages/security.ts for the chain's own).
 */
export function refuse(
  c: Context<WebEnv>,
  status: 400 | 401 | 403 | 404 | 413 | 429 | 500,
  title: string,
  message: string,
  headers: Record<string, string> = {},
): Response | Promise<Response> {
  for (const [k, v] of Object.entries(headers)) c.header(k, v);
  return renderHtml(c, <BarePage lang={c.get('lang') ?? 'fr'} title={title} message={message} />, status);
}
