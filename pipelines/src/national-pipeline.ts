import { formatQuarterFr } from '@oise/core';
import { getCalendar } from '@oise/node';
import { publicationDue, publishReports, readPublication } from '@oise/report';
import { buildSite, nodeSiteDir } from '@oise/site';
import { consolidatePublishedQuarter, forwardReadiness } from '@oise/workflow';
import { backupStep, consolidateStep, exportStep, ingestStep, sendStep } from './common-steps.js';
import type { PassContext } from './pass-context.js';
import type { Step } from './pipeline-run.js';

/**
 * Publishes the national report of a quarter by the forward rule (@oise/workflow's
 * `forwardReadiness`: once every region has forwarded it, or on the national due date with what
 * arrived), and again whenever late figures change the aggregates (`publicationDue`). The
 * publication is @oise/report's `publishReports`, the same as `oise report`: the files become
 * documents, which the DOWN bundles carry to every region and cercle.
 */
const publishStep: Step<PassContext> = {
  name: 'publish',
  label: 'Publication des rapports nationaux',
  async run(ctx, progress) {
    const { node } = ctx;
    const calendar = await getCalendar(node.db);
    let published = 0;
    let changedDocuments = 0;
    const details: string[] = [];
    for (const [index, period] of ctx.quarters.entries()) {
      progress(index, ctx.quarters.length);
      const readiness = await forwardReadiness(node, period, { now: ctx.now, calendar });
      if (!readiness.ready || !(await publicationDue(node.db, period))) continue;
      const result = await publishReports(node, {
        quarter: period,
        now: ctx.now,
        boundaries: ctx.boundaries,
      });
      const docs = result.documents;
      ctx.published.add(period);
      published++;
      changedDocuments += docs ? docs.inserted + docs.updated + docs.removed : 0;
      details.push(
        `${formatQuarterFr(period)} (${readiness.children?.in}/${readiness.children?.of} régions)`,
      );
    }
    progress(ctx.quarters.length, ctx.quarters.length);
    return {
      counts: { rapports: published, 'documents modifiés': changedDocuments },
      ...(details.length ? { detail: details.join(' ; ') } : {}),
    };
  },
};

/** National records each forwarded regional quarter as consolidated once it is published. */
const consolidatedStep: Step<PassContext> = {
  name: 'mark-consolidated',
  label: 'Trimestres régionaux consolidés',
  async run(ctx) {
    let marked = 0;
    for (const period of ctx.quarters) {
      if ((await readPublication(ctx.node.db, period)) === undefined) continue;
      marked += (await consolidatePublishedQuarter(ctx.node, period, { now: ctx.now })).length;
    }
    return { counts: { consolidés: marked } };
  },
};

/**
 * National rebuilds its public site once it published a quarter in this pass (@oise/site's
 * `buildSite`, the same as `oise site`), into its `nodeSiteDir` (`site.dossier`, or the node's `site/`);
 * nothing when nothing was published.
 */
const siteStep: Step<PassContext> = {
  name: 'site',
  label: 'Site public',
  async run(ctx, progress) {
    if (ctx.published.size === 0) return { counts: { pages: 0, fichiers: 0 } };
    const { node } = ctx;
    const site = await buildSite(node, {
      outDir: await nodeSiteDir(node),
      now: ctx.now,
      onProgress: (p) => progress(p.done, p.total),
    });
    return {
      counts: { pages: site.pages, fichiers: site.files },
      detail: `${site.outDir} (dernier trimestre : ${formatQuarterFr(site.latest)})`,
    };
  },
};

/** ingest → consolidate → publish reports → public site → mark consolidated → export DOWN → send where addresses are set → backup. */
export const NATIONAL_PIPELINE: Step<PassContext>[] = [
  ingestStep,
  consolidateStep,
  publishStep,
  siteStep,
  consolidatedStep,
  exportStep,
  sendStep,
  backupStep,
];
