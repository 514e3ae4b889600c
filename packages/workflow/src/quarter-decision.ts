import { loadHierarchy } from '@oise/catalog';
import { NODE_LEVEL_LABELS, OiseError, formatQuarter, formatQuarterFr, parseQuarter } from '@oise/core';
import { markQuarterDue } from '@oise/sync';
import { awaitsDecision } from './parent-actions.js';
import { STATUS_LABELS, quarterStatus } from './quarter-status.js';
import type { ActionOptions, WorkflowNode } from './workflow-node.js';

export interface DecisionResult {
  unit: string;
  period: string;
  submissionNumber: number;
  decision: 'validated' | 'returned' | 'consolidated';
  reason: string | null;
  /**
   * Rows of the cercle's quarter marked due again for the next bundle up (validation only):
   * every period-bound row the cercle owns for the quarter (`markQuarterDue` of @oise/sync).
   */
  rowsMarkedDue: number;
}

async function decide(
  node: WorkflowNode,
  unit: string,
  quarter: string,
  decision: DecisionResult['decision'],
  reason: string | null,
  options: ActionOptions,
): Promise<DecisionResult> {
  const { db, identity } = node;
  const q = parseQuarter(quarter);
  const period = formatQuarter(q);
  const expectedLevel = decision === 'consolidated' ? 'national' : 'region';
  const childLevel = decision === 'consolidated' ? 'region' : 'cercle';
  if (identity.level !== expectedLevel)
    throw new OiseError(
      'DECISION_NOT_ALLOWED',
      decision === 'consolidated'
        ? 'seul le niveau national consolide le trimestre d’une région.'
        : `seule la région valide ou renvoie le trimestre d'un cercle ; ce nœud est de niveau ${NODE_LEVEL_LABELS[identity.level]}.`,
      { node: identity.code, quarter: period },
    );
  const hierarchy = await loadHierarchy(db, q);
  const target = hierarchy.get(unit);
  if (!target || target.level !== childLevel || !hierarchy.isWithin(unit, identity.code))
    throw new OiseError(
      'DECISION_UNIT_INVALID',
      `${unit} n'est pas ${childLevel === 'cercle' ? 'un cercle rattaché' : 'une région rattachée'} à ${identity.code} au trimestre ${formatQuarterFr(period)} : vérifiez --unit.`,
      { node: identity.code, quarter: period },
    );
  const status = await quarterStatus(db, unit, period);
  if (!awaitsDecision(status.status) || status.submissionNumber === null)
    throw new OiseError(
      'QUARTER_NOT_SUBMITTED',
      status.status === 'open'
        ? `le trimestre ${formatQuarterFr(period)} de ${target.name} (${unit}) n'a pas été transmis : il n'y a rien à ${decision === 'returned' ? 'renvoyer' : 'valider'}.`
        : `le trimestre ${formatQuarterFr(period)} de ${target.name} (${unit}) est ${STATUS_LABELS[status.status]} : une décision n'est possible que sur une transmission en attente.`,
      { node: identity.code, quarter: period },
    );
  const number = status.submissionNumber;
  let rowsMarkedDue = 0;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('quarter_decision')
      .values({
        org_unit_code: unit,
        period,
        submission_number: number,
        decision,
        reason,
        decided_at: options.now,
        decided_by: options.author ?? identity.code,
        owner: identity.code,
        revision: 1,
        updated_at: options.now,
      })
      .execute();
    // What the region held back from national until this validation goes in the next bundle up.
    if (decision === 'validated') rowsMarkedDue = await markQuarterDue(trx, unit, period);
  });
  return { unit, period, submissionNumber: number, decision, reason, rowsMarkedDue };
}

/** The region validates a cercle's latest submission; its rows become due to national. */
export async function validateQuarter(
  node: WorkflowNode,
  unit: string,
  quarter: string,
  options: ActionOptions,
): Promise<DecisionResult> {
  return decide(node, unit, quarter, 'validated', null, options);
}

/** The region returns a cercle's latest submission with a reason; the cercle may edit again. */
export async function returnQuarter(
  node: WorkflowNode,
  unit: string,
  quarter: string,
  reason: string,
  options: ActionOptions,
): Promise<DecisionResult> {
  if (!reason || reason.trim() === '')
    throw new OiseError(
      'RETURN_REASON_REQUIRED',
      'un renvoi doit dire pourquoi : donnez le motif (--reason « … »).',
      {
        quarter,
      },
    );
  return decide(node, unit, quarter, 'returned', reason.trim(), options);
}

/** National records that a region's submitted quarter is consolidated. */
export async function markConsolidated(
  node: WorkflowNode,
  unit: string,
  quarter: string,
  options: ActionOptions,
): Promise<DecisionResult> {
  return decide(node, unit, quarter, 'consolidated', null, options);
}
