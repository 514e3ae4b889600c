import { formatQuarterFr } from '@oise/core';
import { getCalendar } from '@oise/node';
import { type ChildUnit, childrenCompleteness, submitReadyQuarters } from '@oise/workflow';
import { backupStep, consolidateStep, exportStep, ingestStep, reportStep, sendStep } from './common-steps.js';
import type { PassContext } from './pass-context.js';
import type { Step } from './pipeline-run.js';

/**
 * Which cercles are in, awaiting the CSR, missing or late, for every quarter whose cercle due
 * date has passed (and any quarter with activity): the workflow's `childrenCompleteness`, counted
 * and listed. Reads only; the detail line is the CSR's list.
 */
const completenessStep: Step<PassContext> = {
  name: 'completeness',
  label: 'Complétude des cercles',
  async run(ctx) {
    const { node } = ctx;
    const summary = await childrenCompleteness(node.db, node.identity, ctx.now, await getCalendar(node.db));
    const names = (units: ChildUnit[]) => units.map((u) => u.name).join(', ');
    const details = summary.quarters.flatMap((q) => [
      ...(q.awaiting.length ? [`${formatQuarterFr(q.period)} : à valider ${names(q.awaiting)}`] : []),
      ...(q.overdue.length
        ? [`${formatQuarterFr(q.period)} : en retard, rien reçu de ${names(q.overdue)}`]
        : []),
    ]);
    return {
      changed: false,
      counts: { 'à valider': summary.awaiting, manquants: summary.overdue, 'reçus en retard': summary.late },
      ...(details.length ? { detail: details.join(' ; ') } : {}),
    };
  },
};

/** The CSR's regional synthesis for every quarter whose figures changed in this pass. */
const regionReportStep = reportStep(
  'Synthèse régionale',
  (ctx) => [...ctx.touched].filter((p) => /Q[1-4]$/.test(p)).sort(),
  { withCercleReports: false },
);

/**
 * The region forwards its quarter to national by the forward rule (@oise/workflow's
 * `forwardReadiness`): once every cercle is validated, or on the region's due date with the
 * cercles validated by then (the others follow when validated).
 */
const forwardStep: Step<PassContext> = {
  name: 'forward',
  label: 'Transmission au national',
  async run(ctx) {
    const { node } = ctx;
    const calendar = await getCalendar(node.db);
    let forwarded = 0;
    const details: string[] = [];
    for (const { readiness, result } of await submitReadyQuarters(node, ctx.quarters, {
      now: ctx.now,
      calendar,
    })) {
      if (!result.submitted) continue;
      forwarded++;
      details.push(
        `${formatQuarterFr(result.period)} (${readiness.children?.in}/${readiness.children?.of} cercles validés)`,
      );
    }
    return { counts: { transmis: forwarded }, ...(details.length ? { detail: details.join(' ; ') } : {}) };
  },
};

/** ingest → completeness → consolidate → synthesis → forward → export (UP validated, DOWN to cercles) → send → backup. */
export const REGION_PIPELINE: Step<PassContext>[] = [
  ingestStep,
  completenessStep,
  consolidateStep,
  regionReportStep,
  forwardStep,
  exportStep,
  sendStep,
  backupStep,
];
