import { type NeighbourExport, exportToNeighbours } from '@oise/sync';
import { acceptQuarter } from './quarter-acceptance.js';
import { type DecisionResult, returnQuarter } from './quarter-decision.js';
import { type NoteResult, writeNote } from './quarter-note.js';
import { type SubmitResult, submitQuarter } from './quarter-submit.js';
import type { ActionOptions, WorkflowNode } from './workflow-node.js';

/** An open node that can also write bundles (an `@oise/node` Node). */
export type HandoverNode = WorkflowNode & Parameters<typeof exportToNeighbours>[0];

/** A workflow step done by hand, and the bundles that carry it, already in the outbox. */
export type HandedOver<T> = T & { bundles: NeighbourExport };

const NOTHING: NeighbourExport = { written: [], nothingNew: [], notEnrolled: [] };

/**
 * Submits the node's quarter (`submitQuarter`) and writes at once the UP bundle that carries
 * it to the parent: what the person must carry is in `outbox/<parent>/` when this returns
 * (`oise quarter submit`, the web page). A refused submission writes nothing.
 */
export async function submitAndHandOver(
  node: HandoverNode,
  quarter: string,
  options: ActionOptions,
): Promise<HandedOver<SubmitResult>> {
  const result = await submitQuarter(node, quarter, options);
  if (!result.submitted) return { ...result, bundles: NOTHING };
  return { ...result, bundles: await exportToNeighbours(node, [node.identity.parentCode], options) };
}

/**
 * The parent accepts a child's quarter (`acceptQuarter`) and writes at once what the decision
 * must carry: at a region, the DOWN bundle with the decision to the cercle and the UP bundle
 * to national with the cercle's quarter it released (SPEC [S2]); at national, the DOWN bundle
 * to the region.
 */
export async function acceptAndHandOver(
  node: HandoverNode,
  unit: string,
  quarter: string,
  options: ActionOptions,
): Promise<HandedOver<DecisionResult>> {
  const result = await acceptQuarter(node, unit, quarter, options);
  const to = node.identity.level === 'national' ? [unit] : [unit, node.identity.parentCode];
  return { ...result, bundles: await exportToNeighbours(node, to, options) };
}

/** The region returns a cercle's quarter (`returnQuarter`); the DOWN bundle to the cercle is written at once. */
export async function returnAndHandOver(
  node: HandoverNode,
  unit: string,
  quarter: string,
  reason: string,
  options: ActionOptions,
): Promise<HandedOver<DecisionResult>> {
  const result = await returnQuarter(node, unit, quarter, reason, options);
  return { ...result, bundles: await exportToNeighbours(node, [unit], options) };
}

/**
 * The region writes its note on a cercle's quarter (`writeNote`); the bundles that carry it go
 * at once, DOWN to the cercle and UP to national (notes travel both ways). An unchanged note
 * writes nothing.
 */
export async function noteAndHandOver(
  node: HandoverNode,
  unit: string,
  quarter: string,
  text: string,
  options: ActionOptions,
): Promise<HandedOver<NoteResult>> {
  const result = await writeNote(node, unit, quarter, text, options);
  if (!result.changed) return { ...result, bundles: NOTHING };
  return {
    ...result,
    bundles: await exportToNeighbours(node, [unit, node.identity.parentCode], options),
  };
}
