import { createRequire } from 'node:module';
import { OiseError } from '@oise/core';
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';
import {
  type DatabaseSync,
  type NodeSqliteModule,
  kyselyDatabase,
  nodeSqliteComplete,
  openNodeSqlite,
} from './node-sqlite.js';

/*
 * The two SQLite drivers the store runs on: better-sqlite3 (the workspace, Node 20, 22 and 24)
 * and node:sqlite (built into Node 24: the portable build, which carries no native SQLite
 * module). This file is the only one in OISE that knows which is in use. Both are loaded on
 * first use, never by a static import, so a bundle without better-sqlite3 runs on node:sqlite.
 *
 *   OISE_SQLITE_DRIVER=better-sqlite3 | node   the driver asked for (a French error if absent)
 *   unset                                      better-sqlite3 when it loads, else node:sqlite
 */

/** A driver's name, as `oise status` shows it. */
export type SqliteDriverName = 'better-sqlite3' | 'node:sqlite';

/** An open SQLite file, whichever the driver: what the store needs besides kysely. */
export interface SqliteFile {
  /** The file as kysely's SqliteDialect drives it. */
  readonly database: SqliteDatabase;
  /** Runs a statement and returns its rows (none for one that returns nothing). */
  query<Row>(sql: string): Row[];
  /** SQLite's online backup of the whole file into `destination`, in one step; the pages copied. */
  backup(destination: string): Promise<number>;
  close(): void;
}

export interface OpenFileOptions {
  readonly?: boolean;
  /** Refuse to create a missing file (always so when read-only). */
  fileMustExist?: boolean;
}

const require = createRequire(import.meta.url);
type BetterSqlite3Module = typeof BetterSqlite3;

/**
 * The driver the store uses: `OISE_SQLITE_DRIVER` when set, otherwise better-sqlite3 when it
 * loads, otherwise node:sqlite. Read on every open, so one process may use both in turn.
 * `DB_DRIVER_UNAVAILABLE` (in French, with what to install) when the driver cannot load.
 */
export function sqliteDriverName(): SqliteDriverName {
  // The one environment variable a package reads: the driver is a property of the installation.
  const asked = process.env.OISE_SQLITE_DRIVER?.trim();
  if (asked === 'better-sqlite3') {
    betterSqlite3.required();
    return 'better-sqlite3';
  }
  if (asked === 'node' || asked === 'node:sqlite') {
    nodeSqlite.required();
    return 'node:sqlite';
  }
  if (asked) {
    throw new OiseError(
      'DB_DRIVER_UNAVAILABLE',
      `OISE_SQLITE_DRIVER vaut « ${asked} » : les valeurs possibles sont « better-sqlite3 » et « node » (node:sqlite). Corrigez la variable ou retirez-la.`,
      { driver: asked },
    );
  }
  if (betterSqlite3.module) return 'better-sqlite3';
  if (nodeSqlite.module) return 'node:sqlite';
  throw new OiseError(
    'DB_DRIVER_UNAVAILABLE',
    `Aucun moteur SQLite n’est disponible : better-sqlite3 ne se charge pas (${betterSqlite3.failure}) et ce Node.js (${process.version}) n’a pas node:sqlite. Installez Node.js 24, ou réinstallez les dépendances (pnpm install) pour better-sqlite3.`,
    { node: process.version },
  );
}

/** Whether a driver loads in this process (for tests that need both). */
export function sqliteDriverAvailable(name: SqliteDriverName): boolean {
  return (name === 'better-sqlite3' ? betterSqlite3 : nodeSqlite).module !== undefined;
}

/** The driver in use and the version of SQLite it carries (« node:sqlite 3.54.1 »). */
export function sqliteEngine(): { driver: SqliteDriverName; version: string } {
  const driver = sqliteDriverName();
  const file = openSqliteFile(':memory:');
  try {
    const [row] = file.query<{ version: string }>('select sqlite_version() as version');
    return { driver, version: row?.version ?? '?' };
  } finally {
    file.close();
  }
}

/** Opens a SQLite file with the driver in use; the driver's own error when it cannot. */
export function openSqliteFile(path: string, options: OpenFileOptions = {}): SqliteFile {
  const readonly = options.readonly ?? false;
  const fileMustExist = readonly || (options.fileMustExist ?? false);
  if (sqliteDriverName() === 'node:sqlite') {
    const sqlite = nodeSqlite.required();
    return nodeFile(sqlite, openNodeSqlite(sqlite, path, { readonly, fileMustExist }));
  }
  const Database = betterSqlite3.required();
  return betterFile(new Database(path, { readonly, fileMustExist }));
}

function betterFile(database: BetterSqlite3.Database): SqliteFile {
  return {
    database,
    query<Row>(sql: string) {
      const statement = database.prepare(sql);
      if (statement.reader) return statement.all() as Row[];
      statement.run();
      return [];
    },
    async backup(destination) {
      return (await database.backup(destination, { progress: () => ALL_PAGES })).totalPages;
    },
    close: () => database.close(),
  };
}

function nodeFile(sqlite: NodeSqliteModule, raw: DatabaseSync): SqliteFile {
  const database = kyselyDatabase(raw);
  return {
    database,
    query<Row>(sql: string) {
      const statement = database.prepare(sql);
      if (statement.reader) return statement.all([]) as Row[];
      statement.run([]);
      return [];
    },
    backup: (destination) => sqlite.backup(raw, destination, { rate: ALL_PAGES }),
    close: () => raw.close(),
  };
}

/**
 * Whether a driver's error is SQLite's SQLITE_BUSY (another connection holds the lock):
 * better-sqlite3 names it in `code`, node:sqlite gives its number in `errcode`.
 */
export function isBusyError(error: unknown): boolean {
  const { code, errcode } = (error ?? {}) as { code?: unknown; errcode?: unknown };
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
  return typeof errcode === 'number' && (errcode & 0xff) === SQLITE_BUSY;
}

const SQLITE_BUSY = 5;

/** Pages per backup step: all of them, so a copy is one read snapshot. */
const ALL_PAGES = 0x7fffffff;

/** A driver's module, loaded once on first use; why it failed to load is kept, to be said. */
class LazyDriver<T> {
  #loaded: T | Error | undefined;

  constructor(
    private readonly load: () => T,
    private readonly unavailable: (failure: Error) => OiseError,
  ) {}

  /** The module, or undefined when it does not load here. */
  get module(): T | undefined {
    if (this.#loaded === undefined) {
      try {
        this.#loaded = this.load();
      } catch (cause) {
        this.#loaded = cause instanceof Error ? cause : new Error(String(cause));
      }
    }
    return this.#loaded instanceof Error ? undefined : this.#loaded;
  }

  /** The module, or `DB_DRIVER_UNAVAILABLE` saying what to install. */
  required(): T {
    const module = this.module;
    if (module !== undefined) return module;
    throw this.unavailable(this.#loaded as Error);
  }

  /** Why the module does not load ('' when it does). */
  get failure(): string {
    return this.module === undefined ? (this.#loaded as Error).message : '';
  }
}

const betterSqlite3 = new LazyDriver(
  () => {
    const Database = require('better-sqlite3') as BetterSqlite3Module;
    // The native part loads on the first open: a build for another Node fails only there.
    new Database(':memory:').close();
    return Database;
  },
  (failure) =>
    new OiseError(
      'DB_DRIVER_UNAVAILABLE',
      `Le moteur SQLite better-sqlite3 ne se charge pas : ${failure.message}. Réinstallez les dépendances (pnpm install, qui le compile pour ce Node.js ${process.version}), ou choisissez node:sqlite (OISE_SQLITE_DRIVER=node, Node.js 24).`,
      { driver: 'better-sqlite3', node: process.version },
      { cause: failure },
    ),
);

const nodeSqlite = new LazyDriver(
  () => {
    const sqlite = withoutSqliteWarning(() => require('node:sqlite') as NodeSqliteModule);
    if (!nodeSqliteComplete(sqlite)) {
      throw new Error(`node:sqlite de Node.js ${process.version} n’a pas backup() ni columns()`);
    }
    return sqlite;
  },
  (failure) =>
    new OiseError(
      'DB_DRIVER_UNAVAILABLE',
      `Le moteur SQLite node:sqlite n’est pas disponible dans Node.js ${process.version} (${failure.message}) : il faut Node.js 24 (ou 22.16 et plus). Installez Node.js 24, ou choisissez better-sqlite3 (OISE_SQLITE_DRIVER=better-sqlite3).`,
      { driver: 'node:sqlite', node: process.version },
      { cause: failure },
    ),
);

/**
 * Loads node:sqlite without the ExperimentalWarning Node 22 and early 24 print on its first
 * load: the user must never see it. Only that warning, only during that load, is dropped.
 */
export function withoutSqliteWarning<T>(load: () => T): T {
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const name = typeof warning === 'string' ? type : warning.name;
    if (name === 'ExperimentalWarning' && /sqlite/i.test(text)) return;
    (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emitWarning;
  }
}
