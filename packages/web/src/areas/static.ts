import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { OISE_CSS } from '../assets/oise-css.js';
import type { WebEnv } from '../web-env.js';

/** Path of the one style sheet; public (the sign-in page needs it too). */
export const STYLESHEET_PATH = '/static/oise.css';

const ETAG = `"${createHash('sha256').update(OISE_CSS).digest('base64url').slice(0, 16)}"`;

/** The node's own assets: nothing comes from the internet. */
export function staticRoutes(): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  app.get('/oise.css', (c) => {
    c.header('ETag', ETAG);
    c.header('Cache-Control', 'no-cache');
    if (c.req.header('if-none-match') === ETAG) return c.body(null, 304);
    return c.body(OISE_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });
  return app;
}
