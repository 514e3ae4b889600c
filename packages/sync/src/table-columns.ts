import { type Database, SYNCED_TABLES, type SyncedTable } from '@oise/schema';
import { type Kysely, sql } from 'kysely';

/** What the apply step needs to know about one synced table, read from SQLite itself. */
export interface TableShape {
  table: SyncedTable;
  /** Every column but `local_seq` (the node's own change counter never travels). */
  columns: string[];
  primaryKey: readonly string[];
  /** Value to store when an older sender's row lacks a column: its default, else null. */
  defaults: Record<string, string | number | null>;
}

const cache = new WeakMap<object, Map<SyncedTable, TableShape>>();

/**
 * The columns of a synced table as the database has them (so later migrations that add
 * columns travel without code changes here). Cached per database handle.
 */
export async function tableShape(db: Kysely<Database>, table: SyncedTable): Promise<TableShape> {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  const known = perDb.get(table);
  if (known) return known;
  const info = await sql<{ name: string; dflt_value: string | null }>`
    select name, dflt_value from pragma_table_info(${table})`.execute(db);
  const columns = info.rows.map((r) => r.name).filter((c) => c !== 'local_seq');
  const defaults: Record<string, string | number | null> = {};
  for (const r of info.rows) defaults[r.name] = parseDefault(r.dflt_value);
  const shape: TableShape = { table, columns, primaryKey: SYNCED_TABLES[table], defaults };
  perDb.set(table, shape);
  return shape;
}

function parseDefault(text: string | null): string | number | null {
  if (text === null) return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const quoted = /^'(.*)'$/s.exec(text);
  return quoted ? (quoted[1] ?? '').replaceAll("''", "'") : null;
}

/** Double-quoted SQL identifier (names come from the schema, never from a bundle). */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
