import { createHash } from 'node:crypto';
import { boundariesGeoJson, boundaryStamp } from '@oise/catalog';
import { levelOfPcode } from '@oise/core';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { CARTE_LEVELS, carteText } from '../messages/carte.js';
import { text } from '../messages/lang.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import type { AppDeps, WebEnv } from '../web-env.js';

const limitsParams = validator('param', (value, c) => {
  const level = CARTE_LEVELS[value.niveau ?? ''];
  const t = text(c.get('lang'), carteText);
  if (!level) return refuse(c, 404, t.unknownLevelTitle, t.unknownLevel(value.niveau ?? ''));
  return { level };
});

const limitsQuery = validator('query', (value, c) => {
  const parent = typeof value.parent === 'string' ? value.parent.trim().toUpperCase() : '';
  const t = text(c.get('lang'), carteText);
  if (parent && !levelOfPcode(parent)) return refuse(c, 400, t.unknownParentTitle, t.unknownParent(parent));
  return { parent: parent || undefined };
});

/**
 * The maps' boundaries for the browser: `GET /carte/limites/:niveau?parent=ML04`, the stored
 * boundaries of a level (regions, cercles, communes) as GeoJSON, rings wound for d3-geo. The
 * ETag follows the boundaries' last change, so a browser fetches them once and revalidates.
 */
export function carteRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { node } = deps;
  const answered = new Map<string, string>();

  app.get('/limites/:niveau', requirePermission('read'), limitsParams, limitsQuery, async (c) => {
    const { level } = c.req.valid('param');
    const { parent } = c.req.valid('query');
    const stamp = await boundaryStamp(node.db);
    const etag = `"${createHash('sha256')
      .update(`${level}|${parent ?? ''}|${stamp.lastSeq}|${stamp.counts[level]}`)
      .digest('base64url')
      .slice(0, 16)}"`;
    c.header('ETag', etag);
    c.header('Cache-Control', 'private, no-cache');
    if (c.req.header('if-none-match') === etag) return c.body(null, 304);
    // The last answers, by ETag: a new browser (or a bench's fresh context) gets them at once.
    let body = answered.get(etag);
    if (body === undefined) {
      body = await boundariesGeoJson(node.db, level, parent);
      if (answered.size >= 16) answered.clear();
      answered.set(etag, body);
    }
    return c.body(body, 200, { 'Content-Type': 'application/geo+json; charset=utf-8' });
  });

  return app;
}
