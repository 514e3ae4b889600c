import { loadHierarchy } from '@oise/catalog';
import { formatQuarter, parseQuarter } from '@oise/core';
import { markConsolidated } from './quarter-decision.js';
import { quarterStatusesOf } from './quarter-status.js';
import type { ActionOptions, WorkflowNode } from './workflow-node.js';

/**
 * National, once a quarter's report is published: every region whose forwarded quarter still
 * awaits a decision is marked consolidated (its figures are in what was published). Returns
 * the regions marked; none when every forwarded quarter already has its decision.
 */
export async function consolidatePublishedQuarter(
  node: WorkflowNode,
  quarter: string,
  options: ActionOptions,
): Promise<string[]> {
  const q = parseQuarter(quarter);
  const period = formatQuarter(q);
  const regions = (await loadHierarchy(node.db, q)).childrenOf(node.identity.code).map((r) => r.code);
  const marked: string[] = [];
  for (const [region, status] of await quarterStatusesOf(node.db, regions, period)) {
    if (status.status !== 'submitted') continue;
    await markConsolidated(node, region, period, options);
    marked.push(region);
  }
  return marked;
}
