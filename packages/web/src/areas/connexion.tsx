import { getConnInfo } from '@hono/node-server/conninfo';
import { SESSION_LIFETIME_MS, checkCredentials, closeSession, openSession } from '@oise/accounts';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { validator } from 'hono/validator';
import { SESSION_COOKIE, cookieOptions } from '../security/cookies.js';
import { frameOf } from '../views/frame-of.js';
import { LoginPage } from '../views/login-page.js';
import { renderHtml } from '../views/render.js';
import type { WebDeps, WebEnv } from '../web-env.js';

/** Where to go after signing in: a path of this site only, never another site. */
function safeSuite(suite: unknown): string {
  return typeof suite === 'string' && /^\/(?![/\\])/.test(suite) && !suite.startsWith('/connexion')
    ? suite.slice(0, 500)
    : '/';
}

/** The client's address as the socket gives it (« inconnue » when none): for logs and per-address limits. */
export function remoteAddress(c: Context<WebEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'inconnue';
  } catch {
    return 'inconnue';
  }
}

const loginForm = validator('form', (value) => ({
  login: typeof value.login === 'string' ? value.login.slice(0, 100) : '',
  password: typeof value.password === 'string' ? value.password.slice(0, 1024) : '',
  suite: safeSuite(value.suite),
}));

/** Signing in and out (`/connexion`, `/deconnexion`); on loopback nobody signs in. */
export function connexionRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/connexion', async (c) => {
    if (deps.mode === 'loopback' || c.get('viewer')) return c.redirect(safeSuite(c.req.query('suite')), 302);
    return renderHtml(
      c,
      <LoginPage frame={await frameOf(c, deps)} suite={safeSuite(c.req.query('suite'))} />,
    );
  });

  app.post('/connexion', loginForm, async (c) => {
    const { login, password, suite } = c.req.valid('form');
    if (deps.mode === 'loopback') return c.redirect(suite, 303);
    const attempt = { login, address: remoteAddress(c) };
    const page = async (status: 401 | 429, error: string) =>
      renderHtml(
        c,
        <LoginPage frame={await frameOf(c, deps)} suite={suite} login={login} error={error} />,
        status,
      );
    const wait = deps.throttle.check(attempt, deps.clockMs());
    if (!wait.allowed) {
      const seconds = Math.ceil(wait.retryAfterMs / 1000);
      deps.log(`connexion retardée : « ${login} » depuis ${attempt.address}, encore ${seconds} s`);
      c.header('Retry-After', String(seconds));
      return page(
        429,
        `Trop d'essais manqués : attendez ${seconds} seconde${seconds > 1 ? 's' : ''} avant de réessayer. Le mot de passe n'a pas été vérifié.`,
      );
    }
    const account = await checkCredentials(deps.node.db, login, password);
    if (!account) {
      const next = deps.throttle.recordFailure(attempt, deps.clockMs());
      deps.log(`connexion refusée : « ${login} » depuis ${attempt.address}`);
      if (!next.allowed) c.header('Retry-After', String(Math.ceil(next.retryAfterMs / 1000)));
      return page(
        401,
        next.allowed
          ? 'Identifiant ou mot de passe incorrect.'
          : `Identifiant ou mot de passe incorrect. Trop d'essais manqués : attendez ${Math.ceil(next.retryAfterMs / 1000)} secondes avant de réessayer.`,
      );
    }
    deps.throttle.recordSuccess(attempt);
    const session = await openSession(deps.node.db, account.login, { now: deps.clock() });
    setCookie(
      c,
      SESSION_COOKIE,
      session.token,
      cookieOptions(deps.secureCookies, SESSION_LIFETIME_MS / 1000),
    );
    deps.log(`connexion : « ${account.login} » (${account.role}) depuis ${attempt.address}`);
    return c.redirect(suite, 303);
  });

  app.post('/deconnexion', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await closeSession(deps.node.db, token);
    deleteCookie(c, SESSION_COOKIE, cookieOptions(deps.secureCookies));
    return c.redirect(deps.mode === 'loopback' ? '/' : '/connexion', 303);
  });

  return app;
}
