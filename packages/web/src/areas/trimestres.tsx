import { statSync } from 'node:fs';
import { roleMay } from '@oise/accounts';
import { DOMAINS } from '@oise/catalog';
import {
  OiseError,
  type Quarter,
  formatQuarter,
  lastQuarters,
  parseQuarter,
  tryParseQuarter,
} from '@oise/core';
import { reviewQuarter, reviewRegionQuarter } from '@oise/entry';
import { getCalendar } from '@oise/node';
import { waitingBundles } from '@oise/sync';
import {
  acceptAndHandOver,
  childrenBoard,
  noteAndHandOver,
  parentActions,
  reportingQuarter,
  returnAndHandOver,
} from '@oise/workflow';
import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import { describeError, text } from '../messages/lang.js';
import { trimestresText } from '../messages/trimestres.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { formatBytes, formatQuarter as quarterText } from '../views/format.js';
import { frameOf } from '../views/frame-of.js';
import { RegionReviewPage } from '../views/region-review-page.js';
import { renderHtml } from '../views/render.js';
import {
  DONE_KINDS,
  type DoneKind,
  type ReviewForm,
  ReviewPage,
  type ReviewView,
} from '../views/review-page.js';
import { TrimestresPage } from '../views/trimestres-page.js';
import type { WebDeps, WebEnv } from '../web-env.js';

/** Quarters the board shows unless asked: the reporting quarter and the three before it. */
const BOARD_QUARTERS = 4;
/** Quarters offered in the board's chooser. */
const CHOICE_QUARTERS = 8;
/** A note or a reason is a few sentences; the form body limit (1 Mio) bounds the rest. */
const MAX_TEXT_CHARS = 4000;

const boardQuery = validator('query', (_value, c) => {
  const asked = c.req.queries('trimestres') ?? [];
  const texts = asked
    .flatMap((t) => t.split(','))
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const quarters: string[] = [];
  for (const asked of texts.slice(0, 16)) {
    const q = tryParseQuarter(asked);
    if (!q) {
      const t = text(c.get('lang'), trimestresText);
      return refuse(c, 400, t.unknownQuarterTitle, t.notAQuarter(asked));
    }
    const code = formatQuarter(q);
    if (!quarters.includes(code)) quarters.push(code);
  }
  return { quarters: quarters.sort().reverse() };
});

const reviewParams = validator('param', (value, c) => {
  const unit = value.unite ?? '';
  const quarter = tryParseQuarter(value.trimestre ?? '');
  if (!/^[A-Z]{2}(\d{2}){1,2}$/.test(unit) || !quarter) {
    const t = text(c.get('lang'), trimestresText);
    return refuse(c, 404, t.quarterNotFoundTitle, t.noReviewAt(c.req.path));
  }
  return { unit, quarter: formatQuarter(quarter) };
});

const reviewQuery = validator('query', (value, c) => {
  const done = value.fait;
  const domain = value.domaine;
  const cercle = value.cercle;
  const t = text(c.get('lang'), trimestresText);
  if (cercle !== undefined && (typeof cercle !== 'string' || !/^[A-Z]{2}\d{4}$/.test(cercle)))
    return refuse(c, 404, t.unknownCercleTitle, t.notACercle(String(cercle)));
  if (
    domain !== undefined &&
    (typeof domain !== 'string' || !(DOMAINS as readonly string[]).includes(domain))
  )
    return refuse(c, 404, t.unknownDomainTitle, t.notADomain(String(domain)));
  return {
    done:
      typeof done === 'string' && (DONE_KINDS as readonly string[]).includes(done)
        ? (done as DoneKind)
        : undefined,
    domain: domain as string | undefined,
    cercle: cercle as string | undefined,
  };
});

/** A text field of a form, trimmed and bounded (a missing one is empty). */
function formText(value: Record<string, string | File | (string | File)[]>, name: string): string {
  const raw = value[name];
  const text = Array.isArray(raw) ? raw[0] : raw;
  return typeof text === 'string' ? text.slice(0, MAX_TEXT_CHARS).trim() : '';
}

const noteForm = validator('form', (value) => ({ text: formText(value, 'note') }));
const returnForm = validator('form', (value) => ({ reason: formText(value, 'motif') }));

/**
 * *Trimestres* (`/trimestres`, region and national): the children × quarters board, and a
 * child's quarter in review with the CSR's note and the decisions the workflow allows there.
 */
export function trimestresRoutes(deps: WebDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();
  const { node } = deps;
  const level = node.identity.level;
  const options = (c: Context<WebEnv>) => {
    const author = c.get('viewer').author;
    return { now: deps.clock(), ...(author ? { author } : {}) };
  };
  const noChildren = (c: Context<WebEnv>) => {
    const t = text(c.get('lang'), trimestresText);
    return refuse(c, 404, t.noChildrenTitle, t.noChildren);
  };

  app.get('/', requirePermission('read'), boardQuery, async (c) => {
    if (level === 'cercle') return noChildren(c);
    const now = deps.clock();
    const latest = parseQuarter(reportingQuarter(now));
    const asked = c.req.valid('query').quarters;
    const quarters = asked.length > 0 ? asked : recent(latest, BOARD_QUARTERS);
    const board = await childrenBoard(node.db, node.identity, quarters, now, await getCalendar(node.db));
    return renderHtml(
      c,
      <TrimestresPage
        frame={await frameOf(c, deps)}
        board={board}
        choices={[...new Set([...recent(latest, CHOICE_QUARTERS), ...quarters])].sort().reverse()}
      />,
    );
  });

  /** The review page, after a decision or a note with what was done, or with a refusal. */
  const reviewPage = async (
    c: Context<WebEnv>,
    unit: string,
    quarter: string,
    extra: Partial<Pick<ReviewView, 'done' | 'error' | 'domain'>> & { cercle?: string | undefined } = {},
    status: 200 | 400 = 200,
  ) => {
    if (level === 'cercle') return noChildren(c);
    const { cercle, ...shown } = extra;
    const asked = {
      node: node.identity,
      unit,
      quarter,
      now: deps.clock(),
      calendar: await getCalendar(node.db),
    };
    // At national a region's quarter is reviewed by its cercles' aggregates; one cercle's
    // communes on demand (`?cercle=`).
    const region = level === 'national' && cercle === undefined;
    const review = region
      ? await reviewRegionQuarter(node.db, asked)
      : await reviewQuarter(node.db, { ...asked, ...(cercle ? { within: cercle } : {}) });
    const lang = c.get('lang');
    const t = text(lang, trimestresText);
    if (!review)
      return refuse(
        c,
        404,
        t.quarterNotFoundTitle,
        cercle
          ? t.cercleNotOf(cercle, unit, quarterText(quarter, lang))
          : t.notAChild(unit, level === 'region', quarterText(quarter, lang)),
      );
    const viewer = c.get('viewer');
    const around = {
      allowed: parentActions(level, review.state.status.status),
      mayValidate: roleMay(viewer.role, 'validate'),
      waiting: waitingBundles(node.paths, unit).map((b) => ({
        ...b,
        size: formatBytes(statSync(b.path).size, lang),
      })),
      canDownload: roleMay(viewer.role, 'packages'),
      domain: undefined,
      ...shown,
    };
    const frame = await frameOf(c, deps);
    return renderHtml(
      c,
      'cercles' in review ? (
        <RegionReviewPage frame={frame} view={{ ...around, review }} />
      ) : (
        <ReviewPage frame={frame} view={{ ...around, review }} />
      ),
      status,
    );
  };
  /** A step the workflow refuses (already decided, not a child…) shows the page again with its message. */
  const refusedAsPage = async (
    c: Context<WebEnv>,
    unit: string,
    quarter: string,
    form: ReviewForm,
    step: () => Promise<Response>,
  ) => {
    try {
      return await step();
    } catch (error) {
      if (!(error instanceof OiseError)) throw error;
      return reviewPage(
        c,
        unit,
        quarter,
        { error: { form, message: describeError(error, c.get('lang')) } },
        400,
      );
    }
  };
  const after = (c: Context<WebEnv>, unit: string, quarter: string, done: DoneKind) =>
    c.redirect(`/trimestres/${unit}/${quarter}?fait=${done}`, 303);

  app.get('/:unite/:trimestre', requirePermission('read'), reviewParams, reviewQuery, async (c) => {
    const { unit, quarter } = c.req.valid('param');
    const { done, domain, cercle } = c.req.valid('query');
    return reviewPage(c, unit, quarter, { ...(done ? { done } : {}), domain, cercle });
  });

  app.post('/:unite/:trimestre/note', requirePermission('validate'), reviewParams, noteForm, async (c) => {
    const { unit, quarter } = c.req.valid('param');
    const { text: note } = c.req.valid('form');
    if (note === '')
      return reviewPage(
        c,
        unit,
        quarter,
        {
          error: { form: 'note', message: text(c.get('lang'), trimestresText).emptyNote },
        },
        400,
      );
    return refusedAsPage(c, unit, quarter, 'note', async () => {
      const result = await noteAndHandOver(node, unit, quarter, note, options(c));
      return after(c, unit, quarter, result.changed ? 'note' : 'note-inchangee');
    });
  });

  app.post('/:unite/:trimestre/valider', requirePermission('validate'), reviewParams, async (c) => {
    const { unit, quarter } = c.req.valid('param');
    return refusedAsPage(c, unit, quarter, 'decision', async () => {
      await acceptAndHandOver(node, unit, quarter, options(c));
      return after(c, unit, quarter, level === 'national' ? 'consolide' : 'valide');
    });
  });

  app.post(
    '/:unite/:trimestre/renvoyer',
    requirePermission('validate'),
    reviewParams,
    returnForm,
    async (c) => {
      const { unit, quarter } = c.req.valid('param');
      const { reason } = c.req.valid('form');
      if (reason === '')
        return reviewPage(
          c,
          unit,
          quarter,
          {
            error: { form: 'renvoi', message: text(c.get('lang'), trimestresText).reasonRequired },
          },
          400,
        );
      return refusedAsPage(c, unit, quarter, 'renvoi', async () => {
        await returnAndHandOver(node, unit, quarter, reason, options(c));
        return after(c, unit, quarter, 'renvoye');
      });
    },
  );

  return app;
}

/** The `n` quarters up to `latest`, latest first. */
function recent(latest: Quarter, n: number): string[] {
  return lastQuarters(latest, n).reverse().map(formatQuarter);
}
