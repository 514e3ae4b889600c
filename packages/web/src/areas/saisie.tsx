import { roleMay } from '@oise/accounts';
import { DOMAINS, type Domain } from '@oise/catalog';
import { formatQuarter, lastQuarters, parseQuarter, tryParseQuarter } from '@oise/core';
import {
  type CellEdit,
  type CellSaveResult,
  type EntryNode,
  readEntryGrid,
  saveCellValue,
  saveCellValues,
} from '@oise/entry';
import { quarterStatus, reportingQuarter } from '@oise/workflow';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { text } from '../messages/lang.js';
import { saisieText } from '../messages/saisie.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { cellOutcome, cellStateLabel } from '../views/cell-state.js';
import { frameOf } from '../views/frame-of.js';
import { renderHtml } from '../views/render.js';
import { SaisiePage, type SaisieView, savedCells } from '../views/saisie-page.js';
import type { WebDeps, WebEnv } from '../web-env.js';

/** The grid's form carries one field per cell of a domain: a few hundred; more is not a grid. */
const MAX_CELLS = 5000;
/** A cell holds a figure, or a short text (the workbook allows 2000 characters). */
const MAX_CELL_CHARS = 2000;

type Choice = { quarter: string | undefined; domain: Domain | undefined };

/** The quarter and domain asked for (`2025Q1` or `2025T1`, `sante`…), or a French refusal. */
function choiceOf(
  c: Context<WebEnv>,
  trimestre: unknown,
  domaine: unknown,
): Choice | Response | Promise<Response> {
  const t = text(c.get('lang'), saisieText);
  let quarter: string | undefined;
  if (trimestre !== undefined && trimestre !== '') {
    const parsed = typeof trimestre === 'string' ? tryParseQuarter(trimestre) : undefined;
    if (!parsed) return refuse(c, 400, t.unknownQuarterTitle, t.notAQuarter(String(trimestre)));
    quarter = formatQuarter(parsed);
  }
  if (domaine === undefined || domaine === '') return { quarter, domain: undefined };
  if (typeof domaine !== 'string' || !(DOMAINS as readonly string[]).includes(domaine))
    return refuse(c, 404, t.unknownDomainTitle, t.notADomain(String(domaine)));
  return { quarter, domain: domaine as Domain };
}

const queryChoice = validator('query', (v, c) => choiceOf(c, v.trimestre, v.domaine));
const pathChoice = validator('param', (v, c) => choiceOf(c, v.trimestre, v.domaine));

/** The grid's form: every `c|commune|indicator|category` field is a cell. */
const gridForm = validator('form', (value, c) => {
  const cells: CellEdit[] = [];
  for (const [name, raw] of Object.entries(value)) {
    if (!name.startsWith('c|')) continue;
    const [, unit = '', indicator = '', category = ''] = name.split('|');
    const typed = Array.isArray(raw) ? raw[0] : raw;
    cells.push({
      unit,
      indicator,
      period: '',
      category,
      raw: typeof typed === 'string' ? typed.slice(0, MAX_CELL_CHARS) : '',
    });
  }
  if (cells.length > MAX_CELLS) {
    const t = text(c.get('lang'), saisieText);
    return refuse(c, 400, t.formTooLongTitle, t.tooManyCells(MAX_CELLS));
  }
  return { cells };
});

/** One cell sent by the page's script: `{ trimestre, commune, indicateur, categorie, valeur }`. */
const cellJson = validator('json', (value, c) => {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const fields = [v.trimestre, v.commune, v.indicateur, v.categorie, v.valeur];
  if (!fields.every((f) => typeof f === 'string') || (v.valeur as string).length > MAX_CELL_CHARS)
    return c.json(
      {
        state: 'refused',
        stateLabel: cellStateLabel('refused', c.get('lang')),
        message: text(c.get('lang'), saisieText).badCell,
      },
      400,
    );
  return {
    unit: v.commune as string,
    indicator: v.indicateur as string,
    period: v.trimestre as string,
    category: v.categorie as string,
    raw: v.valeur as string,
  } satisfies CellEdit;
});

/**
 * *Saisie* (`/saisie`): the cercle's quarter, one domain at a time, as a communes × indicators
 * grid; each cell saved by `@oise/entry`'s `saveCellValues` with the checks of an import.
 */
export function saisieRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const entryNode = (): EntryNode => ({ code: deps.node.identity.code, level: deps.node.identity.level });

  app.get('/', requirePermission('read'), queryChoice, async (c) => page(c, deps, c.req.valid('query')));

  app.post('/cellule', requirePermission('entry'), cellJson, async (c) => {
    const result = await saveCellValue(deps.node.db, {
      node: entryNode(),
      cell: c.req.valid('json'),
      now: deps.clock(),
      author: c.get('viewer').author,
    });
    const outcome = cellOutcome(result, c.get('lang'));
    return c.json({
      state: result.state,
      stateLabel: cellStateLabel(result.state, c.get('lang')),
      message: outcome.text,
      shown: outcome.shown,
    });
  });

  app.get('/:trimestre/:domaine', requirePermission('read'), pathChoice, async (c) =>
    page(c, deps, c.req.valid('param')),
  );

  app.post('/:trimestre/:domaine', requirePermission('entry'), pathChoice, gridForm, async (c) => {
    const choice = c.req.valid('param');
    const quarter = choice.quarter ?? reportingQuarter(deps.clock());
    const cells = c.req.valid('form').cells.map((cell) => ({ ...cell, period: quarter }));
    const { results } = await saveCellValues(deps.node.db, {
      node: entryNode(),
      cells,
      now: deps.clock(),
      author: c.get('viewer').author,
    });
    return page(c, deps, { ...choice, quarter }, results);
  });

  return app;
}

/** The page of a domain's grid; after the grid's form, with what became of each cell. */
async function page(c: Context<WebEnv>, deps: WebDeps, choice: Choice, results?: CellSaveResult[]) {
  const { node } = deps;
  const now = deps.clock();
  const grid = await readEntryGrid(node.db, {
    node: { code: node.identity.code, level: node.identity.level },
    quarter: choice.quarter ?? reportingQuarter(now),
    ...(choice.domain ? { domain: choice.domain } : {}),
    now,
  });
  const { outcomes, summary } = savedCells(grid, results, c.get('lang'));
  const view: SaisieView = {
    grid,
    state: (await quarterStatus(node.db, node.identity.code, grid.quarter)).status,
    choices: lastQuarters(parseQuarter(reportingQuarter(now)), 8)
      .reverse()
      .map(formatQuarter),
    canEnter: roleMay(c.get('viewer').role, 'entry'),
    outcomes,
    summary,
  };
  return renderHtml(c, <SaisiePage frame={await frameOf(c, deps)} view={view} />);
}
