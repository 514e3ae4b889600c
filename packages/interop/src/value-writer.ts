import { type CheckedValue, type WriteCounts, dataKeyString, emptyCounts, journalChange } from '@oise/entry';
import type { DataValue, Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** The journal and row channel of values that came from DHIS2. */
export const DHIS2_CHANNEL = 'dhis2';

function shown(r: { value: number | null; value_text: string | null; comment: string | null }) {
  return { value: r.value_text ?? r.value, comment: r.comment };
}

/**
 * Stores values checked by @oise/entry's `checkValues`, under the rules of `oise import`
 * (call inside one transaction): a new figure gets revision 1, a changed one revision + 1, an
 * identical one is left alone (re-importing writes nothing); every write is journaled with
 * its old and new value, channel `dhis2`. Kept in step with entry's own writer, which entry
 * does not export (it journals the file's extension as channel).
 */
export async function writeDhis2Values(
  db: Kysely<Database>,
  accepted: CheckedValue[],
  stored: Map<string, DataValue>,
  who: { owner: string; author: string; now: string },
): Promise<WriteCounts> {
  const counts = emptyCounts();
  const change = { ...who, channel: DHIS2_CHANNEL };
  for (const c of accepted) {
    if (!c.key) continue;
    const k = dataKeyString(c.key);
    const existing = stored.get(k);
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
          channel: DHIS2_CHANNEL,
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
    await db
      .updateTable('data_value')
      .where('org_unit_code', '=', c.key.orgUnit)
      .where('indicator_code', '=', c.key.indicator)
      .where('period', '=', c.key.period)
      .where('category', '=', c.key.category)
      .set({
        ...next,
        deleted: 0,
        revision,
        updated_at: who.now,
        author: who.author,
        channel: DHIS2_CHANNEL,
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
