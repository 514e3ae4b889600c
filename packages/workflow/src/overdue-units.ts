import type { QuarterCalendar } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { childrenCompleteness } from './children-completeness.js';
import type { QuarterStatusInfo } from './quarter-status.js';

/** A child unit whose quarter is past its due date and has not arrived. */
export interface OverdueUnit {
  unit: string;
  name: string;
  period: string;
  due: string;
}

/**
 * What is missing below a node: for every quarter over at `now` (those with activity here, and
 * the last one), the children (cercles of a region, regions of the country) that have not sent
 * their quarter by its due date (`childrenCompleteness`). A cercle node has no children.
 */
export async function overdueUnits(
  db: Kysely<Database>,
  node: { code: string; level: 'cercle' | 'region' | 'national' },
  now: string,
  calendar: QuarterCalendar,
  /** The node's quarter statuses when the caller already has them (`listQuarterStatuses`). */
  statuses?: QuarterStatusInfo[],
): Promise<OverdueUnit[]> {
  const { quarters } = await childrenCompleteness(db, node, now, calendar, statuses);
  return quarters.flatMap((q) =>
    q.overdue.map((u) => ({ unit: u.code, name: u.name, period: q.period, due: q.due })),
  );
}
