import { type Kysely, sql } from 'kysely';

/*
 * Frozen: the sync bookkeeping with one neighbour in its own row of `sync_peer` (issue 12),
 * instead of string keys of `node_setting`. Never edit; add a new migration.
 * - `applied_peer_seq` becomes `applied_peer_local_seq`: the peer's `local_seq` (its change
 *   counter) up to which its rows are applied here, beside `applied_peer_sequence`, the
 *   peer's highest bundle sequence number applied here.
 * - `sent_to_local_seq`: our change counter at the end of the last bundle written to the peer
 *   (was the setting `sync.sent-to.<peer>`).
 * - `applied_ahead`: JSON array of `[from, to]` ranges of the peer's changes applied beyond
 *   `applied_peer_local_seq` (was the setting `sync.applied-ahead.<peer>`).
 * Both settings were written in the same transaction as their peer's row, so every key has its
 * row; the keys are moved into it and deleted.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
type AnyDb = Kysely<any>;

const SENT_TO = 'sync.sent-to.';
const AHEAD = 'sync.applied-ahead.';

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('sync_peer')
    .renameColumn('applied_peer_seq', 'applied_peer_local_seq')
    .execute();
  await db.schema
    .alterTable('sync_peer')
    .addColumn('sent_to_local_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('sync_peer')
    .addColumn('applied_ahead', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await sql`update sync_peer set sent_to_local_seq = coalesce(
      (select cast(value as integer) from node_setting where key = ${SENT_TO} || sync_peer.peer_code), 0)`.execute(
    db,
  );
  await sql`update sync_peer set applied_ahead = coalesce(
      (select value from node_setting
       where key = ${AHEAD} || sync_peer.peer_code and json_valid(value) and json_type(value) = 'array'),
      '[]')`.execute(db);
  await sql`delete from node_setting
    where substr(key, 1, ${SENT_TO.length}) = ${SENT_TO} or substr(key, 1, ${AHEAD.length}) = ${AHEAD}`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  await sql`insert into node_setting (key, value)
    select ${SENT_TO} || peer_code, cast(sent_to_local_seq as text) from sync_peer where sent_to_local_seq > 0`.execute(
    db,
  );
  await sql`insert into node_setting (key, value)
    select ${AHEAD} || peer_code, applied_ahead from sync_peer where applied_ahead <> '[]'`.execute(db);
  await db.schema.alterTable('sync_peer').dropColumn('applied_ahead').execute();
  await db.schema.alterTable('sync_peer').dropColumn('sent_to_local_seq').execute();
  await db.schema
    .alterTable('sync_peer')
    .renameColumn('applied_peer_local_seq', 'applied_peer_seq')
    .execute();
}
