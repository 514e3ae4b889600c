import { existsSync } from 'node:fs';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/*
 * node:sqlite's `DatabaseSync` (built into Node 22.13+ and 24) given the shape kysely's
 * SqliteDialect drives and the values better-sqlite3 gives, so that the rest of OISE cannot tell
 * the two drivers apart. @types/node 20 has no types for node:sqlite: the part used is declared
 * here.
 */

/** The part of node:sqlite's `StatementSync` the adapter uses. */
interface StatementSync {
  all(...parameters: unknown[]): Record<string, unknown>[];
  run(...parameters: unknown[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  iterate(...parameters: unknown[]): IterableIterator<Record<string, unknown>>;
  /** Node 22.16+ / 23.11+: the columns a statement returns, empty for one that returns none. */
  columns(): unknown[];
}

/** The part of node:sqlite's `DatabaseSync` the adapter uses. */
export interface DatabaseSync {
  prepare(sql: string): StatementSync;
  exec(sql: string): void;
  close(): void;
}

/** The part of the `node:sqlite` module the store uses. */
export interface NodeSqliteModule {
  DatabaseSync: new (path: string, options?: { readOnly?: boolean }) => DatabaseSync;
  /** Node 22.16+ / 23.8+: SQLite's online backup; resolves to the number of pages copied. */
  backup(
    source: DatabaseSync,
    destination: string,
    options?: { rate?: number; progress?: (p: { totalPages: number; remainingPages: number }) => void },
  ): Promise<number>;
  StatementSync: { prototype: Partial<StatementSync> };
}

/** Whether this build of node:sqlite has everything the store needs (columns(), backup()). */
export function nodeSqliteComplete(sqlite: NodeSqliteModule): boolean {
  return (
    typeof sqlite.backup === 'function' && typeof sqlite.StatementSync?.prototype?.columns === 'function'
  );
}

/** Opens a file with node:sqlite, as better-sqlite3 would with the same options. */
export function openNodeSqlite(
  sqlite: NodeSqliteModule,
  path: string,
  options: { readonly: boolean; fileMustExist: boolean },
): DatabaseSync {
  // node:sqlite always creates a missing file when it may write; better-sqlite3's option refuses.
  if (options.fileMustExist && !options.readonly && path !== ':memory:' && !existsSync(path)) {
    throw new Error('unable to open database file');
  }
  return new sqlite.DatabaseSync(path, { readOnly: options.readonly });
}

/** A node:sqlite database seen as kysely's `SqliteDatabase` (better-sqlite3's shape). */
export function kyselyDatabase(database: DatabaseSync): SqliteDatabase {
  return {
    close: () => database.close(),
    prepare: (sql) => statement(database.prepare(sql)),
  };
}

function statement(prepared: StatementSync): SqliteStatement {
  return {
    reader: prepared.columns().length > 0,
    all: (parameters) => prepared.all(...bindable(parameters)).map(asBetterSqliteRow),
    run: (parameters) => prepared.run(...bindable(parameters)),
    iterate: function* (parameters) {
      for (const row of prepared.iterate(...bindable(parameters))) yield asBetterSqliteRow(row);
    },
  };
}

/**
 * Parameters as better-sqlite3 takes them: numbers, strings, bigints, buffers and null, with
 * undefined bound as NULL; anything else (a boolean, an object) is refused with its error, where
 * node:sqlite would bind a boolean as 1/0 or read an object as named parameters.
 */
function bindable(parameters: ReadonlyArray<unknown>): unknown[] {
  return parameters.map((value) => {
    if (value === undefined) return null;
    if (
      value === null ||
      typeof value === 'number' ||
      typeof value === 'string' ||
      typeof value === 'bigint' ||
      value instanceof Uint8Array
    ) {
      return value;
    }
    throw new TypeError('SQLite3 can only bind numbers, strings, bigints, buffers, and null');
  });
}

/**
 * A row as better-sqlite3 gives it: a plain object (node:sqlite's have no prototype), and BLOBs
 * as Buffers (node:sqlite gives Uint8Arrays; readers call `toString`, `equals`…). The Buffer is
 * a view on the same bytes, not a copy.
 */
function asBetterSqliteRow(row: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const key in row) {
    const value = row[key];
    plain[key] =
      value instanceof Uint8Array && !Buffer.isBuffer(value)
        ? Buffer.from(value.buffer, value.byteOffset, value.byteLength)
        : value;
  }
  return plain;
}
