import type { DataValue, Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type ChangeAuthor, type WriteCounts, emptyCounts, journalChange } from './journal.js';
import { type CheckedValue, dataKeyString } from './value-row-check.js';

function shown(r: { value: number | null; value_text: string | null; comment: string | null }) {
  return { value: r.value_text ?? r.value, comment: r.comment };
}

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
    const k = dataKeyString(c.key);
    const existing = stored.get(k);
    const channel = who.channelOf(c.input.file);
    const change = { ...who, channel };
    const where = db
      .updateTable('data_value')
      .where('org_unit_code', '=', c.key.orgUnit)
      .where('indicator_code', '=', c.key.indicator)
      .where('period', '=', c.key.period)
      .where('category', '=', c.key.category);
    if (c.input.clear) {
      if (!existing || existing.deleted) {
        counts.unchanged++;
        continue;
      }
      const revision = existing.revision + 1;
      await where
        .set({
          deleted: 1,
          value: null,
          value_text: null,
          revision,
          updated_at: who.now,
          author: who.author,
          channel,
          owner: who.owner,
        })
        .execute();
      await journalChange(
        db,
        {
          table: 'data_value',
          rowKey: k,
          old: shown(existing),
          new: null,
          oldRevision: existing.revision,
          newRevision: revision,
        },
        change,
      );
      counts.deleted++;
      continue;
    }
    const comment = c.input.comment === undefined ? (existing?.comment ?? null) : c.input.comment;
    const next = { value: c.value, value_text: c.valueText, comment };
    if (!existing) {
      await db
        .insertInto('data_value')
        .values({
          org_unit_code: c.key.orgUnit,
          indicator_code: c.key.indicator,
          period: c.key.period,
          category: c.key.category,
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
        { table: 'data_value', rowKey: k, old: null, new: shown(next), oldRevision: null, newRevision: 1 },
        change,
      );
      counts.inserted++;
      continue;
    }
    if (
      !existing.deleted &&
      existing.value === next.value &&
      existing.value_text === next.value_text &&
      existing.comment === next.comment
    ) {
      counts.unchanged++;
      continue;
    }
    const revision = existing.revision + 1;
    await where
      .set({
        ...next,
        deleted: 0,
        revision,
        updated_at: who.now,
        author: who.author,
        channel,
        owner: who.owner,
      })
      .execute();
    await journalChange(
      db,
      {
        table: 'data_value',
        rowKey: k,
        old: existing.deleted ? null : shown(existing),
        new: shown(next),
        oldRevision: existing.revision,
        newRevision: revision,
      },
      change,
    );
    counts.updated++;
  }
  return counts;
}
