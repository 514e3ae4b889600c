import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type ChangeAuthor, type WriteCounts, emptyCounts, journalChange } from './journal.js';
import type { CheckedRecord, RecordRow } from './record-check.js';
import type { RecordKind } from './record-kinds.js';

/** A stored record row of any kind: the kinds share id/revision/deleted/owner/author/updated_at. */
export type StoredRecord = Record<string, unknown> & { id: string; revision: number; deleted: number };

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
  const table = kind.table as 'ccc_activity';
  const existing = await loadRecords(db, kind, ids);
  for (const c of accepted) {
    const id = c.id!;
    const next = fieldsOf(kind, c.row!);
    const before = existing.get(id);
    const change = { ...who, channel: who.channelOf(c.input.file) };
    const what = recordChangeOf(kind, c.row!, before);
    if (what === 'unchanged') {
      counts.unchanged++;
      continue;
    }
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

/** Stored rows of one kind by id (tombstones included). */
export async function loadRecords(
  db: Kysely<Database>,
  kind: RecordKind,
  ids: string[],
): Promise<Map<string, StoredRecord>> {
  // The table name varies by kind; the rows share id/revision/deleted/owner/author/updated_at.
  const table = kind.table as 'ccc_activity';
  const existing = new Map<string, StoredRecord>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = (await db
      .selectFrom(table)
      .selectAll()
      .where('id', 'in', ids.slice(i, i + 500))
      .execute()) as unknown as StoredRecord[];
    for (const r of rows) existing.set(r.id, r);
  }
  return existing;
}

/**
 * What storing a checked record would do to its stored row: the one comparison that writing
 * and the read-only check of a closed quarter share.
 */
export function recordChangeOf(
  kind: RecordKind,
  row: RecordRow,
  before: StoredRecord | undefined,
): 'insert' | 'update' | 'unchanged' {
  if (!before) return 'insert';
  return !before.deleted && JSON.stringify(fieldsOf(kind, before)) === JSON.stringify(fieldsOf(kind, row))
    ? 'unchanged'
    : 'update';
}
