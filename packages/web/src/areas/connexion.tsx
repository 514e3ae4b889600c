import { getConnInfo } from '@hono/node-server/conninfo';
import { SESSION_LIFETIME_MS, checkCredentials, closeSession, openSession } from '@oise/accounts';
import { isPageLanguage } from '@oise/node';
import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { validator } from 'hono/validator';
import { connexionText } from '../messages/connexion.js';
import { text } from '../messages/lang.js';
import { SESSION_COOKIE, cookieOptions } from '../security/cookies.js';
import { rememberLanguage } from '../security/language.js';
import { frameOf } from '../views/frame-of.js';
import { LoginPage } from '../views/login-page.js';
import { renderHtml } from '../views/render.js';
import type { WebDeps, WebEnv } from '../web-env.js';

/** Where to go after signing in: a path of this site only, never another site. */
export function safeSuite(suite: unknown): string {
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
    // The page's « English » / « Français » link: remembered like /langue's, then the page again.
    const to = c.req.query('vers');
    if (isPageLanguage(to)) {
      rememberLanguage(c, deps, to);
      return c.redirect(`/connexion?suite=${encodeURIComponent(safeSuite(c.req.query('suite')))}`, 303);
    }
    return renderHtml(
      c,
      <LoginPage frame={await frameOf(c, deps)} suite={safeSuite(c.req.query('suite'))} />,
    );
  });

  app.post('/connexion', loginForm, async (c) => {
    const { login, password, suite } = c.req.valid('form');
    if (deps.mode === 'loopback') return c.redirect(suite, 303);
    const attempt = { login, address: remoteAddress(c) };
    const t = text(c.get('lang'), connexionText);
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
      return page(429, t.tooMany(seconds));
    }
    const account = await checkCredentials(deps.node.db, login, password);
    if (!account) {
      const next = deps.throttle.recordFailure(attempt, deps.clockMs());
      deps.log(`connexion refusée : « ${login} » depuis ${attempt.address}`);
      if (!next.allowed) c.header('Retry-After', String(Math.ceil(next.retryAfterMs / 1000)));
      return page(401, next.allowed ? t.wrong : t.wrongThenWait(Math.ceil(next.retryAfterMs / 1000)));
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
