import { isPageLanguage } from '@oise/node';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { validator } from 'hono/validator';
import { text } from '../messages/lang.js';
import { securityText } from '../messages/security.js';
import { requirePermission } from '../security/auth.js';
import { LANG_COOKIE, cookieOptions } from '../security/cookies.js';
import { refuse } from '../security/refusal.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { safeSuite } from './connexion.js';

/** The choice is kept a year, on this browser only. */
const LANG_COOKIE_SECONDS = 365 * 24 * 3600;

/**
 * `/langue?vers=en&suite=/saisie`: the layout's « English » / « Français » link. It changes no
 * data, only this browser's cookie `oise_lang`, so it is a GET (a link, usable without a form and
 * without a token), behind the session like any page; then back to the page (`suite`, a path of
 * this site only).
 */
export function langueRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const switchQuery = validator('query', (value, c) => {
    const to = value.vers;
    if (!isPageLanguage(to)) {
      const t = text(c.get('lang'), securityText);
      return refuse(c, 400, t.badLanguageTitle, t.badLanguage);
    }
    return { to, suite: safeSuite(value.suite) };
  });

  app.get('/', requirePermission('read'), switchQuery, (c) => {
    const { to, suite } = c.req.valid('query');
    setCookie(c, LANG_COOKIE, to, cookieOptions(deps.secureCookies, LANG_COOKIE_SECONDS));
    return c.redirect(suite, 303);
  });
  return app;
}
