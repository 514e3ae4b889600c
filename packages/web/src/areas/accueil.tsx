import { statSync } from 'node:fs';
import { roleMay } from '@oise/accounts';
import { consolidationLag } from '@oise/consolidate';
import {
  type QuarterDeadlines,
  formatQuarter,
  lastQuarters,
  parseQuarter,
  quarterDeadlines,
  tryParseQuarter,
} from '@oise/core';
import { getCalendar } from '@oise/node';
import { waitingBundles } from '@oise/sync';
import { quarterStatus, readNote, reportingQuarter } from '@oise/workflow';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { AccueilPage, type AccueilView } from '../views/accueil-page.js';
import { formatBytes } from '../views/format.js';
import { frameOf } from '../views/frame-of.js';
import { renderHtml } from '../views/render.js';
import type { AppDeps, WebEnv } from '../web-env.js';
import { CONSOLIDATION_JOB_KEY } from './consolidation.js';

const quarterQuery = validator('query', (value, c) => {
  const text = value.trimestre;
  if (text === undefined || text === '') return { quarter: undefined };
  const parsed = typeof text === 'string' ? tryParseQuarter(text) : undefined;
  if (!parsed) {
    return refuse(
      c,
      400,
      'Trimestre inconnu',
      `« ${String(text)} » n'est pas un trimestre : écrivez par exemple 2025Q1.`,
    );
  }
  return { quarter: formatQuarter(parsed) };
});

/** The node's home page (`/`): its quarter, what is due and when, the decision, the note, the outbox. */
export function accueilRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/', requirePermission('read'), quarterQuery, async (c) => {
    const { quarter } = c.req.valid('query');
    const view = await accueilView(deps, quarter ?? reportingQuarter(deps.clock()));
    if (deps.node.identity.level !== 'cercle')
      view.consolidation = {
        lag: await consolidationLag(deps.node.db, deps.node.identity.code),
        running: deps.jobs.runningFor(CONSOLIDATION_JOB_KEY),
        canConsolidate: roleMay(c.get('viewer').role, 'admin'),
      };
    return renderHtml(
      c,
      <AccueilPage
        frame={await frameOf(c, deps)}
        view={view}
        canDownload={roleMay(c.get('viewer').role, 'packages')}
      />,
    );
  });

  return app;
}

/** What the home page shows, from the packages that own each part. */
async function accueilView(deps: AppDeps, quarter: string): Promise<AccueilView> {
  const { node } = deps;
  const now = deps.clock();
  const deadlines: QuarterDeadlines = quarterDeadlines(parseQuarter(quarter), await getCalendar(node.db));
  const level = node.identity.level;
  return {
    quarter,
    choices: lastQuarters(parseQuarter(reportingQuarter(now)), 8)
      .reverse()
      .map(formatQuarter),
    now,
    deadlines,
    status: level === 'national' ? undefined : await quarterStatus(node.db, node.identity.code, quarter),
    note: level === 'cercle' ? await readNote(node.db, node.identity.code, quarter) : undefined,
    waiting: waitingBundles(node.paths).map((b) => ({ ...b, size: formatBytes(statSync(b.path).size) })),
  };
}
