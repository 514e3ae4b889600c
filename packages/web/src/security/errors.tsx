import { OiseError } from '@oise/core';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { WebDeps, WebEnv } from '../web-env.js';
import { refuse } from './refusal.js';

/**
 * Any error a route lets through becomes a French page: a refused input (`OiseError`) says its
 * own message with 400; anything else is 500 without a stack trace (the message goes to the
 * node's log).
 */
export function errorPage(deps: WebDeps): ErrorHandler<WebEnv> {
  return (error, c: Context<WebEnv>) => {
    if (error instanceof OiseError) {
      return refuse(c, 400, 'Demande refusée', `${error.describe()}`);
    }
    // A body that does not parse (malformed JSON or form): the request is wrong, not the server.
    if (error instanceof HTTPException && error.status === 400) {
      return refuse(
        c,
        400,
        'Demande mal formée',
        "Le contenu envoyé n'a pas pu être lu : rien n'a été enregistré. Rechargez la page, puis recommencez.",
      );
    }
    deps.log(`erreur interne : ${c.req.method} ${c.req.path} — ${error.message}`);
    return refuse(
      c,
      500,
      'Erreur du serveur',
      "Une erreur inattendue a empêché de répondre ; rien n'a été enregistré à moitié. Réessayez ; si elle revient, consultez le journal du nœud.",
    );
  };
}

export const notFoundPage: NotFoundHandler<WebEnv> = (c) =>
  refuse(c, 404, 'Page introuvable', `Il n'y a pas de page à l'adresse ${c.req.path}.`);
