import { loadHierarchy } from '@oise/catalog';
import { parseQuarter, quarterDeadlines } from '@oise/core';
import { getCalendar, getSetting, setSetting } from '@oise/node';
import { generateReports, publishedWorkbooks, registerReportDocuments } from '@oise/report';
import { markConsolidated, quarterStatus } from '@oise/workflow';
import { sql } from 'kysely';
import { consolidateStep, exportStep, ingestStep, sendStep } from './common-steps.js';
import { type PassContext, today } from './pass-context.js';
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
      const q = parseQuarter(period);
      const regions = (await loadHierarchy(node.db, q)).childrenOf(node.identity.code);
      const statuses = await Promise.all(regions.map((r) => quarterStatus(node.db, r.code, period)));
      const forwarded = statuses.filter((s) => s.status !== 'open' && s.status !== 'returned').length;
      const due = quarterDeadlines(q, calendar).nationalDue;
      if (forwarded === 0 || (forwarded < regions.length && today(ctx.now) < due)) continue;
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
      details.push(`${period} (${forwarded}/${regions.length} régions)`);
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
    const { node } = ctx;
    let marked = 0;
    for (const period of ctx.quarters) {
      if ((await getSetting(node.db, PUBLISHED_KEY(period))) === undefined) continue;
      const regions = (await loadHierarchy(node.db, parseQuarter(period))).childrenOf(node.identity.code);
      for (const region of regions) {
        const status = await quarterStatus(node.db, region.code, period);
        if (status.status !== 'submitted') continue;
        await markConsolidated(node, region.code, period, { now: ctx.now });
        marked++;
      }
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
