import { OiseError } from '@oise/core';
import { type SqliteFile, isBusyError, openSqliteFile } from './sqlite-driver.js';

/*
 * Whole-file operations on a node's SQLite file, for backup and restore: an online copy, a check
 * of a file nobody has opened yet, and making a file stand alone before it is moved.
 */

/**
 * Copies a live database to `destination` (a new file) with SQLite's online backup, while other
 * connections (another process's import, a pass) keep writing. The copy is taken in one step,
 * inside one read transaction: in WAL mode that never blocks a writer and gives exactly the
 * state of the last commit before it, never half a transaction (a copy in several steps would
 * restart on every write from another process). The copy is then set to the rollback journal,
 * so it is one self-contained file with no `-wal` beside it.
 */
export async function backupDatabase(source: string, destination: string): Promise<{ pages: number }> {
  // Read-write, though it only reads: a read-only connection cannot recover a WAL left by a crash.
  const sqlite = openFile(source);
  let pages: number;
  try {
    sqlite.query('pragma busy_timeout = 10000');
    pages = await sqlite.backup(destination);
  } catch (cause) {
    throw new OiseError(
      'DB_BACKUP_FAILED',
      `La copie de la base « ${source} » a échoué : ${(cause as Error).message}. Vérifiez la place libre sur le disque et réessayez.`,
      { file: source },
      { cause },
    );
  } finally {
    sqlite.close();
  }
  const copy = openFile(destination);
  try {
    copy.query('pragma journal_mode = DELETE');
  } finally {
    copy.close();
  }
  return { pages };
}

/** What `inspectDatabaseFile` finds in a database file. */
export interface DatabaseFileReport {
  /** `PRAGMA integrity_check`'s findings; empty when the file is whole. */
  problems: string[];
  /** The newest migration applied to the file (its schema version), undefined for a bare file. */
  schemaVersion: string | undefined;
  /** Every migration applied to the file, oldest first. */
  migrations: string[];
}

/**
 * Checks a database file read-only: `PRAGMA integrity_check` and the migrations it holds. A file
 * that is not SQLite at all is one problem, never a throw.
 */
export function inspectDatabaseFile(path: string): DatabaseFileReport {
  let sqlite: SqliteFile | undefined;
  try {
    sqlite = openSqliteFile(path, { readonly: true });
    const rows = sqlite.query<{ integrity_check: string }>('pragma integrity_check');
    const problems = rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
    const hasMigrations = sqlite.query(
      "select 1 from sqlite_master where type = 'table' and name = 'kysely_migration'",
    );
    const migrations =
      hasMigrations.length > 0
        ? sqlite.query<{ name: string }>('select name from kysely_migration order by name').map((r) => r.name)
        : [];
    return { problems, schemaVersion: migrations.at(-1), migrations };
  } catch (cause) {
    if (cause instanceof OiseError) throw cause;
    return { problems: [(cause as Error).message], schemaVersion: undefined, migrations: [] };
  } finally {
    sqlite?.close();
  }
}

/**
 * Makes a database file stand alone before it is moved or replaced: its WAL is written into it
 * and it leaves WAL mode, so no `-wal` or `-shm` file belongs to it any more. That is only
 * possible when no other connection has the file open: `DB_IN_USE` then (an `oise serve` or a
 * pass still running). Returns false, without a throw, for a file SQLite cannot open as a
 * database (damaged): the caller then moves its side files with it.
 */
export function settleDatabaseFile(path: string): boolean {
  let sqlite: SqliteFile;
  try {
    sqlite = openSqliteFile(path, { fileMustExist: true });
  } catch (cause) {
    if (cause instanceof OiseError) throw cause;
    return false;
  }
  try {
    sqlite.query('pragma busy_timeout = 2000');
    sqlite.query('pragma journal_mode = DELETE');
    return true;
  } catch (cause) {
    if (isBusyError(cause)) {
      throw new OiseError(
        'DB_IN_USE',
        `La base « ${path} » est ouverte par un autre programme (oise serve, oise run…). Arrêtez-le, puis relancez la commande.`,
        { file: path },
        { cause },
      );
    }
    return false;
  } finally {
    sqlite.close();
  }
}

function openFile(path: string): SqliteFile {
  try {
    return openSqliteFile(path, { fileMustExist: true });
  } catch (cause) {
    if (cause instanceof OiseError) throw cause;
    throw new OiseError(
      'DB_OPEN_FAILED',
      `Impossible d'ouvrir la base « ${path} » : ${(cause as Error).message}.`,
      { file: path },
      { cause },
    );
  }
}
