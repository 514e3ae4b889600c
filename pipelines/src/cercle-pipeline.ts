import { listIndicators, loadHierarchy } from '@oise/catalog';
import { parseQuarter, quarterDeadlines } from '@oise/core';
import { getCalendar } from '@oise/node';
import { checkStoredQuarter, quarterStatus, submitQuarter } from '@oise/workflow';
import { exportStep, ingestStep, sendStep } from './common-steps.js';
import { type PassContext, today } from './pass-context.js';
import type { Step } from './pipeline-run.js';

/**
 * A cercle's quarter goes up when it is ready: complete (every commune × indicator entered,
 * nothing blocking), or on its due date with what is there (the missing entries are listed and
 * show in completeness); a quarter returned by the CSR goes up again once corrected.
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
    for (const period of ctx.quarters) {
      const status = await quarterStatus(node.db, node.identity.code, period);
      const due = quarterDeadlines(parseQuarter(period), calendar).cercleDue;
      let ready = false;
      if (status.status === 'open') {
        if (!(await hasOwnRows(ctx, period))) continue;
        const q = parseQuarter(period);
        const check = await checkStoredQuarter(
          node.db,
          await listIndicators(node.db),
          await loadHierarchy(node.db, q),
          node.identity.code,
          period,
        );
        ready = today(ctx.now) >= due || (check.missing.length === 0 && check.blocking.length === 0);
      } else if (status.status === 'returned') {
        ready = await changedSinceReturn(ctx, period);
      }
      if (!ready) continue;
      const result = await submitQuarter(node, period, { now: ctx.now });
      if (result.submitted) {
        submitted++;
        const late = today(ctx.now) > due ? ', en retard' : '';
        details.push(
          `${period} transmis (n° ${result.number}, ${result.missingCount} saisies manquantes${late})`,
        );
      } else {
        blocked++;
        details.push(`${period} bloqué : ${result.blocking.length} valeur(s) à corriger`);
      }
    }
    return {
      counts: { transmis: submitted, bloqués: blocked },
      ...(details.length ? { detail: details.join(' ; ') } : {}),
    };
  },
};

async function hasOwnRows(ctx: PassContext, period: string): Promise<boolean> {
  const row = await ctx.node.db
    .selectFrom('data_value')
    .select('period')
    .where('period', '=', period)
    .where('owner', '=', ctx.node.identity.code)
    .where('deleted', '=', 0)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** True when the cercle changed a figure of the quarter after the region's return arrived. */
async function changedSinceReturn(ctx: PassContext, period: string): Promise<boolean> {
  const { db, identity } = ctx.node;
  const decision = await db
    .selectFrom('quarter_decision')
    .select((eb) => eb.fn.max('local_seq').as('seq'))
    .where('org_unit_code', '=', identity.code)
    .where('period', '=', period)
    .where('decision', '=', 'returned')
    .executeTakeFirst();
  const seq = Number(decision?.seq ?? 0);
  const changed = await db
    .selectFrom('data_value')
    .select('period')
    .where('period', '=', period)
    .where('owner', '=', identity.code)
    .where('local_seq', '>', seq)
    .limit(1)
    .executeTakeFirst();
  return changed !== undefined;
}

/** ingest (DOWN from the region) → submit what is ready → export UP → send it where an address is set. */
export const CERCLE_PIPELINE: Step<PassContext>[] = [ingestStep, submitStep, exportStep, sendStep];
