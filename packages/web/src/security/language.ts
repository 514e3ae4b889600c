import { isPageLanguage, nodePageLanguage } from '@oise/node';
import type { MiddlewareHandler } from 'hono';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Lang } from '../messages/lang.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { LANG_COOKIE, cookieOptions } from './cookies.js';

/** The choice is kept a year, on this browser only. */
const LANG_COOKIE_SECONDS = 365 * 24 * 3600;

/**
 * Which language the page is written in: the person's choice (the `oise_lang` cookie set by the
 * layout's switch), else the process's (`oise ui --lang en`, `OISE_LANG=en`), else the node's
 * `web.langue` setting, else French. Runs first, so that every refusal is in that language too.
 */
export function language(deps: WebDeps): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const chosen = getCookie(c, LANG_COOKIE);
    c.set('lang', isPageLanguage(chosen) ? chosen : (deps.lang ?? (await nodePageLanguage(deps.node.db))));
    return next();
  };
}

/** Sets this browser's `oise_lang` cookie (HttpOnly, SameSite=Strict, a year): the switch's choice. */
export function rememberLanguage(c: Context<WebEnv>, deps: WebDeps, lang: Lang): void {
  setCookie(c, LANG_COOKIE, lang, cookieOptions(deps.secureCookies, LANG_COOKIE_SECONDS));
}
