import { getCalendar, getSetting, setSetting } from '@oise/node';
import { generateReports, publishedWorkbooks, registerReportDocuments } from '@oise/report';
import { consolidatePublishedQuarter, forwardReadiness } from '@oise/workflow';
import { sql } from 'kysely';
import { consolidateStep, exportStep, ingestStep, sendStep } from './common-steps.js';
import type { PassContext } from './pass-context.js';
import type { Step } from './pipeline-run.js';

const PUBLISHED_KEY = (period: string) => `published.${period}`;

/** The highest change mark of the quarter's (and its year's) local aggregates. */
async function aggregatesMark(ctx: PassContext, period: string): Promise<number> {
  const row = await sql<{ seq: number | null }>`
    select max(local_seq) as seq from aggregate_value
    where source = 'local' and period in (${period}, ${period.slice(0, 4)})`.execute(ctx.node.db);
  return Number(row.rows[0]?.seq ?? 0);
}

/**
 * Publishes the national report of a quarter once every region has forwarded it, or on the
 * national due date with what arrived; again whenever late figures change the aggregates.
 * The files become documents, which the DOWN bundles carry to every region and cercle.
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
      if (!readiness.ready) continue;
      const mark = await aggregatesMark(ctx, period);
      if (mark === 0 || Number((await getSetting(node.db, PUBLISHED_KEY(period))) ?? -1) >= mark) continue;
      const result = await generateReports(node.db, {
        level: 'national',
        unitCode: node.identity.code,
        quarter: period,
        now: ctx.now,
        outDir: node.paths.reports,
        boundariesFile: ctx.boundaries,
        calendar,
        previous: await publishedWorkbooks(node.db, period),
      });
      const docs = await registerReportDocuments(node.db, result.files, {
        period,
        owner: node.identity.code,
        now: ctx.now,
      });
      await setSetting(node.db, PUBLISHED_KEY(period), String(mark));
      published++;
      changedDocuments += docs.inserted + docs.updated + docs.removed;
      details.push(`${period} (${readiness.children?.in}/${readiness.children?.of} régions)`);
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
      if ((await getSetting(ctx.node.db, PUBLISHED_KEY(period))) === undefined) continue;
      marked += (await consolidatePublishedQuarter(ctx.node, period, { now: ctx.now })).length;
    }
    return { counts: { consolidés: marked } };
  },
};

/** ingest → consolidate → publish reports → mark consolidated → export DOWN → send where addresses are set. */
export const NATIONAL_PIPELINE: Step<PassContext>[] = [
  ingestStep,
  consolidateStep,
  publishStep,
  consolidatedStep,
  exportStep,
  sendStep,
];
