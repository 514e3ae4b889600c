import type { Hono, MiddlewareHandler } from 'hono';
import type { WebEnv } from '../web-env.js';
import { formBodyLimit } from './body-limit.js';
import { csrfProtection } from './csrf.js';
import { securityHeaders } from './headers.js';
import { hostGuard } from './host-guard.js';
import { language } from './language.js';

/**
 * The security chain every request goes through, in order:
 *
 *   security headers ─▶ the page's language ─▶ loopback Host check ─▶ body limit ─▶ who is asking ─▶ CSRF token
 *
 * `streamed` names the paths whose body is a file that bounds itself; `viewer` says who is
 * asking (`authentication`, or `localViewer` before any node exists).
 */
export function useSecurityChain(
  app: Hono<WebEnv>,
  deps: Parameters<typeof language>[0] & Parameters<typeof hostGuard>[0],
  options: { streamed: (path: string) => boolean; viewer: MiddlewareHandler<WebEnv> },
): void {
  app.use('*', securityHeaders());
  app.use('*', language(deps));
  app.use('*', hostGuard(deps));
  app.use('*', formBodyLimit(options.streamed));
  app.use('*', options.viewer);
  app.use('*', csrfProtection(deps));
}
