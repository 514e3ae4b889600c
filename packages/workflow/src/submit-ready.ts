import type { QuarterCalendar } from '@oise/core';
import { type ForwardReadiness, forwardReadiness } from './forward-readiness.js';
import { type SubmitResult, submitQuarter } from './quarter-submit.js';
import type { WorkflowNode } from './workflow-node.js';

/** A quarter the forward rule let go on, and what submitting it gave. */
export interface ReadySubmission {
  readiness: ForwardReadiness;
  result: SubmitResult;
}

/**
 * What a pass does at a cercle or a region: every quarter the forward rule says is ready goes
 * up now (`submitQuarter`). The quarters not ready are left alone; a ready one that is refused
 * (a blocking value at a cercle) comes back with `result.submitted` false and its findings.
 */
export async function submitReadyQuarters(
  node: WorkflowNode,
  quarters: readonly string[],
  options: { now: string; calendar: QuarterCalendar },
): Promise<ReadySubmission[]> {
  const out: ReadySubmission[] = [];
  for (const period of quarters) {
    const readiness = await forwardReadiness(node, period, options);
    if (!readiness.ready) continue;
    out.push({ readiness, result: await submitQuarter(node, period, { now: options.now }) });
  }
  return out;
}
