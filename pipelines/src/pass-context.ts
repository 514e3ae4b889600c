import { periodsWithData } from '@oise/catalog';
import { type Quarter, compareQuarters, formatQuarter, quarterOf, tryParseQuarter } from '@oise/core';
import type { Node } from '@oise/node';

/** What every step of a pass receives. */
export interface PassContext {
  node: Node;
  /** ISO timestamp of the pass: the reconciler's idea of "today". */
  now: string;
  /** GeoJSON for the national map, when configured. */
  boundaries?: string | undefined;
  /** Quarters already over at `now` that have activity at this node, oldest first. */
  quarters: string[];
  /** Periods whose aggregates this pass recomputed (filled by the consolidation step). */
  touched: Set<string>;
}

/**
 * The quarters a pass looks at: every quarter that has ended and has figures or submissions at
 * this node. A PC that was off for weeks sees all of them again and does what is still due.
 */
export async function quartersInPlay(node: Node, now: string): Promise<string[]> {
  const current = quarterOf(now);
  const submitted = await node.db.selectFrom('quarter_submission').select('period').distinct().execute();
  return [...new Set([...(await periodsWithData(node.db)), ...submitted.map((r) => r.period)])]
    .map((p) => tryParseQuarter(p))
    .filter((q): q is Quarter => q !== undefined && compareQuarters(q, current) < 0)
    .sort(compareQuarters)
    .map(formatQuarter);
}

/** `now` as an ISO date, for comparison with due dates. */
export function today(now: string): string {
  return now.slice(0, 10);
}
