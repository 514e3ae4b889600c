import { isPageLanguage, nodePageLanguage } from '@oise/node';
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { WebDeps, WebEnv } from '../web-env.js';
import { LANG_COOKIE } from './cookies.js';

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
