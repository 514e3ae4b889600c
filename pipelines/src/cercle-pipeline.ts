import { countFr, formatQuarterFr } from '@oise/core';
import { getCalendar } from '@oise/node';
import { submitReadyQuarters } from '@oise/workflow';
import { backupStep, exportStep, ingestStep, reportStep, sendStep } from './common-steps.js';
import type { PassContext } from './pass-context.js';
import type { Step } from './pipeline-run.js';

/**
 * A cercle's quarter goes up when it is ready (@oise/workflow's `forwardReadiness`): complete
 * (every commune × indicator entered, nothing blocking), or on its due date with what is there
 * (the missing entries are listed and show in completeness); a quarter returned by the CSR goes
 * up again once corrected.
 */
const submitStep: Step<PassContext> = {
  name: 'submit',
  label: 'Transmission des trimestres',
  async run(ctx) {
    const { node } = ctx;
    const calendar = await getCalendar(node.db);
    let submitted = 0;
    let blocked = 0;
    const details: string[] = [];
    for (const { readiness, result } of await submitReadyQuarters(node, ctx.quarters, {
      now: ctx.now,
      calendar,
    })) {
      if (result.submitted) {
        submitted++;
        ctx.changedQuarters.add(result.period);
        const late = readiness.late ? ', en retard' : '';
        details.push(
          `${formatQuarterFr(result.period)} transmis (n° ${result.number}, ${countFr(result.missingCount, 'saisie manquante', 'saisies manquantes')}${late})`,
        );
      } else {
        blocked++;
        details.push(
          `${formatQuarterFr(result.period)} bloqué : ${countFr(result.blocking.length, 'valeur', 'valeurs')} à corriger`,
        );
      }
    }
    return {
      counts: { transmis: submitted, bloqués: blocked },
      ...(details.length ? { detail: details.join(' ; ') } : {}),
    };
  },
};

/**
 * The cercle's reports — the CCC's activity report and the synthesis for its CLO — for each
 * quarter in play that changed in this pass: submitted here, or a bundle from the region
 * brought its decision, the CSR's note or figures. The same `publishReports` as `oise report`.
 */
const cercleReportStep = reportStep('Synthèse pour le CLO', (ctx) =>
  ctx.quarters.filter((q) => ctx.changedQuarters.has(q)),
);

/** ingest (DOWN from the region) → submit what is ready → the CLO's synthesis → export UP → send it where an address is set → the day's backup. */
export const CERCLE_PIPELINE: Step<PassContext>[] = [
  ingestStep,
  submitStep,
  cercleReportStep,
  exportStep,
  sendStep,
  backupStep,
];
