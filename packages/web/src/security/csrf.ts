import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { text } from '../messages/lang.js';
import { securityText } from '../messages/security.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { CSRF_COOKIE, cookieOptions } from './cookies.js';
import { refuse } from './refusal.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every state-changing request carries a token its page gave it. With a session, the token is
 * the session's own; without one (loopback, the sign-in form), it is the `oise_csrf` cookie's
 * value, repeated in the form (double submit). The token comes in the `_csrf` field of a form,
 * the `X-CSRF-Token` header, or, for a file upload (read as a stream), the `_csrf` query
 * parameter. A request from another origin (`Origin` or `Sec-Fetch-Site` saying so) is refused too.
 *
 * Runs after authentication, which sets `csrfToken` when a session exists.
 */
export function csrfProtection(deps: Pick<WebDeps, 'secureCookies' | 'log'>): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    let expected = c.get('csrfToken');
    if (!expected) {
      const cookie = getCookie(c, CSRF_COOKIE);
      if (cookie && TOKEN_PATTERN.test(cookie)) expected = cookie;
      else if (SAFE_METHODS.has(c.req.method)) {
        // A new browser: the token goes out with the first page that shows it (never with a
        // style sheet or an error fetched alongside, which would replace the page's token).
        const fresh = randomBytes(32).toString('base64url');
        c.set('csrfToken', fresh);
        await next();
        if (c.res.status === 200 && c.res.headers.get('content-type')?.startsWith('text/html')) {
          setCookie(c, CSRF_COOKIE, fresh, cookieOptions(deps.secureCookies));
        }
        return;
      }
      if (expected) c.set('csrfToken', expected);
    }
    if (SAFE_METHODS.has(c.req.method)) return next();

    const fetchSite = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const host = c.req.header('host');
    // Another port of this PC is the same "site" for a browser, but never the same origin.
    const foreign =
      fetchSite === 'cross-site' ||
      fetchSite === 'same-site' ||
      (origin !== undefined && origin !== 'null' && hostOf(origin) !== host);
    const type = c.req.header('content-type') ?? '';
    let presented = c.req.header('x-csrf-token');
    if (!presented && type.startsWith('multipart/form-data')) presented = c.req.query('_csrf');
    else if (!presented && type.startsWith('application/x-www-form-urlencoded')) {
      const body = await c.req.parseBody();
      presented = typeof body._csrf === 'string' ? body._csrf : undefined;
    }
    if (!foreign && expected && presented && sameToken(presented, expected)) return next();
    deps.log(
      `formulaire refusé : jeton de sécurité ${presented ? 'faux' : 'absent'} (${c.req.method} ${c.req.path})`,
    );
    const t = text(c.get('lang'), securityText);
    return refuse(c, 403, t.badTokenTitle, t.badToken);
  };
}
