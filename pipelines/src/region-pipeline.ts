import { loadHierarchy } from '@oise/catalog';
import { addQuarters, formatQuarter, parseQuarter, quarterDeadlines, quarterOf } from '@oise/core';
import { getCalendar } from '@oise/node';
import { publishReports } from '@oise/report';
import { forwardReadiness, quarterStatus, submitQuarter } from '@oise/workflow';
import { consolidateStep, exportStep, ingestStep, sendStep } from './common-steps.js';
import { type PassContext, today } from './pass-context.js';
import type { Step } from './pipeline-run.js';

/**
 * Which cercles are in, awaiting the CSR, missing or late, for every quarter whose cercle due
 * date has passed (and any quarter with activity). Reads only; the detail line is the CSR's list.
 */
const completenessStep: Step<PassContext> = {
  name: 'completeness',
  label: 'Complétude des cercles',
  async run(ctx) {
    const { node } = ctx;
    const calendar = await getCalendar(node.db);
    const last = formatQuarter(addQuarters(quarterOf(ctx.now), -1));
    const quarters = [...new Set([...ctx.quarters, last])].sort();
    let awaiting = 0;
    let missing = 0;
    let late = 0;
    const details: string[] = [];
    for (const period of quarters) {
      const q = parseQuarter(period);
      const due = quarterDeadlines(q, calendar).cercleDue;
      const cercles = (await loadHierarchy(node.db, q)).childrenOf(node.identity.code);
      if (cercles.length === 0) continue;
      const waiting: string[] = [];
      const absent: string[] = [];
      for (const cercle of cercles) {
        const status = await quarterStatus(node.db, cercle.code, period);
        if (status.status === 'submitted') waiting.push(cercle.name);
        if (status.status === 'open' && today(ctx.now) > due) absent.push(cercle.name);
        if (status.submittedAt && status.submissionNumber === 1 && status.submittedAt.slice(0, 10) > due)
          late++;
      }
      awaiting += waiting.length;
      missing += absent.length;
      if (waiting.length) details.push(`${period} : à valider ${waiting.join(', ')}`);
      if (absent.length) details.push(`${period} : en retard, rien reçu de ${absent.join(', ')}`);
    }
    return {
      changed: false,
      counts: { 'à valider': awaiting, manquants: missing, 'reçus en retard': late },
      ...(details.length ? { detail: details.join(' ; ') } : {}),
    };
  },
};

/** The CSR's regional synthesis for every quarter whose figures changed in this pass. */
const regionReportStep: Step<PassContext> = {
  name: 'report',
  label: 'Synthèse régionale',
  async run(ctx) {
    const quarters = [...ctx.touched].filter((p) => /Q[1-4]$/.test(p)).sort();
    let files = 0;
    for (const period of quarters) {
      const result = await publishReports(ctx.node, {
        quarter: period,
        now: ctx.now,
        boundaries: ctx.boundaries,
        withCercleReports: false,
      });
      files += result.files.length;
    }
    return { counts: { fichiers: files }, ...(quarters.length ? { detail: quarters.join(', ') } : {}) };
  },
};

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
    for (const period of ctx.quarters) {
      const readiness = await forwardReadiness(node, period, { now: ctx.now, calendar });
      if (!readiness.ready) continue;
      const result = await submitQuarter(node, period, { now: ctx.now });
      if (result.submitted) {
        forwarded++;
        details.push(`${period} (${readiness.children?.in}/${readiness.children?.of} cercles validés)`);
      }
    }
    return { counts: { transmis: forwarded }, ...(details.length ? { detail: details.join(' ; ') } : {}) };
  },
};

/** ingest → completeness → consolidate → synthesis → forward → export (UP validated, DOWN to cercles) → send. */
export const REGION_PIPELINE: Step<PassContext>[] = [
  ingestStep,
  completenessStep,
  consolidateStep,
  regionReportStep,
  forwardStep,
  exportStep,
  sendStep,
];
