import { createHash } from 'node:crypto';
import { type Database, SYNCED_TABLES } from '@oise/schema';
import { type Kysely, sql } from 'kysely';

/** What a refused input must leave untouched: every synced table, the journal and the sync state. */
export const GUARDED_TABLES = [
  ...Object.keys(SYNCED_TABLES),
  'journal',
  'sync_peer',
  'change_counter',
  'trusted_key',
] as const;

/**
 * A fingerprint of the guarded tables, one SHA-256 per table over its rows (every column,
 * `local_seq` included: a refused input must not even touch a row). Equal fingerprints before
 * and after a refused input mean no partial write.
 */
export async function fingerprint(
  db: Kysely<Database>,
  tables: readonly string[] = GUARDED_TABLES,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    const lines = rows.map((r) =>
      JSON.stringify(r, (_k, v) => (Buffer.isBuffer(v) ? v.toString('base64') : v)),
    );
    lines.sort();
    out[table] = `${rows.length}:${createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

/** The tables whose fingerprints differ, for the failure message. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys(before).filter((t) => before[t] !== after[t]);
}

/** `PRAGMA integrity_check` on a database: `['ok']` when whole. */
export async function integrityCheck(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
  return rows.map((r) => r.integrity_check);
}
