import { type CreateTableBuilder, type Kysely, sql } from 'kysely';

/*
 * Frozen: the first schema of every OISE node. Never edit; add a new migration instead.
 * Typed Kysely<any> and free of application imports, as migrations must be.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
type AnyDb = Kysely<any>;
// biome-ignore lint/suspicious/noExplicitAny: builder over any table
type Builder = CreateTableBuilder<any, any>;

function withSync(t: Builder): Builder {
  return t
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('local_seq', 'integer', (c) => c.notNull().defaultTo(0));
}

const SYNCED = [
  'org_unit',
  'indicator',
  'data_value',
  'elected_official',
  'training_action',
  'ccc_activity',
  'partnership',
  'cooperation_programme',
  'quarter_submission',
  'quarter_decision',
  'quarter_note',
  'document',
  'aggregate_value',
];

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('node_info')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('national','region','cercle')`))
    .addColumn('parent_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('node_setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('change_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('change_counter').values({ id: 1, value: 0 }).execute();

  await withSync(
    db.schema
      .createTable('org_unit')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_to', 'text')
      .addColumn('level', 'text', (c) =>
        c.notNull().check(sql`level in ('pays','region','cercle','commune')`),
      )
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('parent_code', 'text')
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0)),
  )
    .addPrimaryKeyConstraint('org_unit_pk', ['code', 'valid_from'])
    .execute();
  await db.schema.createIndex('org_unit_parent_idx').on('org_unit').columns(['parent_code']).execute();

  await withSync(
    db.schema
      .createTable('indicator')
      .addColumn('code', 'text', (c) => c.primaryKey())
      .addColumn('label_fr', 'text', (c) => c.notNull())
      .addColumn('label_en', 'text', (c) => c.notNull())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) =>
        c.notNull().check(sql`kind in ('ressource','realisation','resultat','impact')`),
      )
      .addColumn('value_type', 'text', (c) =>
        c.notNull().check(sql`value_type in ('integer','number','percentage','text','boolean')`),
      )
      .addColumn('unit', 'text', (c) => c.notNull())
      .addColumn('disaggregation', 'text', (c) => c.notNull().check(sql`disaggregation in ('none','sex')`))
      .addColumn('aggregation', 'text', (c) =>
        c.notNull().check(sql`aggregation in ('sum','average','min','max','last','ratio')`),
      )
      .addColumn('time_aggregation', 'text', (c) =>
        c.notNull().check(sql`time_aggregation in ('sum','average','min','max','last','ratio')`),
      )
      .addColumn('numerator_code', 'text')
      .addColumn('denominator_code', 'text')
      .addColumn('ratio_factor', 'real')
      .addColumn('min_value', 'real')
      .addColumn('max_value', 'real')
      .addColumn('part_of_code', 'text')
      .addColumn('description', 'text')
      .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await withSync(
    db.schema
      .createTable('data_value')
      .addColumn('org_unit_code', 'text', (c) => c.notNull())
      .addColumn('indicator_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('value', 'real')
      .addColumn('value_text', 'text')
      .addColumn('comment', 'text')
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0)),
  )
    .addPrimaryKeyConstraint('data_value_pk', ['org_unit_code', 'indicator_code', 'period', 'category'])
    .execute();
  await db.schema
    .createIndex('data_value_period_idx')
    .on('data_value')
    .columns(['period', 'indicator_code'])
    .execute();

  await withSync(
    db.schema
      .createTable('elected_official')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('full_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('sex', 'text', (c) => c.notNull().check(sql`sex in ('F','M')`))
      .addColumn('birth_year', 'integer')
      .addColumn('schooling', 'text', (c) => c.notNull())
      .addColumn('literate', 'integer', (c) => c.notNull())
      .addColumn('mandate_start', 'integer')
      .addColumn('mandate_end', 'integer')
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema
    .createIndex('elected_official_unit_idx')
    .on('elected_official')
    .columns(['org_unit_code'])
    .execute();

  await withSync(
    db.schema
      .createTable('training_action')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('theme', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text', (c) => c.notNull())
      .addColumn('end_date', 'text')
      .addColumn('days', 'real', (c) => c.notNull())
      .addColumn('participants_f', 'integer', (c) => c.notNull())
      .addColumn('participants_m', 'integer', (c) => c.notNull())
      .addColumn('target_group', 'text', (c) => c.notNull())
      .addColumn('funder', 'text')
      .addColumn('cost', 'real')
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema
    .createIndex('training_action_period_idx')
    .on('training_action')
    .columns(['period', 'org_unit_code'])
    .execute();

  await withSync(
    db.schema
      .createTable('ccc_activity')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('activity_date', 'text', (c) => c.notNull())
      .addColumn('days', 'real', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('participants', 'integer')
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();
  await db.schema
    .createIndex('ccc_activity_period_idx')
    .on('ccc_activity')
    .columns(['period', 'org_unit_code'])
    .execute();

  await withSync(
    db.schema
      .createTable('partnership')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('org_unit_code', 'text', (c) => c.notNull())
      .addColumn('malian_name', 'text', (c) => c.notNull())
      .addColumn('partner_name', 'text', (c) => c.notNull())
      .addColumn('partner_country', 'text', (c) => c.notNull())
      .addColumn('partner_level', 'text', (c) => c.notNull())
      .addColumn('since_year', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('sectors', 'text', (c) => c.notNull())
      .addColumn('contact', 'text')
      .addColumn('url', 'text')
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await withSync(
    db.schema
      .createTable('cooperation_programme')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('partnership_id', 'text', (c) => c.notNull())
      .addColumn('org_unit_code', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('sector', 'text', (c) => c.notNull())
      .addColumn('start_year', 'integer')
      .addColumn('end_year', 'integer')
      .addColumn('budget', 'real')
      .addColumn('currency', 'text', (c) => c.notNull().defaultTo('XOF'))
      .addColumn('funder', 'text')
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await withSync(
    db.schema
      .createTable('quarter_submission')
      .addColumn('org_unit_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('number', 'integer', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addColumn('submitted_by', 'text', (c) => c.notNull())
      .addColumn('missing_count', 'integer', (c) => c.notNull().defaultTo(0)),
  )
    .addPrimaryKeyConstraint('quarter_submission_pk', ['org_unit_code', 'period', 'number'])
    .execute();

  await withSync(
    db.schema
      .createTable('quarter_decision')
      .addColumn('org_unit_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('submission_number', 'integer', (c) => c.notNull())
      .addColumn('decision', 'text', (c) =>
        c.notNull().check(sql`decision in ('validated','returned','consolidated')`),
      )
      .addColumn('reason', 'text')
      .addColumn('decided_at', 'text', (c) => c.notNull())
      .addColumn('decided_by', 'text', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('quarter_decision_pk', ['org_unit_code', 'period', 'submission_number'])
    .execute();

  await withSync(
    db.schema
      .createTable('quarter_note')
      .addColumn('org_unit_code', 'text', (c) => c.notNull())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull()),
  )
    .addPrimaryKeyConstraint('quarter_note_pk', ['org_unit_code', 'period'])
    .execute();

  await withSync(
    db.schema
      .createTable('document')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('org_unit_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('content', 'blob', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('deleted', 'integer', (c) => c.notNull().defaultTo(0)),
  ).execute();

  await db.schema
    .createTable('journal')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_key', 'text', (c) => c.notNull())
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('old_revision', 'integer')
    .addColumn('new_revision', 'integer', (c) => c.notNull())
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('journal_row_idx').on('journal').columns(['table_name', 'row_key']).execute();

  await db.schema
    .createTable('bundle_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('direction', 'text', (c) => c.notNull().check(sql`direction in ('in','out')`))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('bundle_direction', 'text', (c) => c.notNull())
    .addColumn('sequence', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('applied','duplicate','rejected','written')`),
    )
    .addColumn('reason', 'text')
    .addColumn('quarters', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('row_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('byte_size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bundle_log_sender_idx')
    .on('bundle_log')
    .columns(['sender', 'sequence'])
    .execute();

  await db.schema
    .createTable('trusted_key')
    .addColumn('node_code', 'text', (c) => c.primaryKey())
    .addColumn('relation', 'text', (c) => c.notNull().check(sql`relation in ('parent','child')`))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('enrolled_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('sync_peer')
    .addColumn('peer_code', 'text', (c) => c.primaryKey())
    .addColumn('last_sent_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('acked_local_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('applied_peer_sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('applied_peer_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pipeline_run')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('pipeline', 'text', (c) => c.notNull())
    .addColumn('period', 'text')
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('steps', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('error', 'text')
    .execute();

  await db.schema
    .createTable('aggregate_value')
    .addColumn('indicator_code', 'text', (c) => c.notNull())
    .addColumn('org_unit_code', 'text', (c) => c.notNull())
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('local','published')`))
    .addColumn('value', 'real')
    .addColumn('numerator', 'real')
    .addColumn('denominator', 'real')
    .addColumn('reporting', 'integer', (c) => c.notNull())
    .addColumn('expected', 'integer', (c) => c.notNull())
    .addColumn('on_time', 'integer', (c) => c.notNull())
    .addColumn('computed_by', 'text', (c) => c.notNull())
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('local_seq', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('aggregate_value_pk', [
      'indicator_code',
      'org_unit_code',
      'period',
      'category',
      'source',
    ])
    .execute();
  await db.schema
    .createIndex('aggregate_value_period_idx')
    .on('aggregate_value')
    .columns(['period', 'org_unit_code'])
    .execute();

  // The change counter: every insert or update of a synced row takes the next local sequence
  // number, whoever writes it, so the exporter can ask "what changed since seq N".
  // The update trigger skips the trigger's own write of local_seq (WHEN …), so one change costs
  // one counter step; to mark a row as due again without changing it, `set updated_at = updated_at`.
  for (const table of SYNCED) {
    for (const event of ['insert', 'update'] as const) {
      const when = event === 'update' ? ' when new.local_seq = old.local_seq' : '';
      await sql
        .raw(
          `create trigger ${table}_seq_${event} after ${event} on ${table}${when} begin ` +
            'update change_counter set value = value + 1 where id = 1; ' +
            `update ${table} set local_seq = (select value from change_counter where id = 1) where rowid = new.rowid; ` +
            'end',
        )
        .execute(db);
    }
  }
  for (const table of SYNCED) {
    await db.schema.createIndex(`${table}_local_seq_idx`).on(table).columns(['local_seq']).execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of [...SYNCED].reverse()) {
    await db.schema.dropTable(table).ifExists().execute();
  }
  for (const table of [
    'pipeline_run',
    'sync_peer',
    'trusted_key',
    'bundle_log',
    'journal',
    'change_counter',
    'node_setting',
    'node_info',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
