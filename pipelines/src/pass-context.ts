import { type Quarter, compareQuarters, formatQuarter, quarterOf, tryParseQuarter } from '@oise/core';
import type { Node } from '@oise/node';
import { sql } from 'kysely';

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
  const rows = await sql<{ period: string }>`
    select distinct period from data_value
    union select distinct period from quarter_submission`.execute(node.db);
  return rows.rows
    .map((r) => tryParseQuarter(r.period))
    .filter((q): q is Quarter => q !== undefined && compareQuarters(q, current) < 0)
    .sort(compareQuarters)
    .map(formatQuarter);
}

/** `now` as an ISO date, for comparison with due dates. */
export function today(now: string): string {
  return now.slice(0, 10);
}
