import { isPageLanguage, nodePageLanguage } from '@oise/node';
import type { MiddlewareHandler } from 'hono';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Lang } from '../messages/lang.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { LANG_COOKIE, cookieOptions } from './cookies.js';

/** The choice is kept a year, on this browser only. */
const LANG_COOKIE_SECONDS = 365 * 24 * 3600;

/** How often the node's `web.langue` is read again (in the background), in milliseconds. */
const NODE_LANGUAGE_REFRESH_MS = 60_000;

/**
 * Which language the page is written in: the person's choice (the `oise_lang` cookie set by the
 * layout's switch), else the process's (`oise ui --lang en`, `OISE_LANG=en`), else the node's
 * `web.langue` setting, else French. Runs first, so that every refusal is in that language too.
 *
 * The setting is read by the first request, then again at most once a minute in the background:
 * a request never waits for the database, which a long step (a consolidation) may hold.
 */
export function language(
  deps: Pick<WebDeps, 'lang' | 'clockMs'> & { node?: Pick<WebDeps['node'], 'db'> },
): MiddlewareHandler<WebEnv> {
  let nodeLang: { lang: Lang; readAt: number } | undefined;
  let reading: Promise<void> | undefined;
  const { node } = deps;
  // No node yet (the first start): French unless the process or the browser said otherwise.
  if (!node)
    return async (c, next) => {
      const chosen = getCookie(c, LANG_COOKIE);
      c.set('lang', isPageLanguage(chosen) ? chosen : (deps.lang ?? 'fr'));
      return next();
    };
  const read = () => {
    reading ??= nodePageLanguage(node.db)
      .then((lang) => {
        nodeLang = { lang, readAt: deps.clockMs() };
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  const nodeLanguage = async (): Promise<Lang> => {
    if (!nodeLang) await read();
    else if (deps.clockMs() - nodeLang.readAt > NODE_LANGUAGE_REFRESH_MS) void read().catch(() => {});
    return nodeLang?.lang ?? 'fr';
  };
  return async (c, next) => {
    const chosen = getCookie(c, LANG_COOKIE);
    c.set('lang', isPageLanguage(chosen) ? chosen : (deps.lang ?? (await nodeLanguage())));
    return next();
  };
}

/** Sets this browser's `oise_lang` cookie (HttpOnly, SameSite=Strict, a year): the switch's choice. */
export function rememberLanguage(c: Context<WebEnv>, deps: Pick<WebDeps, 'secureCookies'>, lang: Lang): void {
  setCookie(c, LANG_COOKIE, lang, cookieOptions(deps.secureCookies, LANG_COOKIE_SECONDS));
}
