import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { text } from '../messages/lang.js';
import { securityText } from '../messages/security.js';
import type { WebEnv } from '../web-env.js';
import { refuse } from './refusal.js';

/** A form of the pages is small: notes, reasons, a few fields. */
export const FORM_MAX_BYTES = 1024 * 1024;

/**
 * Bounds the body of every request except those for which `streamed` is true (file uploads,
 * which bound themselves while they stream to disk).
 */
export function formBodyLimit(streamed: (path: string) => boolean): MiddlewareHandler<WebEnv> {
  const limit = bodyLimit({
    maxSize: FORM_MAX_BYTES,
    onError: (c) =>
      refuse(
        c,
        413,
        text(c.get('lang'), securityText).formTooLongTitle,
        text(c.get('lang'), securityText).formTooLong,
      ),
  });
  return async (c, next) => (streamed(c.req.path) ? next() : limit(c, next));
}
