import { type Kysely, sql } from 'kysely';

/*
 * Frozen. What a refusal can be tied to (issue 16):
 * - `signed`: 1 when the bundle was signed by a key enrolled here (its sender is who it says),
 *   0 otherwise. Status counts a neighbour's refusals only where it is 1; the others are
 *   « expéditeur inconnu ». Lines applied, duplicate or written are signed by definition; older
 *   refusals cannot be checked any more and stay 0 (counted apart, never against a neighbour).
 * - `remote_address`: the network address a body came from (HTTP inbox, the pages' drop),
 *   null for a file of the inbox or one named on the command line.
 * Local to the node: bundle_log is never in a bundle.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('bundle_log')
    .addColumn('signed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('bundle_log').addColumn('remote_address', 'text').execute();
  await sql`update bundle_log set signed = 1 where status in ('applied', 'duplicate', 'written')`.execute(db);
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('bundle_log').dropColumn('remote_address').execute();
  await db.schema.alterTable('bundle_log').dropColumn('signed').execute();
}
