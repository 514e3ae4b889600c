import { type Context, Hono } from 'hono';
import { validator } from 'hono/validator';
import type { JobRunner, JobView } from '../jobs/job-runner.js';
import { text } from '../messages/lang.js';
import { travauxText } from '../messages/travaux.js';
import { requirePermission } from '../security/auth.js';
import { refuse } from '../security/refusal.js';
import { frameOf } from '../views/frame-of.js';
import { JobPage, jobCountText, jobStepText } from '../views/job-page.js';
import { renderHtml } from '../views/render.js';
import type { WebDeps, WebEnv } from '../web-env.js';

/** Where a long step's progress page lives. */
export const jobHref = (job: Pick<JobView, 'id'>) => `/travaux/${job.id}`;

/** « Opération inconnue » (404): no such step, or the server restarted. */
const unknownJob = (c: Context<WebEnv>) => {
  const t = text(c.get('lang'), travauxText);
  return refuse(c, 404, t.unknownTitle, t.unknown);
};

const idParam = validator('param', (value, c) => {
  const id = value.id ?? '';
  if (!/^[\w-]{8,32}$/.test(id)) return unknownJob(c);
  return { id };
});

/** The progress of the long steps the pages start: a page each, and its state as JSON for the page's script. */
export function travauxRoutes(deps: WebDeps, jobs: JobRunner): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.get('/:id', requirePermission('read'), idParam, async (c) => {
    const job = jobs.get(c.req.valid('param').id);
    if (!job) return unknownJob(c);
    return renderHtml(
      c,
      <JobPage
        frame={await frameOf(c, deps)}
        job={job}
        pageHref={jobHref(job)}
        stateHref={`${jobHref(job)}/etat`}
      />,
    );
  });

  app.get('/:id/etat', requirePermission('read'), idParam, (c) => {
    const job = jobs.get(c.req.valid('param').id);
    const lang = c.get('lang');
    if (!job) return c.json({ error: text(lang, travauxText).unknown }, 404);
    return c.json({
      state: job.state,
      done: job.progress.done,
      total: job.progress.total,
      countText: jobCountText(job, lang),
      step: jobStepText(job, lang),
      resultHref: job.state === 'done' ? (job.resultHref ?? null) : null,
    });
  });

  return app;
}
