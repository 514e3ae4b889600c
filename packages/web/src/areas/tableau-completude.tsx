import {
  formatQuarter,
  lastQuarters,
  levelDepth,
  levelOfPcode,
  parseQuarter,
  tryParseQuarter,
} from '@oise/core';
import { getCalendar } from '@oise/node';
import { reportingQuarter, unitsReporting } from '@oise/workflow';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { CARTE_LEVELS, carteText } from '../messages/carte.js';
import { text } from '../messages/lang.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { CompletudePage } from '../views/completude-page.js';
import { frameOf } from '../views/frame-of.js';
import { renderHtml } from '../views/render.js';
import type { AppDeps, WebEnv } from '../web-env.js';

/** Quarters offered in the chooser. */
const CHOICE_QUARTERS = 8;

/**
 * *Complétude et ponctualité* (`/tableau/completude?trimestre=2025Q1&unite=ML04`, every level):
 * who reported and who is late among a unit's children (or, with `niveau=communes`, its units
 * of that level), as a map and a table
 * (workflow's `unitsReporting`), one level down per click. The unit is this node's or one
 * below it; the dashboard (`/tableau`) links here.
 */
export function tableauCompletudeRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { node } = deps;
  const own = node.identity.code;

  const query = validator('query', (value, c) => {
    const T = text(c.get('lang'), carteText);
    const quarterText = typeof value.trimestre === 'string' ? value.trimestre.trim() : '';
    const quarter = quarterText ? tryParseQuarter(quarterText) : parseQuarter(reportingQuarter(deps.clock()));
    if (!quarter) return refuse(c, 400, T.unknownQuarterTitle, T.unknownQuarter(quarterText));
    const unit =
      typeof value.unite === 'string' && value.unite.trim() ? value.unite.trim().toUpperCase() : own;
    if (!levelOfPcode(unit) || !unit.startsWith(own) || levelOfPcode(unit) === 'commune')
      return refuse(c, 404, T.unknownUnitTitle, T.unknownUnit(unit));
    const levelText = typeof value.niveau === 'string' ? value.niveau : '';
    const level = CARTE_LEVELS[levelText];
    if (levelText && (!level || levelDepth(level) <= levelDepth(levelOfPcode(unit)!)))
      return refuse(c, 400, T.unknownLevelTitle, T.unknownLevel(levelText));
    return { quarter: formatQuarter(quarter), unit, level };
  });

  app.get('/', requirePermission('read'), query, async (c) => {
    const { quarter, unit, level } = c.req.valid('query');
    const now = deps.clock();
    const view = await unitsReporting(node.db, unit, quarter, now, await getCalendar(node.db), {
      ...(level ? { level } : {}),
    });
    if (!view || view.units.length === 0) {
      const T = text(c.get('lang'), carteText);
      return refuse(c, 404, T.unknownUnitTitle, T.unknownUnit(unit));
    }
    const latest = parseQuarter(reportingQuarter(now));
    const choices = lastQuarters(latest, CHOICE_QUARTERS).reverse().map(formatQuarter);
    return renderHtml(
      c,
      <CompletudePage frame={await frameOf(c, deps)} view={view} choices={choices} root={own} />,
    );
  });

  return app;
}
