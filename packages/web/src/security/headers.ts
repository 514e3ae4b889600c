import type { MiddlewareHandler } from 'hono';
import type { WebEnv } from '../web-env.js';

/**
 * Headers on every answer: scripts, styles, images and forms only from the node itself; never
 * in a frame of another site; no page kept in a shared cache; nothing said to other sites about
 * where a link came from (but the node's own forms keep their `Origin`).
 */
export function securityHeaders(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    await next();
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
    );
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  };
}
