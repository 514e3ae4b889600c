import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/*
 * The benchmark writes the generated history and the "raw insert" peer with better-sqlite3
 * directly. Only the store package depends on it, so it is resolved from there (the bench adds
 * no dependency).
 */
const require = createRequire(new URL('../../packages/store/package.json', import.meta.url));
const Database = require('better-sqlite3') as typeof BetterSqlite3;

export type RawDatabase = BetterSqlite3.Database;

/** Opens a node database file with better-sqlite3, as the store does (WAL). */
export function openRaw(path: string): RawDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  return db;
}
