import type { Hierarchy } from '@oise/catalog';
import { tryParseQuarter } from '@oise/core';
import { changeCounter } from '@oise/node';
import type { Database } from '@oise/schema';
import { type Kysely, sql } from 'kysely';
import { hierarchyOf } from './consolidation-plan.js';
import { consolidatedUpTo } from './consolidation-state.js';

/** Rows of one unit and quarter changed since a change-counter mark. */
export interface ChangedRows {
  period: string;
  /** The row's own unit: a commune for values, a cercle or a region for submissions. */
  unit: string;
  values: number;
  submissions: number;
  receptions: number;
}

/**
 * The raw rows that an incremental consolidation recomputes from: values, submissions and
 * receptions whose `local_seq` lies above `mark`, counted per unit and quarter. The one list
 * `consolidateChanges` and `consolidationLag` both read.
 */
export async function rowsChangedSince(db: Kysely<Database>, mark: number): Promise<ChangedRows[]> {
  const rows = await sql<ChangedRows>`
    select period, unit, sum(v) as "values", sum(s) as submissions, sum(r) as receptions from (
      select period, org_unit_code as unit, 1 as v, 0 as s, 0 as r from data_value where local_seq > ${mark}
      union all select period, org_unit_code, 0, 1, 0 from quarter_submission where local_seq > ${mark}
      union all select period, org_unit_code, 0, 0, 1 from quarter_reception where local_seq > ${mark}
    ) group by period, unit order by period, unit`.execute(db);
  return rows.rows.map((r) => ({
    ...r,
    values: Number(r.values),
    submissions: Number(r.submissions),
    receptions: Number(r.receptions),
  }));
}

/** Territory or catalog rows changed since `mark`: any makes the next consolidation rebuild everything. */
export async function referenceRowsChangedSince(db: Kysely<Database>, mark: number): Promise<number> {
  const r = await sql<{ n: number }>`
    select (select count(*) from org_unit where local_seq > ${mark})
         + (select count(*) from indicator where local_seq > ${mark}) as n`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** What arrived for one reporting unit (a cercle, or a region's own rows) and quarter since the last consolidation. */
export interface LaggingUnit {
  period: string;
  /** The cercle the rows come from (a commune's value counts for its cercle), or the region. */
  unit: string;
  /** As the quarter's territory spells it. */
  name: string;
  values: number;
  submissions: number;
  receptions: number;
}

/** How far the node's aggregates lag behind what it holds. */
export interface ConsolidationLag {
  /** Nothing the next consolidation would recompute. */
  upToDate: boolean;
  /** The change counter the last consolidation reached; undefined before the first one. */
  consolidatedUpTo: number | undefined;
  /** The node's change counter now. */
  changeCounter: number;
  /** Rows (values, submissions, receptions) changed since, over every unit. */
  changedRows: number;
  /** Territory or catalog rows changed since (the next consolidation rebuilds everything). */
  referenceRows: number;
  /** The changed rows per reporting unit and quarter, by quarter then unit code. */
  units: LaggingUnit[];
}

/**
 * The consolidation state of a node: up to date, or what arrived since the last consolidation
 * (the rows `consolidateChanges` would recompute from, per cercle and quarter, in the node's
 * subtree). Before any consolidation, everything the node holds counts as arrived.
 */
export async function consolidationLag(db: Kysely<Database>, nodeCode: string): Promise<ConsolidationLag> {
  const mark = await consolidatedUpTo(db);
  const counter = await changeCounter(db);
  const since = mark ?? 0;
  const referenceRows = await referenceRowsChangedSince(db, since);
  const hierarchies = new Map<string, Hierarchy>();
  const byUnit = new Map<string, LaggingUnit>();
  for (const row of await rowsChangedSince(db, since)) {
    const quarter = tryParseQuarter(row.period);
    if (!quarter) continue;
    const h = await hierarchyOf(db, `${quarter.year}Q${quarter.quarter}`, hierarchies);
    const chain = h.ancestorsOf(row.unit);
    // The same scope as consolidateChanges: rows outside the node's subtree are never recomputed.
    if (!chain.some((u) => u.code === nodeCode)) continue;
    const reporting = chain.find((u) => u.level !== 'commune') ?? chain[0]!;
    const key = `${row.period}|${reporting.code}`;
    const entry = byUnit.get(key) ?? {
      period: row.period,
      unit: reporting.code,
      name: reporting.name,
      values: 0,
      submissions: 0,
      receptions: 0,
    };
    entry.values += row.values;
    entry.submissions += row.submissions;
    entry.receptions += row.receptions;
    byUnit.set(key, entry);
  }
  const units = [...byUnit.values()].sort(
    (a, b) => a.period.localeCompare(b.period) || a.unit.localeCompare(b.unit),
  );
  const changedRows = units.reduce((n, u) => n + u.values + u.submissions + u.receptions, 0);
  return {
    upToDate: mark !== undefined ? changedRows === 0 && referenceRows === 0 : changedRows === 0,
    consolidatedUpTo: mark,
    changeCounter: counter,
    changedRows,
    referenceRows,
    units,
  };
}
