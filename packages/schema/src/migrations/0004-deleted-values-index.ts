import { type Kysely, sql } from 'kysely';

/*
 * Frozen. A partial index over the (rare) deleted values, so that counting the live values of a
 * node with millions of rows is the table's count minus this small index's, not a table scan.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create index data_value_deleted_idx on data_value (period) where deleted = 1`.execute(db);
}

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists data_value_deleted_idx`.execute(db);
}
