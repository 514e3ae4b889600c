import { isPageLanguage } from '@oise/node';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { text } from '../messages/lang.js';
import { securityText } from '../messages/security.js';
import { requirePermission } from '../security/auth.js';
import { rememberLanguage } from '../security/language.js';
import { refuse } from '../security/refusal.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { safeSuite } from './connexion.js';

/**
 * `/langue?vers=en&suite=/saisie`: the layout's « English » / « Français » link. It changes no
 * data, only this browser's cookie `oise_lang`, so it is a GET (a link, usable without a form and
 * without a token), behind the session like any page; then back to the page (`suite`, a path of
 * this site only).
 */
export function langueRoutes(deps: Pick<WebDeps, 'secureCookies'>): Hono<WebEnv> {
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
    rememberLanguage(c, deps, to);
    return c.redirect(suite, 303);
  });
  return app;
}
