import type { Database } from '@oise/schema';
import { type Kysely, sql } from 'kysely';

/** What a consolidation wrote: figures computed, and how many rows that took. */
export interface AggregateWriteCounts {
  /** Figures computed by the pass. */
  computed: number;
  /** New aggregate rows. */
  inserted: number;
  /** Rows whose figure changed (revision bumped). */
  updated: number;
  /** Rows emptied because nothing is reported any more (value null, reporting 0; revision bumped). */
  cleared: number;
  /** Figures computed and found unchanged: nothing written, nothing for sync to resend. */
  unchanged: number;
}

export function emptyAggregateCounts(): AggregateWriteCounts {
  return { computed: 0, inserted: 0, updated: 0, cleared: 0, unchanged: 0 };
}

export function addCounts(a: AggregateWriteCounts, b: AggregateWriteCounts): AggregateWriteCounts {
  return {
    computed: a.computed + b.computed,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    cleared: a.cleared + b.cleared,
    unchanged: a.unchanged + b.unchanged,
  };
}

export interface WriteOptions {
  nodeCode: string;
  now: string;
  /**
   * Which existing local rows the pass answers for: `pairs` = the (period, unit) pairs it
   * computed (incremental); `periods` = every local row of its periods (full rebuild, which also
   * empties rows of units that left the hierarchy).
   */
  clearScope: 'pairs' | 'periods';
}

/**
 * Stores the last pass (`oise_c_result`) as `source = 'local'` aggregates owned and computed by
 * the node. A row is written only when its figure changed, so consolidating twice writes nothing
 * and sync resends nothing; published rows are never touched.
 */
export async function writeAggregates(
  db: Kysely<Database>,
  options: WriteOptions,
): Promise<AggregateWriteCounts> {
  const { nodeCode: node, now } = options;
  const computed = await sql<{ n: number }>`select count(*) as n from oise_c_result`.execute(db);
  const total = Number(computed.rows[0]?.n ?? 0);
  const updated = await sql`
    update aggregate_value as a set value = r.value, numerator = r.numerator, denominator = r.denominator,
      reporting = r.reporting, expected = r.expected, on_time = r.on_time, computed_by = ${node},
      owner = ${node}, computed_at = ${now}, updated_at = ${now}, revision = a.revision + 1
    from oise_c_result r
    where a.source = 'local' and a.indicator_code = r.indicator and a.org_unit_code = r.unit
      and a.period = r.period and a.category = r.category
      and (a.value is not r.value or a.numerator is not r.numerator or a.denominator is not r.denominator
        or a.reporting <> r.reporting or a.expected <> r.expected or a.on_time <> r.on_time
        or a.computed_by <> ${node} or a.owner <> ${node})`.execute(db);
  // Emptied before the new rows go in: a row just inserted is in the result, never to clear.
  // Candidates found through the (period, unit) index, not by scanning every aggregate.
  const candidates =
    options.clearScope === 'pairs'
      ? sql`select c.rowid from oise_c_expected e join aggregate_value c
            on c.period = e.period and c.org_unit_code = e.unit where c.source = 'local'`
      : sql`select c.rowid from aggregate_value c
            where c.period in (select distinct period from oise_c_expected) and c.source = 'local'`;
  const expectedOf = sql`coalesce((select e.expected from oise_c_expected e
    where e.unit = a.org_unit_code and e.period = a.period), 0)`;
  const cleared = await sql`
    update aggregate_value as a set value = null, numerator = null, denominator = null, reporting = 0,
      on_time = 0, expected = ${expectedOf}, computed_by = ${node}, owner = ${node}, computed_at = ${now},
      updated_at = ${now}, revision = a.revision + 1
    where a.rowid in (${candidates})
      and not exists (select 1 from oise_c_result r where r.indicator = a.indicator_code
        and r.unit = a.org_unit_code and r.period = a.period and r.category = a.category)
      and (a.value is not null or a.numerator is not null or a.denominator is not null or a.reporting <> 0
        or a.on_time <> 0 or a.expected <> ${expectedOf})`.execute(db);
  const inserted = await sql`
    insert into aggregate_value (indicator_code, org_unit_code, period, category, source, value, numerator,
      denominator, reporting, expected, on_time, computed_by, computed_at, owner, revision, updated_at)
    select r.indicator, r.unit, r.period, r.category, 'local', r.value, r.numerator, r.denominator,
      r.reporting, r.expected, r.on_time, ${node}, ${now}, ${node}, 1, ${now}
    from oise_c_result r
    where not exists (select 1 from aggregate_value a where a.indicator_code = r.indicator
      and a.org_unit_code = r.unit and a.period = r.period and a.category = r.category and a.source = 'local')
    order by r.period, r.unit, r.indicator, r.category`.execute(db);
  const counts = {
    computed: total,
    inserted: Number(inserted.numAffectedRows ?? 0),
    updated: Number(updated.numAffectedRows ?? 0),
    cleared: Number(cleared.numAffectedRows ?? 0),
    unchanged: 0,
  };
  counts.unchanged = counts.computed - counts.inserted - counts.updated;
  return counts;
}
