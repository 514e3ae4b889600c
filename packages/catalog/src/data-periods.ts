import type { Database } from '@oise/schema';
import { type Kysely, sql } from 'kysely';

/**
 * The periods that have figures, in order. A loose index scan — one index seek per period on
 * (period, indicator_code) — instead of a scan of every value: instant even with ten years of
 * the whole country. Deleted values count (their period existed).
 */
export async function periodsWithData(db: Kysely<Database>): Promise<string[]> {
  const periods: string[] = [];
  let after = '';
  for (;;) {
    const next = await sql<{ period: string | null }>`
      select min(period) as period from data_value where period > ${after}`.execute(db);
    const period = next.rows[0]?.period;
    if (!period) return periods;
    periods.push(period);
    after = period;
  }
}

/** The live (not deleted) values a node holds: the table's count minus the deleted ones. */
export async function liveValueCount(db: Kysely<Database>): Promise<number> {
  const row = await sql<{ n: number }>`
    select (select count(*) from data_value) - (select count(*) from data_value where deleted = 1) as n`.execute(
    db,
  );
  return Number(row.rows[0]?.n ?? 0);
}
