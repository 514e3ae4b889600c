import { type Kysely, sql } from 'kysely';

/*
 * Frozen: when the node above received each submission of a unit's quarter (issue 12). "On time"
 * means received by the due date, on the receiver's clock, not the sender's `submitted_at`. The
 * receiving node writes the row (it owns it) when it applies the submission from its child's
 * bundle; it travels like the other quarter rows. Synced: owner, revision, updated_at, local_seq
 * and the change-counter triggers of 0001.
 * Submissions received before this migration get their submission time as reception time, the
 * best known: rows of a direct child of this node (its parent in the territory is this node).
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
type AnyDb = Kysely<any>;

const TABLE = 'quarter_reception';

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable(TABLE)
    .addColumn('org_unit_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('submission_number', 'integer', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('local_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('quarter_reception_pk', ['org_unit_code', 'period', 'submission_number'])
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
  await sql`
    insert into quarter_reception
      (org_unit_code, period, submission_number, received_at, owner, revision, updated_at)
    select s.org_unit_code, s.period, s.number, s.submitted_at, n.code, 1, s.submitted_at
    from quarter_submission s
    join node_info n on n.id = 1
    where s.owner = s.org_unit_code
      and exists (select 1 from org_unit u where u.code = s.org_unit_code and u.parent_code = n.code)`.execute(
    db,
  );
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable(TABLE).ifExists().execute();
}
