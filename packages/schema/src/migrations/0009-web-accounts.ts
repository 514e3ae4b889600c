import { type Kysely, sql } from 'kysely';

/*
 * Frozen: the accounts and sessions of the node's web pages (issue 14). Never edit; add a new
 * migration. Both tables are local to the PC: they are not synced tables (no owner, revision or
 * local_seq, no trigger), so no bundle ever carries a password hash or a session.
 * - `web_account`: one person who may open the pages served beyond loopback; `password_hash`
 *   is a self-describing scrypt string (`scrypt$N$r$p$salt$hash`).
 * - `web_session`: one signed-in browser; `id` is the SHA-256 of the cookie's token (the token
 *   itself is never stored), `csrf_token` the token its forms must carry.
 */

// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('web_account')
    .addColumn('login', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) =>
      c.notNull().check(sql`role in ('saisie','validation','lecture','admin')`),
    )
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('web_session')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('login', 'text', (c) => c.notNull().references('web_account.login').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('web_session_login_idx').on('web_session').column('login').execute();
  await db.schema.createIndex('web_session_expires_idx').on('web_session').column('expires_at').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('web_session').ifExists().execute();
  await db.schema.dropTable('web_account').ifExists().execute();
}
