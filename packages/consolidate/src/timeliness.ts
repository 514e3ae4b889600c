import { type QuarterCalendar, isOnTime, parseQuarter, quarterDeadlines } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/**
 * Which cercles submitted each quarter on time: a cercle is on time for a quarter when its first
 * submission (`quarter_submission`, smallest `submitted_at`) is on or before the cercle due date
 * of the quarter calendar. Read from synced rows only, so every node that holds the same rows
 * gives the same answer. Keys are `CERCLE|2025Q1`.
 */
export async function onTimeCercles(
  db: Kysely<Database>,
  quarters: readonly string[],
  calendar: QuarterCalendar,
): Promise<Set<string>> {
  const onTime = new Set<string>();
  if (quarters.length === 0) return onTime;
  const rows = await db
    .selectFrom('quarter_submission')
    .select(['org_unit_code', 'period', (eb) => eb.fn.min('submitted_at').as('first')])
    .where('period', 'in', [...quarters])
    .groupBy(['org_unit_code', 'period'])
    .execute();
  const due = new Map(quarters.map((q) => [q, quarterDeadlines(parseQuarter(q), calendar).cercleDue]));
  for (const row of rows) {
    const deadline = due.get(row.period);
    if (deadline && row.first && isOnTime(String(row.first), deadline))
      onTime.add(`${row.org_unit_code}|${row.period}`);
  }
  return onTime;
}
