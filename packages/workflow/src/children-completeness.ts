import { type HierarchyUnit, loadHierarchy, periodsWithData } from '@oise/catalog';
import { quarterReceipts } from '@oise/consolidate';
import {
  type QuarterCalendar,
  addQuarters,
  compareQuarters,
  formatQuarter,
  isOnTime,
  parseQuarter,
  quarterDeadlines,
  quarterOf,
  tryParseQuarter,
} from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type QuarterStatusInfo, listQuarterStatuses } from './quarter-status.js';

/** A child unit (cercle of a region, region of the country) named in a completeness list. */
export interface ChildUnit {
  code: string;
  name: string;
}

/** Where a node's children stand for one quarter. */
export interface ChildrenQuarter {
  period: string;
  /** The children's due date: the cercle due date below a region, the region's below national. */
  due: string;
  /** Children whose latest submission awaits this node's decision. */
  awaiting: ChildUnit[];
  /** Children with nothing received while their due date has passed. */
  overdue: ChildUnit[];
  /** Children whose quarter arrived after the due date (first reception, the receiver's clock). */
  late: ChildUnit[];
}

/** Every quarter a node watches, and the totals over them. */
export interface ChildrenCompleteness {
  quarters: ChildrenQuarter[];
  awaiting: number;
  overdue: number;
  late: number;
}

/**
 * The quarters over at `now` that have activity at this node (figures or submissions), oldest
 * first: what a pass looks at again, so a PC that was off for weeks catches up.
 */
export async function quartersOver(db: Kysely<Database>, now: string): Promise<string[]> {
  const current = quarterOf(now);
  const submitted = await db.selectFrom('quarter_submission').select('period').distinct().execute();
  const periods = new Set<string>();
  for (const p of [...(await periodsWithData(db)), ...submitted.map((r) => r.period)]) {
    const q = tryParseQuarter(p);
    if (q && compareQuarters(q, current) < 0) periods.add(formatQuarter(q));
  }
  return [...periods].sort();
}

/**
 * Where the children of a node stand, for every quarter over at `now` with activity here and
 * the last one: awaiting the node's decision, overdue (nothing received after the due date), or
 * received late (`quarterReceipts` of @oise/consolidate: the one rule of lateness). A cercle
 * has no children: nothing is ever listed below it. Not the figures' completeness (communes
 * reporting, `completenessOf`): this one is about quarters sent and received.
 */
export async function childrenCompleteness(
  db: Kysely<Database>,
  node: { code: string; level: 'cercle' | 'region' | 'national' },
  now: string,
  calendar: QuarterCalendar,
  /** The node's quarter statuses when the caller already has them (`listQuarterStatuses`). */
  statuses?: QuarterStatusInfo[],
): Promise<ChildrenCompleteness> {
  const out: ChildrenCompleteness = { quarters: [], awaiting: 0, overdue: 0, late: 0 };
  if (node.level === 'cercle') return out;
  const periods = new Set(await quartersOver(db, now));
  periods.add(formatQuarter(addQuarters(quarterOf(now), -1)));
  const sorted = [...periods].sort();
  const known = new Map(
    (statuses ?? (await listQuarterStatuses(db))).map((st) => [`${st.unit}|${st.period}`, st]),
  );
  const receipts = await quarterReceipts(db, sorted, calendar);
  for (const period of sorted) {
    const q = parseQuarter(period);
    const deadlines = quarterDeadlines(q, calendar);
    const due = node.level === 'region' ? deadlines.cercleDue : deadlines.regionDue;
    const quarter: ChildrenQuarter = { period, due, awaiting: [], overdue: [], late: [] };
    for (const child of (await loadHierarchy(db, q)).childrenOf(node.code)) {
      const key = `${child.code}|${period}`;
      const unit = childUnit(child);
      const status = known.get(key);
      if (status?.status === 'submitted') quarter.awaiting.push(unit);
      if (isOverdue(status, now, due)) quarter.overdue.push(unit);
      if (receipts.get(key)?.onTime === false) quarter.late.push(unit);
    }
    out.quarters.push(quarter);
    out.awaiting += quarter.awaiting.length;
    out.overdue += quarter.overdue.length;
    out.late += quarter.late.length;
  }
  return out;
}

/**
 * A child's quarter is overdue when nothing of it was ever submitted (no submission row here)
 * and its due date has passed at `now`: the one rule the completeness lists and the board use.
 */
export function isOverdue(
  status: Pick<QuarterStatusInfo, 'submissionNumber'> | undefined,
  now: string,
  due: string,
): boolean {
  return (status?.submissionNumber ?? null) === null && !isOnTime(now, due);
}

function childUnit(u: HierarchyUnit): ChildUnit {
  return { code: u.code, name: u.name };
}
