import { type Permission, findSession, roleMay } from '@oise/accounts';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { text } from '../messages/lang.js';
import { permissionText, roleText } from '../messages/roles.js';
import { securityText } from '../messages/security.js';
import type { Viewer, WebDeps, WebEnv } from '../web-env.js';
import { SESSION_COOKIE } from './cookies.js';
import { refuse } from './refusal.js';

/** On loopback the one user of the PC may do everything; journals name the node itself. */
const LOCAL_VIEWER: Viewer = { login: 'poste local', role: 'admin', signedIn: false, author: undefined };

/** The local user of loopback, before any node exists (the first start): no account to look up. */
export function localViewer(): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    c.set('viewer', LOCAL_VIEWER);
    return next();
  };
}

/**
 * Says who is asking. On loopback: the local user. With accounts: the session of the
 * `oise_session` cookie, or nobody; then a page (GET) is sent to /connexion and any other
 * request gets 401. Paths for which `isPublic` is true (the sign-in page, the style sheet) pass
 * without a session.
 */
export function authentication(
  deps: WebDeps,
  isPublic: (path: string) => boolean,
): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (deps.mode === 'loopback') {
      c.set('viewer', LOCAL_VIEWER);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    const session = token ? await findSession(deps.node.db, token, deps.clock()) : undefined;
    if (session) {
      c.set('viewer', { login: session.login, role: session.role, signedIn: true, author: session.login });
      c.set('csrfToken', session.csrfToken);
      return next();
    }
    if (isPublic(c.req.path)) return next();
    if (c.req.method === 'GET' || c.req.method === 'HEAD') {
      const url = new URL(c.req.url);
      return c.redirect(`/connexion?suite=${encodeURIComponent(url.pathname + url.search)}`, 302);
    }
    const t = text(c.get('lang'), securityText);
    return refuse(c, 401, t.signInTitle, t.sessionMissing);
  };
}

/** The role of the viewer must grant `permission` (403 with a French sentence otherwise). */
export function requirePermission(permission: Permission): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const viewer = c.get('viewer');
    if (viewer && roleMay(viewer.role, permission)) return next();
    const lang = c.get('lang');
    const t = text(lang, securityText);
    if (!viewer) return refuse(c, 401, t.signInTitle, t.signInToOpen);
    return refuse(
      c,
      403,
      t.forbiddenTitle,
      t.forbidden(viewer.role, text(lang, roleText)[viewer.role], text(lang, permissionText)[permission]),
    );
  };
}
