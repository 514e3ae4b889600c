import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/**
 * The quarters (`2025Q1`) of which this node holds national's published aggregates (rows of
 * source `published`, come down in bundles), oldest first. At national itself: none.
 */
export async function publishedPeriods(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('aggregate_value')
    .select('period')
    .distinct()
    .where('source', '=', 'published')
    .where('period', 'like', '____Q_')
    .orderBy('period')
    .execute();
  return rows.map((r) => r.period);
}
