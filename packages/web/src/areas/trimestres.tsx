import { statSync } from 'node:fs';
import { roleMay } from '@oise/accounts';
import { DOMAINS } from '@oise/catalog';
import {
  OiseError,
  type Quarter,
  formatQuarter,
  lastQuarters,
  parseQuarter,
  quarterLabel,
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
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { formatBytes } from '../views/format.js';
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
  for (const text of texts.slice(0, 16)) {
    const q = tryParseQuarter(text);
    if (!q)
      return refuse(
        c,
        400,
        'Trimestre inconnu',
        `« ${text} » n'est pas un trimestre : écrivez par exemple ?trimestres=2025Q1,2024Q4.`,
      );
    const code = formatQuarter(q);
    if (!quarters.includes(code)) quarters.push(code);
  }
  return { quarters: quarters.sort().reverse() };
});

const reviewParams = validator('param', (value, c) => {
  const unit = value.unite ?? '';
  const quarter = tryParseQuarter(value.trimestre ?? '');
  if (!/^[A-Z]{2}(\d{2}){1,2}$/.test(unit) || !quarter)
    return refuse(
      c,
      404,
      'Trimestre introuvable',
      `Il n'y a pas de trimestre à revoir à l'adresse ${c.req.path} : choisissez-en un dans le tableau des trimestres.`,
    );
  return { unit, quarter: formatQuarter(quarter) };
});

const reviewQuery = validator('query', (value, c) => {
  const done = value.fait;
  const domain = value.domaine;
  const cercle = value.cercle;
  if (cercle !== undefined && (typeof cercle !== 'string' || !/^[A-Z]{2}\d{4}$/.test(cercle)))
    return refuse(
      c,
      404,
      'Cercle inconnu',
      `« ${String(cercle)} » n'est pas un cercle : choisissez-en un dans le tableau des cercles de la région.`,
    );
  if (
    domain !== undefined &&
    (typeof domain !== 'string' || !(DOMAINS as readonly string[]).includes(domain))
  )
    return refuse(
      c,
      404,
      'Domaine inconnu',
      `« ${String(domain)} » n'est pas un domaine : choisissez-en un dans le menu des domaines de la page.`,
    );
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
  const noChildren = (c: Context<WebEnv>) =>
    refuse(
      c,
      404,
      'Pas de trimestres à suivre ici',
      "Un cercle n'a pas d'unités sous lui : le tableau des trimestres est sur les nœuds de la région et du national. Voyez l'accueil pour le trimestre du cercle.",
    );

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
    if (!review)
      return refuse(
        c,
        404,
        'Trimestre introuvable',
        cercle
          ? `${cercle} n'est pas un cercle de ${unit} au ${quarterLabel(quarter)} : choisissez un cercle dans le tableau des cercles de la région.`
          : `${unit} n'est pas ${level === 'region' ? 'un cercle de cette région' : 'une région du pays'} au ${quarterLabel(quarter)} : choisissez un trimestre dans le tableau des trimestres.`,
      );
    const viewer = c.get('viewer');
    const around = {
      allowed: parentActions(level, review.state.status.status),
      mayValidate: roleMay(viewer.role, 'validate'),
      waiting: waitingBundles(node.paths, unit).map((b) => ({
        ...b,
        size: formatBytes(statSync(b.path).size),
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
      return reviewPage(c, unit, quarter, { error: { form, message: error.describe() } }, 400);
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
    const { text } = c.req.valid('form');
    if (text === '')
      return reviewPage(
        c,
        unit,
        quarter,
        {
          error: {
            form: 'note',
            message: 'La note est vide : écrivez son texte dans « Note du CSR », puis enregistrez.',
          },
        },
        400,
      );
    return refusedAsPage(c, unit, quarter, 'note', async () => {
      const result = await noteAndHandOver(node, unit, quarter, text, options(c));
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
            error: {
              form: 'renvoi',
              message:
                "Le motif est obligatoire : écrivez dans « Motif » ce que le cercle doit corriger, puis cliquez sur « Renvoyer ». Rien n'a été enregistré.",
            },
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
