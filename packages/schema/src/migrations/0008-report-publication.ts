import { type Kysely, sql } from 'kysely';

/*
 * Frozen. Publishing state in a table of its own instead of `published.<period>` keys in
 * node_setting (issue 12): for each quarter the national node published, the change mark of the
 * local aggregates it was published from. Local to the node: never in a bundle.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('report_publication')
    .addColumn('period', 'text', (c) => c.primaryKey())
    .addColumn('aggregates_mark', 'integer', (c) => c.notNull())
    .execute();
  await sql`
    insert into report_publication (period, aggregates_mark)
    select substr(key, length('published.') + 1), cast(value as integer) from node_setting
    where key like 'published.%'`.execute(db);
  await db.deleteFrom('node_setting').where('key', 'like', 'published.%').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await sql`
    insert into node_setting (key, value)
    select 'published.' || period, cast(aggregates_mark as text) from report_publication`.execute(db);
  await db.schema.dropTable('report_publication').execute();
}
