import { periodsWithData } from '@oise/catalog';
import { type Quarter, compareQuarters, formatQuarter, quarterOf, tryParseQuarter } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/**
 * The quarters a pass looks at: every quarter that has ended at `now` and has figures or
 * submissions at this node, oldest first. A PC that was off for weeks sees all of them again
 * and does what is still due.
 */
export async function quartersInPlay(db: Kysely<Database>, now: string): Promise<string[]> {
  const current = quarterOf(now);
  const submitted = await db.selectFrom('quarter_submission').select('period').distinct().execute();
  return [...new Set([...(await periodsWithData(db)), ...submitted.map((r) => r.period)])]
    .map((p) => tryParseQuarter(p))
    .filter((q): q is Quarter => q !== undefined && compareQuarters(q, current) < 0)
    .sort(compareQuarters)
    .map(formatQuarter);
}
