import { type Kysely, sql } from 'kysely';
import type { ConsolidationPlan } from './consolidation-plan.js';
import type { IndicatorRule } from './indicator-rules.js';
import type { KeyLayout } from './key-layout.js';

/*
 * The figure engine's temporary tables (`oise_c_*`, on the connection, rebuilt by every pass) and
 * how a pass's plan, rules and ids are loaded into them.
 */

/** The node database seen without its typed schema. */
// biome-ignore lint/suspicious/noExplicitAny: temporary tables are outside the typed schema
export type AnyDb = Kysely<any>;

/** Runs one SQL statement of the engine. */
export async function run(db: AnyDb, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

const TABLES: Record<string, string> = {
  ind: `(i integer primary key, code text, sex integer, agg text, tagg text, is_ratio integer, num integer,
         den integer, den_sex integer, factor real)`,
  leaf: `(commune text, period text, prefix integer, m integer, on_time integer, primary key (commune, period))
         without rowid`,
  units: '(prefix integer, unit integer, primary key (prefix, unit)) without rowid',
  year_units: '(prefix integer, unit integer, primary key (prefix, unit)) without rowid',
  unit: '(u integer primary key, code text)',
  period: '(p integer primary key, code text)',
  map: '(p integer, m integer, unit integer, on_time integer)',
  expected: '(unit text, period text, expected integer, primary key (unit, period))',
  base: '(k integer, ot integer, value real)',
  parts: '(k integer primary key, ot integer, value real)',
  part: '(g integer, s real, n integer, mn real, mx real, ot integer)',
  qagg: `(k integer primary key, value real, numerator real, denominator real, reporting integer,
          on_time integer)`,
  yagg: `(k integer primary key, value real, numerator real, denominator real, reporting integer,
          on_time integer, from_p integer)`,
  result: `(indicator text, unit text, period text, category text, value real, numerator real,
           denominator real, reporting integer, on_time integer, expected integer,
           primary key (indicator, unit, period, category))`,
};

/** Drops and recreates every temporary table of the engine, empty. */
export async function resetTables(db: AnyDb): Promise<void> {
  for (const [name, definition] of Object.entries(TABLES)) {
    await run(db, `drop table if exists temp.oise_c_${name}`);
    await run(db, `create temp table oise_c_${name} ${definition}`);
  }
}

/** Inserts rows into a temporary table through `json_each`, 50 000 at a time. */
export async function loadJson(
  db: AnyDb,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  const picks = columns.map((_, i) => `value ->> ${i}`).join(', ');
  for (let i = 0; i < rows.length; i += 50_000) {
    const chunk = JSON.stringify(rows.slice(i, i + 50_000));
    await sql`insert into ${sql.table(`oise_c_${table}`)} (${sql.raw(columns.join(', '))}) select ${sql.raw(picks)} from json_each(${chunk})`.execute(
      db,
    );
  }
}

/** The id of a code in one of the pass's id maps. */
export function idOf(ids: Map<string, number>, code: string): number {
  const id = ids.get(code);
  if (id === undefined) throw new Error(`figure engine: no id for ${code}`);
  return id;
}

/** Loads the pass's rules, territory and ids into the temporary tables. */
export async function loadPlan(db: AnyDb, plan: ConsolidationPlan, rules: IndicatorRule[], keys: KeyLayout) {
  const ind = keys.indicatorIds;
  await loadJson(
    db,
    'ind',
    ['i', 'code', 'sex', 'agg', 'tagg', 'is_ratio', 'num', 'den', 'den_sex', 'factor'],
    rules.map((r) => [
      idOf(ind, r.code),
      r.code,
      r.sex ? 1 : 0,
      r.aggregation,
      r.timeAggregation,
      r.ratio ? 1 : 0,
      r.ratio ? idOf(ind, r.ratio.numerator) : null,
      r.ratio ? idOf(ind, r.ratio.denominator) : null,
      r.ratio?.denominatorSex ? 1 : 0,
      r.ratio?.factor ?? null,
    ]),
  );
  await run(db, 'create index temp.oise_c_ind_code on oise_c_ind (code, i, sex, is_ratio)');
  await run(db, 'create index temp.oise_c_ind_num on oise_c_ind (num)');
  await loadJson(
    db,
    'leaf',
    ['period', 'commune', 'prefix', 'm', 'on_time'],
    plan.leaves.map((m) => [
      m.period,
      m.commune,
      keys.prefix(idOf(keys.leafIds, m.leaf), keys.quarter(m.period)),
      idOf(keys.communeIds, m.commune),
      m.onTime,
    ]),
  );
  await loadJson(
    db,
    'units',
    ['prefix', 'unit'],
    plan.leafUnits.map((m) => [
      keys.prefix(idOf(keys.leafIds, m.leaf), keys.quarter(m.period)),
      idOf(keys.unitIds, m.unit),
    ]),
  );
  await loadJson(
    db,
    'year_units',
    ['prefix', 'unit'],
    plan.yearLeafUnits.map((m) => [
      keys.prefix(idOf(keys.leafIds, m.leaf), keys.year(m.year)),
      idOf(keys.unitIds, m.unit),
    ]),
  );
  await loadJson(
    db,
    'unit',
    ['u', 'code'],
    [...keys.unitIds].map(([code, u]) => [u, code]),
  );
  await loadJson(
    db,
    'period',
    ['p', 'code'],
    plan.quarters.map((q) => [keys.quarter(q), q]),
  );
  await loadJson(
    db,
    'expected',
    ['period', 'unit', 'expected'],
    plan.expected.map((e) => [e.period, e.unit, e.expected]),
  );
}
