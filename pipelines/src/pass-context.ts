import type { Node } from '@oise/node';

/** What every step of a pass receives. */
export interface PassContext {
  node: Node;
  /** ISO timestamp of the pass: the reconciler's idea of "today". */
  now: string;
  /** GeoJSON for the map, overriding the node's `report.boundaries` setting (`oise run --boundaries`). */
  boundaries?: string | undefined;
  /** Quarters already over at `now` that have activity at this node, oldest first (@oise/workflow's `quartersInPlay`). */
  quarters: string[];
  /** Periods whose aggregates this pass recomputed (filled by the consolidation step). */
  touched: Set<string>;
  /** Quarters this pass published (filled by national's publish step). */
  published: Set<string>;
  /**
   * Quarters whose rows changed at this node in this pass: brought by a bundle applied (a
   * decision, a note, figures) or submitted here (filled by the ingest and submit steps).
   */
  changedQuarters: Set<string>;
}

/** `now` as an ISO date, for comparison with due dates. */
export function today(now: string): string {
  return now.slice(0, 10);
}
