import type { Kysely } from 'kysely';

/*
 * Frozen: the dashboard's saved views (issue 15). Never edit; add a new migration. Local to the
 * node, not a synced table (no owner, revision or local_seq, no trigger): each node keeps the
 * views it uses every quarter.
 * - `saved_view`: a name, the dashboard's query string (`indicateur=…&unites=…`), who saved it
 *   and when.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('saved_view')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('saved_view').ifExists().execute();
}
