import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type ChangeAuthor, type WriteCounts, emptyCounts, journalChange } from './journal.js';
import type { CheckedRecord, RecordRow } from './record-check.js';
import type { RecordKind } from './record-kinds.js';

type AnyRow = Record<string, unknown> & { id: string; revision: number; deleted: number };

function fieldsOf(kind: RecordKind, row: Record<string, unknown>): RecordRow {
  const out: RecordRow = {};
  for (const f of kind.fields) out[f.column] = (row[f.column] as string | number | null | undefined) ?? null;
  return out;
}

/**
 * Writes accepted records of one kind, and tombstones for `removed` (rows a workbook showed
 * and the user deleted). New rows get revision 1, changed rows revision + 1, identical rows are
 * left alone; every write is journaled.
 */
export async function writeRecords(
  db: Kysely<Database>,
  kind: RecordKind,
  accepted: CheckedRecord[],
  removed: { id: string; file: string }[],
  who: Omit<ChangeAuthor, 'channel'> & { channelOf(file: string): string },
): Promise<WriteCounts> {
  const counts = emptyCounts();
  const ids = [...accepted.map((c) => c.id!), ...removed.map((r) => r.id)];
  if (ids.length === 0) return counts;
  // The table name varies by kind; the rows share id/revision/deleted/owner/author/updated_at.
  const table = kind.table as 'ccc_activity';
  const existing = new Map<string, AnyRow>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await db
      .selectFrom(table)
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 500))
      .execute()) as unknown as AnyRow[];
    for (const r of rows) existing.set(r.id, r);
  }
  for (const c of accepted) {
    const id = c.id!;
    const next = fieldsOf(kind, c.row!);
    const before = existing.get(id);
    const change = { ...who, channel: who.channelOf(c.input.file) };
    if (!before) {
      await db
        .insertInto(table)
        .values({
          id,
          ...next,
          author: who.author,
          owner: who.owner,
          revision: 1,
          updated_at: who.now,
        } as never)
        .execute();
      await journalChange(
        db,
        { table: kind.table, rowKey: id, old: null, new: next, oldRevision: null, newRevision: 1 },
        change,
      );
      counts.inserted++;
      continue;
    }
    const old = fieldsOf(kind, before);
    if (!before.deleted && JSON.stringify(old) === JSON.stringify(next)) {
      counts.unchanged++;
      continue;
    }
    const revision = before.revision + 1;
    await db
      .updateTable(table)
      .set({
        ...next,
        deleted: 0,
        author: who.author,
        owner: who.owner,
        revision,
        updated_at: who.now,
      } as never)
      .where('id', '=', id)
      .execute();
    await journalChange(
      db,
      {
        table: kind.table,
        rowKey: id,
        old: before.deleted ? null : old,
        new: next,
        oldRevision: before.revision,
        newRevision: revision,
      },
      change,
    );
    counts.updated++;
  }
  for (const { id, file } of removed) {
    const before = existing.get(id);
    if (!before || before.deleted) continue;
    const revision = before.revision + 1;
    await db
      .updateTable(table)
      .set({ deleted: 1, author: who.author, owner: who.owner, revision, updated_at: who.now })
      .where('id', '=', id)
      .execute();
    await journalChange(
      db,
      {
        table: kind.table,
        rowKey: id,
        old: fieldsOf(kind, before),
        new: null,
        oldRevision: before.revision,
        newRevision: revision,
      },
      { ...who, channel: who.channelOf(file) },
    );
    counts.deleted++;
  }
  return counts;
}
