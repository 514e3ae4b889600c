import { OiseError } from '@oise/core';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describeError, text } from '../messages/lang.js';
import { securityText } from '../messages/security.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { refuse } from './refusal.js';

/**
 * Any error a route lets through becomes a page in the viewer's language: a refused input
 * (`OiseError`) says its own message with 400; anything else is 500 without a stack trace (the
 * message goes to the node's log).
 */
export function errorPage(deps: Pick<WebDeps, 'log'>): ErrorHandler<WebEnv> {
  return (error, c: Context<WebEnv>) => {
    const lang = c.get('lang') ?? 'fr';
    const t = text(lang, securityText);
    if (error instanceof OiseError) return refuse(c, 400, t.refusedTitle, describeError(error, lang));
    // A body that does not parse (malformed JSON or form): the request is wrong, not the server.
    if (error instanceof HTTPException && error.status === 400)
      return refuse(c, 400, t.malformedTitle, t.malformed);
    deps.log(`erreur interne : ${c.req.method} ${c.req.path} — ${error.message}`);
    return refuse(c, 500, t.serverErrorTitle, t.serverError);
  };
}

export const notFoundPage: NotFoundHandler<WebEnv> = (c) => {
  const t = text(c.get('lang') ?? 'fr', securityText);
  return refuse(c, 404, t.notFoundTitle, t.notFound(c.req.path));
};
