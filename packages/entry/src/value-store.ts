import { dataKeyString } from '@oise/catalog';
import { type DataValue, type Database, journalRowKey, journalValueOf } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type ChangeAuthor, type WriteCounts, emptyCounts, journalChange } from './journal.js';
import type { CheckedValue } from './value-row-check.js';

/**
 * Writes accepted values (call inside the import's transaction). A new figure gets revision 1,
 * a changed one revision + 1, an unchanged one is left alone (re-importing a file writes
 * nothing); a cleared pre-filled cell becomes a tombstone (`deleted` = 1, revision + 1).
 * Every write is journaled with the channel of its own file (`xlsx`, `csv`).
 */
export async function writeValues(
  db: Kysely<Database>,
  accepted: CheckedValue[],
  stored: Map<string, DataValue>,
  who: Omit<ChangeAuthor, 'channel'> & { channelOf(file: string): string },
): Promise<WriteCounts> {
  const counts = emptyCounts();
  for (const c of accepted) {
    if (!c.key) continue;
    const existing = stored.get(dataKeyString(c.key));
    const channel = who.channelOf(c.input.file);
    const author = { ...who, channel };
    const key = {
      org_unit_code: c.key.orgUnit,
      indicator_code: c.key.indicator,
      period: c.key.period,
      category: c.key.category,
    };
    const rowKey = journalRowKey('data_value', key);
    // A stored row changes: next revision, journaled with what it showed before and after.
    const rewrite = async (
      row: DataValue,
      fields: { value: number | null; value_text: string | null; comment: string | null; deleted: number },
    ) => {
      const revision = row.revision + 1;
      await db
        .updateTable('data_value')
        .set({ ...fields, revision, updated_at: who.now, author: who.author, channel, owner: who.owner })
        .where('org_unit_code', '=', key.org_unit_code)
        .where('indicator_code', '=', key.indicator_code)
        .where('period', '=', key.period)
        .where('category', '=', key.category)
        .execute();
      await journalChange(
        db,
        {
          table: 'data_value',
          rowKey,
          old: journalValueOf(row),
          new: journalValueOf(fields),
          oldRevision: row.revision,
          newRevision: revision,
        },
        author,
      );
    };
    const change = valueChangeOf(c, existing);
    if (change === 'unchanged') {
      counts.unchanged++;
      continue;
    }
    if (change === 'delete') {
      // A tombstone keeps the comment it had; only the value goes.
      await rewrite(existing!, { deleted: 1, value: null, value_text: null, comment: existing!.comment });
      counts.deleted++;
      continue;
    }
    const next = nextFields(c, existing);
    if (change === 'insert') {
      await db
        .insertInto('data_value')
        .values({
          ...key,
          ...next,
          author: who.author,
          channel,
          owner: who.owner,
          revision: 1,
          updated_at: who.now,
        })
        .execute();
      await journalChange(
        db,
        {
          table: 'data_value',
          rowKey,
          old: null,
          new: journalValueOf(next),
          oldRevision: null,
          newRevision: 1,
        },
        author,
      );
      counts.inserted++;
      continue;
    }
    await rewrite(existing!, { ...next, deleted: 0 });
    counts.updated++;
  }
  return counts;
}

export type ValueChange = 'insert' | 'update' | 'delete' | 'unchanged';

function nextFields(c: CheckedValue, existing: DataValue | undefined) {
  const comment = c.input.comment === undefined ? (existing?.comment ?? null) : c.input.comment;
  return { value: c.value, value_text: c.valueText, comment };
}

/**
 * What storing an accepted value would do to its stored row (tombstones included): the one
 * comparison that writing and the read-only check of a closed quarter share.
 */
export function valueChangeOf(c: CheckedValue, existing: DataValue | undefined): ValueChange {
  if (c.input.clear) return !existing || existing.deleted ? 'unchanged' : 'delete';
  if (!existing) return 'insert';
  const next = nextFields(c, existing);
  return !existing.deleted &&
    existing.value === next.value &&
    existing.value_text === next.value_text &&
    existing.comment === next.comment
    ? 'unchanged'
    : 'update';
}
