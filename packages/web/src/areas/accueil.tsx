import { statSync } from 'node:fs';
import { roleMay } from '@oise/accounts';
import { categoryLabel, listIndicators, loadHierarchy } from '@oise/catalog';
import { consolidationLag } from '@oise/consolidate';
import {
  type QuarterDeadlines,
  formatQuarter,
  lastQuarters,
  parseQuarter,
  quarterDeadlines,
  quarterLabel,
  tryParseQuarter,
} from '@oise/core';
import { getCalendar, setupState } from '@oise/node';
import { waitingBundles } from '@oise/sync';
import {
  type HandedOver,
  type SubmitResult,
  checkSubmission,
  quarterStatus,
  readNote,
  reportingQuarter,
  submitAndHandOver,
} from '@oise/workflow';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { accueilText } from '../messages/accueil.js';
import { type Lang, text as messages } from '../messages/lang.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { AccueilPage, type AccueilView } from '../views/accueil-page.js';
import { formatBytes } from '../views/format.js';
import { frameOf } from '../views/frame-of.js';
import { renderHtml } from '../views/render.js';
import { SUBMIT_PATH, type SubmissionView } from '../views/submission-panel.js';
import type { AppDeps, WebEnv } from '../web-env.js';
import { CONSOLIDATION_JOB_KEY } from './consolidation.js';
import { jobHref } from './travaux.js';

const quarterQuery = validator('query', (value, c) => {
  const text = value.trimestre;
  // Back from « Transmettre le trimestre »: the step whose outcome the page shows.
  const transmission =
    typeof value.transmission === 'string' && /^[\w-]{8,32}$/.test(value.transmission)
      ? value.transmission
      : undefined;
  if (text === undefined || text === '') return { quarter: undefined, transmission };
  const parsed = typeof text === 'string' ? tryParseQuarter(text) : undefined;
  if (!parsed) {
    const t = messages(c.get('lang'), accueilText);
    return refuse(c, 400, t.unknownQuarterTitle, t.notAQuarter(String(text)));
  }
  return { quarter: formatQuarter(parsed), transmission };
});

/** The form of « Transmettre le trimestre »: the quarter shown on the page. */
const submitForm = validator('form', (value, c) => {
  const parsed = typeof value.trimestre === 'string' ? tryParseQuarter(value.trimestre) : undefined;
  if (!parsed) {
    const t = messages(c.get('lang'), accueilText);
    return refuse(c, 400, t.unknownQuarterTitle, t.noQuarterToSubmit);
  }
  return { quarter: formatQuarter(parsed) };
});

const SUBMIT_KEY = 'submit:';

/** The node's home page (`/`): its quarter, what is due and when, the decision, the note, the outbox. */
export function accueilRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/', requirePermission('read'), quarterQuery, async (c) => {
    const { quarter, transmission } = c.req.valid('query');
    const view = await accueilView(deps, quarter ?? reportingQuarter(deps.clock()), c.get('lang'));
    if (deps.node.identity.level === 'cercle')
      view.submission = await submissionView(deps, view.quarter, {
        canSubmit: roleMay(c.get('viewer').role, 'entry'),
        outcome: transmission
          ? deps.jobs.result<HandedOver<SubmitResult>>(transmission, (k) => k.startsWith(SUBMIT_KEY))
          : undefined,
      });
    view.setupPending = !(await setupState(deps.node)).ready;
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

  // « Transmettre le trimestre »: `submitAndHandOver`, as `oise quarter submit`, under the node's lock.
  app.post(SUBMIT_PATH, requirePermission('entry'), submitForm, (c) => {
    const { quarter } = c.req.valid('form');
    const author = c.get('viewer').author;
    const lang = c.get('lang');
    const t = messages(lang, accueilText);
    let id = '';
    const { job } = deps.jobs.start<HandedOver<SubmitResult>>({
      key: `${SUBMIT_KEY}${quarter}`,
      title: t.submitJob(quarterLabel(quarter, lang)),
      author,
      lockNode: true,
      lang: c.get('lang'),
      work: async () => {
        const result = await submitAndHandOver(deps.node, quarter, {
          now: deps.clock(),
          ...(author ? { author } : {}),
        });
        return {
          result,
          message: result.submitted
            ? t.submitDone(result.number ?? 0)
            : t.submitRefused(result.blocking.length),
          resultHref: `/?trimestre=${quarter}&transmission=${id}`,
        };
      },
    });
    id = job.id;
    return c.redirect(jobHref(job), 303);
  });

  return app;
}

/** « Transmettre le trimestre »: what submitting would meet now (`checkSubmission`), with the names to say it. */
async function submissionView(
  deps: AppDeps,
  quarter: string,
  extra: Pick<SubmissionView, 'canSubmit' | 'outcome'>,
): Promise<SubmissionView> {
  const { node } = deps;
  const check = await checkSubmission(node, quarter, { now: deps.clock() });
  const hierarchy = await loadHierarchy(node.db, parseQuarter(quarter));
  const catalog = new Map((await listIndicators(node.db)).map((d) => [d.code, d]));
  return {
    check,
    names: {
      unit: (code) => hierarchy.get(code)?.name ?? code,
      indicator: (code) => catalog.get(code)?.labelFr ?? code,
      category: (code, category) =>
        category === 'F' || category === 'M' ? categoryLabel(catalog.get(code), category).toLowerCase() : '',
    },
    ...extra,
  };
}

/** What the home page shows, from the packages that own each part. */
async function accueilView(deps: AppDeps, quarter: string, lang: Lang): Promise<AccueilView> {
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
    waiting: waitingBundles(node.paths).map((b) => ({
      ...b,
      size: formatBytes(statSync(b.path).size, lang),
    })),
  };
}
