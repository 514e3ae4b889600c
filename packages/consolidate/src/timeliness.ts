import { type QuarterCalendar, isOnTime, levelOfPcode, parseQuarter, quarterDeadlines } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** When the node above first received a unit's quarter, and whether that was by the due date. */
export interface QuarterReceipt {
  unit: string;
  period: string;
  /** The first reception of any submission of the quarter (the receiver's clock). */
  receivedAt: string;
  /** The unit's due date: the cercle due date for a cercle, the region's for a region. */
  due: string;
  onTime: boolean;
}

/**
 * The rule of lateness, one home: a unit's quarter is on time when the node above received it
 * (`quarter_reception.received_at`, written by the receiver as it applied the submission, never
 * the sender's own `submitted_at`) on or before the unit's due date of the quarter calendar. The
 * first reception counts: a quarter returned and sent again keeps its first arrival. Read from
 * synced rows only (receptions travel up to national and down), so every node that holds the
 * same rows gives the same answer. Keys are `UNIT|2025Q1`; a unit never received is absent.
 */
export async function quarterReceipts(
  db: Kysely<Database>,
  quarters: readonly string[],
  calendar: QuarterCalendar,
  units?: readonly string[],
): Promise<Map<string, QuarterReceipt>> {
  const out = new Map<string, QuarterReceipt>();
  if (quarters.length === 0 || units?.length === 0) return out;
  let query = db
    .selectFrom('quarter_reception')
    .select(['org_unit_code', 'period', (eb) => eb.fn.min('received_at').as('first')])
    .where('period', 'in', [...quarters])
    .groupBy(['org_unit_code', 'period']);
  if (units) query = query.where('org_unit_code', 'in', [...units]);
  const deadlines = new Map(quarters.map((q) => [q, quarterDeadlines(parseQuarter(q), calendar)]));
  for (const row of await query.execute()) {
    const d = deadlines.get(row.period);
    if (!d || !row.first) continue;
    // Regions answer by the region due date; cercles (any other code) by the cercle due date.
    const due = levelOfPcode(row.org_unit_code) === 'region' ? d.regionDue : d.cercleDue;
    const receivedAt = String(row.first);
    out.set(`${row.org_unit_code}|${row.period}`, {
      unit: row.org_unit_code,
      period: row.period,
      receivedAt,
      due,
      onTime: isOnTime(receivedAt, due),
    });
  }
  return out;
}

/**
 * Which units' quarters were received on time (`quarterReceipts`): the figures' `onTime` counts
 * look their cercles up. Keys are `CERCLE|2025Q1`.
 */
export async function onTimeCercles(
  db: Kysely<Database>,
  quarters: readonly string[],
  calendar: QuarterCalendar,
): Promise<Set<string>> {
  const onTime = new Set<string>();
  for (const [key, r] of await quarterReceipts(db, quarters, calendar)) if (r.onTime) onTime.add(key);
  return onTime;
}
