import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/**
 * Runs `work` in a transaction, or inside the caller's when `db` already is one. Consolidation
 * works on the connection's temporary tables, so it must hold the connection from start to end.
 */
export async function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
