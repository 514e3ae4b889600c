import { loadHierarchy, periodsWithData } from '@oise/catalog';
import {
  type QuarterCalendar,
  addQuarters,
  compareQuarters,
  formatQuarter,
  parseQuarter,
  quarterDeadlines,
  quarterOf,
  tryParseQuarter,
} from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type QuarterStatusInfo, listQuarterStatuses } from './quarter-status.js';

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
 * their quarter by its due date. A cercle node has no children: nothing is ever missing below it.
 */
export async function overdueUnits(
  db: Kysely<Database>,
  node: { code: string; level: 'cercle' | 'region' | 'national' },
  now: string,
  calendar: QuarterCalendar,
  /** The node's quarter statuses when the caller already has them (`listQuarterStatuses`). */
  statuses?: QuarterStatusInfo[],
): Promise<OverdueUnit[]> {
  if (node.level === 'cercle') return [];
  const current = quarterOf(now);
  const submitted = await db.selectFrom('quarter_submission').select('period').distinct().execute();
  const periods = new Set(
    [...(await periodsWithData(db)), ...submitted.map((r) => r.period)]
      .map((p) => tryParseQuarter(p))
      .filter((q) => q !== undefined && compareQuarters(q, current) < 0)
      .map((q) => formatQuarter(q!)),
  );
  periods.add(formatQuarter(addQuarters(current, -1)));
  const known = new Set((statuses ?? (await listQuarterStatuses(db))).map((st) => `${st.unit}|${st.period}`));
  const out: OverdueUnit[] = [];
  for (const period of [...periods].sort()) {
    const q = parseQuarter(period);
    const deadlines = quarterDeadlines(q, calendar);
    const due = node.level === 'region' ? deadlines.cercleDue : deadlines.regionDue;
    if (now.slice(0, 10) <= due) continue;
    for (const child of (await loadHierarchy(db, q)).childrenOf(node.code)) {
      // No submission at all: the quarter is still open below us.
      if (!known.has(`${child.code}|${period}`))
        out.push({ unit: child.code, name: child.name, period, due });
    }
  }
  return out;
}
