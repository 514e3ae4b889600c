import type { Kysely } from 'kysely';

/*
 * Frozen: acknowledgement bookkeeping for bundles (issue 4). Never edit; add a new migration.
 * - `ack_due`: 1 when a row-bearing bundle from the peer was applied since our last bundle to
 *   it, so an acknowledgement must go even if we have no rows for it (empty bundles never set it,
 *   which keeps two nodes from ping-ponging empty bundles).
 * - `peer_acked_sequence`: the highest of our bundle sequences the peer says it applied.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('sync_peer')
    .addColumn('ack_due', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('sync_peer')
    .addColumn('peer_acked_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('sync_peer').dropColumn('peer_acked_sequence').execute();
  await db.schema.alterTable('sync_peer').dropColumn('ack_due').execute();
}
