import { type Kysely, sql } from 'kysely';

/*
 * Frozen: the boundaries of the territory as reference data (issue 15). One row per unit (region,
 * cercle or commune) with its outline: `geometry` is the JSON of a GeoJSON MultiPolygon's
 * coordinates, rings already wound as d3-geo draws them (exterior clockwise). National writes
 * them (`oise territory boundaries import`); they travel down with the territory, so every node
 * draws its own maps offline. Synced: owner, revision, updated_at, local_seq and the
 * change-counter triggers of 0001.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
type AnyDb = Kysely<any>;

const TABLE = 'org_unit_boundary';

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable(TABLE)
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('region','cercle','commune')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('local_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  for (const event of ['insert', 'update'] as const) {
    const when = event === 'update' ? ' when new.local_seq = old.local_seq' : '';
    await sql
      .raw(
        `create trigger ${TABLE}_seq_${event} after ${event} on ${TABLE}${when} begin ` +
          'update change_counter set value = value + 1 where id = 1; ' +
          `update ${TABLE} set local_seq = (select value from change_counter where id = 1) where rowid = new.rowid; ` +
          'end',
      )
      .execute(db);
  }
  await db.schema.createIndex(`${TABLE}_local_seq_idx`).on(TABLE).columns(['local_seq']).execute();
  await db.schema.createIndex(`${TABLE}_level_idx`).on(TABLE).columns(['level']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable(TABLE).ifExists().execute();
}
