import { type DecisionResult, markConsolidated, validateQuarter } from './quarter-decision.js';
import type { ActionOptions, WorkflowNode } from './workflow-node.js';

/**
 * The parent accepts a child's latest submission (`oise quarter validate`): the region
 * validates a cercle's quarter, national records a region's as consolidated. Anywhere else
 * `DECISION_NOT_ALLOWED`, as for the decisions themselves.
 */
export async function acceptQuarter(
  node: WorkflowNode,
  unit: string,
  quarter: string,
  options: ActionOptions,
): Promise<DecisionResult> {
  return node.identity.level === 'national'
    ? markConsolidated(node, unit, quarter, options)
    : validateQuarter(node, unit, quarter, options);
}
