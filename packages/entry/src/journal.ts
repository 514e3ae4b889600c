import { type Database, journalJson } from '@oise/schema';
import type { Kysely } from 'kysely';

/** How a change came in: `xlsx`, `csv`, `tsv`, or another channel name. */
export interface ChangeAuthor {
  owner: string;
  author: string;
  channel: string;
  now: string;
}

/** Insert/update/delete/unchanged counts of one table. */
export interface WriteCounts {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

export function emptyCounts(): WriteCounts {
  return { inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
}

/** Appends one change to the journal: old and new as JSON (null when absent or deleted). */
export async function journalChange(
  db: Kysely<Database>,
  entry: {
    table: string;
    rowKey: string;
    old: unknown;
    new: unknown;
    oldRevision: number | null;
    newRevision: number;
  },
  who: ChangeAuthor,
): Promise<void> {
  await db
    .insertInto('journal')
    .values({
      at: who.now,
      table_name: entry.table,
      row_key: entry.rowKey,
      old_value: journalJson(entry.old),
      new_value: journalJson(entry.new),
      old_revision: entry.oldRevision,
      new_revision: entry.newRevision,
      author: who.author,
      channel: who.channel,
    })
    .execute();
}

/** How many lines the journal holds: an import's count of journaled changes is the difference. */
export async function journalCount(db: Kysely<Database>): Promise<number> {
  const r = await db
    .selectFrom('journal')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
