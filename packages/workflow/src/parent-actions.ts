import type { QuarterState } from './quarter-status.js';

/** A decision is taken on a submission that awaits one: the latest, with no decision yet. */
export function awaitsDecision(state: QuarterState): boolean {
  return state === 'submitted';
}

/** What the node above may do on a child's quarter. */
export interface ParentActions {
  /** Accept the latest submission (`acceptQuarter`: the region validates, national consolidates). */
  accept: boolean;
  /** Return it with a reason (`returnQuarter`: the region only). */
  return: boolean;
  /** Write the CSR's note (`writeNote`: the region only, whatever the state). */
  note: boolean;
}

/**
 * What the workflow lets a node do on a child's quarter in `state`: the rules `decide` and
 * `writeNote` apply, said beforehand so a page offers only what will be accepted.
 */
export function parentActions(level: 'cercle' | 'region' | 'national', state: QuarterState): ParentActions {
  const decides = level !== 'cercle' && awaitsDecision(state);
  return { accept: decides, return: decides && level === 'region', note: level === 'region' };
}
