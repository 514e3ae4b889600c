import { OiseError } from '@oise/core';
import { type Database, MIGRATIONS } from '@oise/schema';
import { Kysely, type Migration, type MigrationProvider, Migrator, SqliteDialect } from 'kysely';
import { type SqliteFile, openSqliteFile } from './sqlite-driver.js';

/** An open node database: the Kysely handle, and a close that checkpoints the WAL. */
export interface NodeDatabase {
  readonly db: Kysely<Database>;
  readonly path: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations on open (default true). */
  migrate?: boolean;
  readonly?: boolean;
  /** Milliseconds to wait for another process's write lock (default 10 s). */
  busyTimeoutMs?: number;
}

class StaticMigrationProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

/**
 * Opens (and creates) a node's SQLite file with WAL, foreign keys and a busy timeout, and brings
 * its schema up to date, on the SQLite driver in use (`sqlite-driver.ts`).
 */
export async function openDatabase(path: string, options: OpenOptions = {}): Promise<NodeDatabase> {
  let sqlite: SqliteFile;
  try {
    sqlite = openSqliteFile(path, { readonly: options.readonly ?? false });
  } catch (cause) {
    if (cause instanceof OiseError) throw cause;
    throw new OiseError(
      'DB_OPEN_FAILED',
      `Impossible d'ouvrir la base « ${path} » : ${(cause as Error).message}. Vérifiez le chemin du dossier du nœud (--dir).`,
      { file: path },
      { cause },
    );
  }
  sqlite.query(`pragma busy_timeout = ${options.busyTimeoutMs ?? 10_000}`);
  if (!options.readonly) {
    sqlite.query('pragma journal_mode = WAL');
    sqlite.query('pragma synchronous = NORMAL');
  }
  sqlite.query('pragma foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite.database }) });
  if (options.migrate ?? !options.readonly) {
    await migrateToLatest(db);
  }
  return {
    db,
    path,
    async close() {
      await db.destroy();
    },
  };
}

/** Applies pending migrations; a failure leaves the file at its last complete migration. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider() });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw new OiseError(
      'DB_MIGRATION_FAILED',
      `La mise à jour du schéma de la base a échoué : ${(error as Error).message ?? String(error)}. La base est restée dans son état précédent.`,
      {},
      { cause: error },
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Schema version: the name of the newest migration this program knows. */
export const SCHEMA_VERSION = Object.keys(MIGRATIONS).sort().at(-1) ?? '';
