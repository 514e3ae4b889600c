import { type Kysely, sql } from 'kysely';

/*
 * Frozen: consolidation's own state (issue 12), out of the `node_setting` string store.
 * `consolidation_state` has one row (id 1): `consolidated_up_to`, the change counter up to which
 * the node's aggregates were last consolidated. Not synced: no owner, no revision, no trigger.
 * An existing node keeps its mark: the old setting `consolidate.change_counter` is copied when it
 * holds a whole number (otherwise the next pass rebuilds everything, as it did) and deleted.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('consolidation_state')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('consolidated_up_to', 'integer', (c) => c.notNull())
    .execute();
  await sql`
    insert into consolidation_state (id, consolidated_up_to)
    select 1, cast(value as integer) from node_setting
    where key = 'consolidate.change_counter' and value <> '' and value not glob '*[^0-9]*'`.execute(db);
  await sql`delete from node_setting where key = 'consolidate.change_counter'`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await sql`
    insert or replace into node_setting (key, value)
    select 'consolidate.change_counter', cast(consolidated_up_to as text) from consolidation_state`.execute(
    db,
  );
  await db.schema.dropTable('consolidation_state').execute();
}
