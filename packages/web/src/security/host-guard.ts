import type { MiddlewareHandler } from 'hono';
import { text } from '../messages/lang.js';
import { securityText } from '../messages/security.js';
import type { WebDeps, WebEnv } from '../web-env.js';
import { refuse } from './refusal.js';

/** True for an address that only this PC can reach: `localhost`, 127.0.0.0/8, `::1`. */
export function isLoopbackAddress(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/**
 * True when a `Host` header names this PC and the port we listen on. A page of another site
 * whose name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own name: refused.
 */
export function isLoopbackHostHeader(header: string | undefined, port: number, secure: boolean): boolean {
  if (!header) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  if (!match?.[1]) return false;
  const headerPort = match[2] === undefined ? (secure ? 443 : 80) : Number(match[2]);
  return isLoopbackAddress(match[1]) && headerPort === port;
}

/** On loopback, answers only requests whose `Host` is this PC (403 otherwise). */
export function hostGuard(
  deps: Pick<WebDeps, 'mode' | 'port' | 'secureCookies' | 'log'>,
): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    if (deps.mode !== 'loopback') return next();
    const host = c.req.header('host');
    if (isLoopbackHostHeader(host, deps.port(), deps.secureCookies)) return next();
    deps.log(`adresse refusée : Host « ${host ?? ''} » (ces pages ne répondent qu'à ce poste)`);
    return refuse(
      c,
      403,
      text(c.get('lang'), securityText).foreignHostTitle,
      text(c.get('lang'), securityText).foreignHost(deps.port()),
    );
  };
}
