import { type ConsolidationResult, consolidateChanges } from '@oise/consolidate';
import { Hono } from 'hono';
import { validator } from 'hono/validator';
import { yieldToServer } from '../jobs/job-runner.js';
import { type Lang, text } from '../messages/lang.js';
import { rapportsText } from '../messages/rapports.js';
import { requirePermission } from '../security/auth.js';
import type { AppDeps, WebEnv } from '../web-env.js';
import { jobHref } from './travaux.js';

/** The key of the one consolidation the pages run at a time. */
export const CONSOLIDATION_JOB_KEY = 'consolidate';

/** The form carries nothing but its token (checked before the route). */
const emptyForm = validator('form', () => ({}));

/**
 * « Consolider maintenant » (`POST /consolidation`, admin): the incremental consolidation of the
 * daily pass and of `oise consolidate --changes` (`consolidateChanges`), in the background under
 * the node's lock; the browser goes to its progress page, then back to the home page's state.
 */
export function consolidationRoutes(deps: AppDeps): Hono<WebEnv> {
  const app = new Hono<WebEnv>();

  app.post('/', requirePermission('admin'), emptyForm, (c) => {
    const { node } = deps;
    const lang = c.get('lang');
    const { job } = deps.jobs.start({
      key: CONSOLIDATION_JOB_KEY,
      title: text(lang, rapportsText).consolidationJob,
      author: c.get('viewer').author,
      lockNode: true,
      lang: c.get('lang'),
      work: async (report) => {
        const result = await consolidateChanges(node.db, {
          nodeCode: node.identity.code,
          now: deps.clock(),
          onProgress: async (progress) => {
            report(progress);
            await yieldToServer();
          },
        });
        return { result, message: consolidationSentence(result, lang), resultHref: '/#consolidation' };
      },
    });
    return c.redirect(jobHref(job), 303);
  });

  return app;
}

/** What a consolidation did, in one sentence (as `oise consolidate` says it). */
function consolidationSentence(r: ConsolidationResult, lang: Lang): string {
  const t = text(lang, rapportsText);
  if (r.mode === 'none') return t.nothingToConsolidate;
  // A quarter is recomputed with its whole year: say which years.
  const years = [...new Set(r.periods.map((p) => p.slice(0, 4)))];
  const which = years.length
    ? t.quartersOf(years.length > 3 ? t.yearsRange(years[0]!, years.at(-1)!) : years.join(', '))
    : '';
  const counts = { ...r, full: r.mode === 'full', units: r.units.length };
  return t.consolidationDone(counts, which);
}
