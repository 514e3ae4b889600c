import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/**
 * How far this node's aggregates are consolidated: the change counter (`local_seq`) reached by
 * the last pass, or undefined before the first one. Node-local, never synced (table
 * `consolidation_state`, one row).
 */
export async function consolidatedUpTo(db: Kysely<Database>): Promise<number | undefined> {
  const row = await db
    .selectFrom('consolidation_state')
    .select('consolidated_up_to')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row?.consolidated_up_to;
}

/** Records that the node's aggregates are consolidated up to change counter `upTo`. */
export async function markConsolidated(db: Kysely<Database>, upTo: number): Promise<void> {
  await db
    .insertInto('consolidation_state')
    .values({ id: 1, consolidated_up_to: upTo })
    .onConflict((oc) => oc.column('id').doUpdateSet({ consolidated_up_to: upTo }))
    .execute();
}
