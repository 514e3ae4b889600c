import type { Database } from '@oise/schema';
import { type Kysely, sql } from 'kysely';
import type { ConsolidationPlan } from './consolidation-plan.js';
import type { IndicatorRule } from './indicator-rules.js';

/*
 * The figure engine: one pass of set-based SQL over temporary tables, so that consolidating Mali
 * costs a few GROUP BYs, not a loop over rows. For the quarters and years of a plan:
 *
 *   data_value ─► base   commune × quarter × indicator × category, one value each, with the
 *                        commune's group (its cercle) and timeliness; sex totals derived as F + M
 *                        where no total is stored; a ratio row where a commune gave both parts
 *   base       ─► part   per group: sum, count, min, max, on time (all decomposable)
 *   part ⨝ units ► qagg  unit × quarter by the hierarchy rule; ratios from aggregated parts
 *   base, qagg ─► yagg   unit × year: completeness over the year, the time rule, ratios
 *   qagg ∪ yagg ─► result rounded, with the communes expected
 *
 * Temporary tables live on the connection (better-sqlite3 has one), are rebuilt by every pass
 * and never reach the node file.
 */

/** Decimal places kept: sums of decimals in another row order then give the same figure. */
const DECIMALS = 6;

/** A computed figure, as the result table holds it. */
export interface ComputedRow {
  indicator: string;
  unit: string;
  period: string;
  category: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  reporting: number;
  expected: number;
  on_time: number;
}

// biome-ignore lint/suspicious/noExplicitAny: temporary tables are outside the typed schema
type AnyDb = Kysely<any>;

async function run(db: AnyDb, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

const TABLES: Record<string, string> = {
  ind: `code text primary key, sex integer, agg text, tagg text, is_ratio integer, num text, den text,
        den_sex integer, factor real`,
  leaf: 'commune text, period text, leaf text, on_time integer, primary key (commune, period)',
  units: 'period text, leaf text, unit text',
  year_units: 'year text, leaf text, unit text',
  map: 'period text, commune text, unit text, on_time integer',
  expected: 'unit text, period text, expected integer, primary key (unit, period)',
  base: 'period text, indicator text, category text, commune text, leaf text, on_time integer, value real',
  parts: 'period text, indicator text, category text, commune text, value real',
  part: `leaf text, period text, indicator text, category text, s real, n integer, mn real, mx real,
         ot integer`,
  qagg: `unit text, indicator text, category text, period text, value real, numerator real,
         denominator real, reporting integer, on_time integer, primary key (unit, indicator, category, period)`,
  yagg: `unit text, indicator text, category text, year text, value real, numerator real,
         denominator real, reporting integer, on_time integer, from_period text,
         primary key (unit, indicator, category, year)`,
  result: `indicator text, unit text, period text, category text, value real, numerator real,
           denominator real, reporting integer, on_time integer, expected integer,
           primary key (indicator, unit, period, category)`,
};

async function resetTables(db: AnyDb): Promise<void> {
  for (const [name, columns] of Object.entries(TABLES)) {
    await run(db, `drop table if exists temp.oise_c_${name}`);
    await run(db, `create temp table oise_c_${name} (${columns})`);
  }
}

async function loadJson(db: AnyDb, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const picks = columns.map((_, i) => `value ->> ${i}`).join(', ');
  for (let i = 0; i < rows.length; i += 50_000) {
    const chunk = JSON.stringify(rows.slice(i, i + 50_000));
    await sql`insert into ${sql.table(`oise_c_${table}`)} (${sql.raw(columns.join(', '))}) select ${sql.raw(picks)} from json_each(${chunk})`.execute(
      db,
    );
  }
}

/**
 * Computes every figure of `plan` into the temporary table `oise_c_result`. Nothing is written to
 * the node's tables; `writeAggregates` or `readComputed` take it from there.
 */
export async function computeFigures(
  db: Kysely<Database>,
  plan: ConsolidationPlan,
  rules: IndicatorRule[],
): Promise<void> {
  const tdb = db as unknown as AnyDb;
  await resetTables(tdb);
  await loadJson(
    tdb,
    'ind',
    ['code', 'sex', 'agg', 'tagg', 'is_ratio', 'num', 'den', 'den_sex', 'factor'],
    rules.map((r) => [
      r.code,
      r.sex ? 1 : 0,
      r.aggregation,
      r.timeAggregation,
      r.ratio ? 1 : 0,
      r.ratio?.numerator ?? null,
      r.ratio?.denominator ?? null,
      r.ratio?.denominatorSex ? 1 : 0,
      r.ratio?.factor ?? null,
    ]),
  );
  await loadJson(
    tdb,
    'leaf',
    ['period', 'commune', 'leaf', 'on_time'],
    plan.leaves.map((m) => [m.period, m.commune, m.leaf, m.onTime]),
  );
  await loadJson(
    tdb,
    'units',
    ['period', 'leaf', 'unit'],
    plan.leafUnits.map((m) => [m.period, m.leaf, m.unit]),
  );
  await loadJson(
    tdb,
    'year_units',
    ['year', 'leaf', 'unit'],
    plan.yearLeafUnits.map((m) => [String(m.year), m.leaf, m.unit]),
  );
  await loadJson(
    tdb,
    'expected',
    ['period', 'unit', 'expected'],
    plan.expected.map((e) => [e.period, e.unit, e.expected]),
  );
  if (plan.leaves.length === 0) return;
  await run(tdb, 'create index temp.oise_c_units_idx on oise_c_units (period, leaf)');
  await run(tdb, 'create index temp.oise_c_year_units_idx on oise_c_year_units (year, leaf)');

  await buildBase(tdb, plan);
  await aggregateQuarters(tdb);
  if (plan.years.length > 0) await aggregateYears(tdb, plan);
  const round = (c: string) => `round(${c}, ${DECIMALS})`;
  await run(
    tdb,
    `insert into oise_c_result
       select q.indicator, q.unit, q.period, q.category, ${round('q.value')}, ${round('q.numerator')},
              ${round('q.denominator')}, q.reporting, q.on_time, coalesce(e.expected, 0)
       from oise_c_qagg q left join oise_c_expected e on e.unit = q.unit and e.period = q.period`,
  );
  await run(
    tdb,
    `insert into oise_c_result
       select y.indicator, y.unit, y.year, y.category, ${round('y.value')}, ${round('y.numerator')},
              ${round('y.denominator')}, y.reporting, y.on_time, coalesce(e.expected, 0)
       from oise_c_yagg y
       left join oise_c_expected e on e.unit = y.unit and e.period = coalesce(y.from_period, y.year)`,
  );
}

/**
 * The plan's quarters as a filter on `data_value`. A few quarters are found through the period
 * index; many (a full rebuild) are read by one scan of the table (`+d.period` keeps SQLite off
 * the index): following the index to every row costs about five times a sequential read.
 */
function periodFilter(quarters: readonly string[]) {
  const list = sql.join([...quarters]);
  return quarters.length > INDEXED_QUARTERS ? sql`+d.period in (${list})` : sql`d.period in (${list})`;
}

/** Up to this many quarters (two years), a pass reads `data_value` through its period index. */
const INDEXED_QUARTERS = 8;

/** Commune values: stored ones, sex totals derived where none is stored, ratios per commune. */
async function buildBase(db: AnyDb, plan: ConsolidationPlan): Promise<void> {
  await sql`
    insert into oise_c_base (period, indicator, category, commune, leaf, on_time, value)
    select d.period, d.indicator_code, d.category, d.org_unit_code, l.leaf, l.on_time, d.value
    from data_value d
    join oise_c_leaf l on l.commune = d.org_unit_code and l.period = d.period
    join oise_c_ind i on i.code = d.indicator_code
    where ${periodFilter(plan.quarters)} and d.deleted = 0 and d.value is not null
      and i.is_ratio = 0 and (d.category = '' or (i.sex = 1 and d.category in ('F', 'M')))`.execute(db);
  // A sex-disaggregated total: the stored total when there is one, else F + M (what is present).
  await run(
    db,
    `insert into oise_c_base (period, indicator, category, commune, leaf, on_time, value)
       select b.period, b.indicator, '', b.commune, b.leaf, b.on_time,
              sum(case when b.category <> '' then b.value end)
       from oise_c_base b
       where b.indicator in (select code from oise_c_ind where sex = 1)
       group by b.period, b.indicator, b.commune
       having sum(b.category = '') = 0`,
  );
  // Ratio rows: one per commune that gave both parts (value = the commune's own ratio).
  await run(
    db,
    `insert into oise_c_parts select period, indicator, category, commune, value from oise_c_base
       where indicator in (select num from oise_c_ind where is_ratio = 1
                           union select den from oise_c_ind where is_ratio = 1)`,
  );
  await run(db, 'create index temp.oise_c_parts_idx on oise_c_parts (indicator, period, commune, category)');
  await run(
    db,
    `insert into oise_c_base (period, indicator, category, commune, leaf, on_time, value)
       select n.period, i.code, n.category, n.commune, l.leaf, l.on_time,
              case when d.value = 0 then null else n.value * i.factor / d.value end
       from oise_c_ind i
       join oise_c_parts n on n.indicator = i.num and (n.category = '' or i.sex = 1)
       join oise_c_parts d on d.indicator = i.den and d.period = n.period and d.commune = n.commune
                          and d.category = case when i.den_sex = 1 then n.category else '' end
       join oise_c_leaf l on l.commune = n.commune and l.period = n.period
       where i.is_ratio = 1`,
  );
}

/** Along the hierarchy: each unit from the communes under it that quarter. */
async function aggregateQuarters(db: AnyDb): Promise<void> {
  await run(
    db,
    `insert into oise_c_part
       select leaf, period, indicator, category, sum(value), count(*), min(value), max(value), sum(on_time)
       from oise_c_base group by leaf, period, indicator, category`,
  );
  // 'last' along the hierarchy means nothing (it is a time rule): a stock is summed over units.
  await run(
    db,
    `insert into oise_c_qagg (unit, indicator, category, period, value, reporting, on_time)
       select u.unit, p.indicator, p.category, p.period,
              case i.agg when 'average' then sum(p.s) / sum(p.n) when 'min' then min(p.mn)
                         when 'max' then max(p.mx) else sum(p.s) end,
              sum(p.n), sum(p.ot)
       from oise_c_part p
       join oise_c_units u on u.period = p.period and u.leaf = p.leaf
       join oise_c_ind i on i.code = p.indicator
       group by u.unit, p.indicator, p.category, p.period`,
  );
  await fillRatios(db, 'oise_c_qagg', 'period');
}

/** Ratios from the aggregated numerator and denominator, never an average of ratios. */
async function fillRatios(db: AnyDb, table: string, periodColumn: string): Promise<void> {
  // A unit with numerator figures gets a ratio row even when no single commune gave both parts.
  await run(
    db,
    `insert or ignore into ${table} (unit, indicator, category, ${periodColumn}, reporting, on_time)
       select n.unit, i.code, n.category, n.${periodColumn}, 0, 0
       from oise_c_ind i join ${table} n on n.indicator = i.num and (n.category = '' or i.sex = 1)
       where i.is_ratio = 1`,
  );
  const part = (which: 'num' | 'den') => {
    const category = which === 'num' ? 't.category' : `case when i.den_sex = 1 then t.category else '' end`;
    return `(select p.value from oise_c_ind i join ${table} p
              on p.indicator = i.${which} and p.unit = t.unit and p.${periodColumn} = t.${periodColumn}
              and p.category = ${category}
            where i.code = t.indicator)`;
  };
  await run(
    db,
    `update ${table} as t set numerator = ${part('num')}, denominator = ${part('den')}
       where t.indicator in (select code from oise_c_ind where is_ratio = 1)`,
  );
  await run(
    db,
    `update ${table} as t set value = case when t.numerator is null or t.denominator is null
         or t.denominator = 0 then null
         else t.numerator * (select factor from oise_c_ind where code = t.indicator) / t.denominator end
       where t.indicator in (select code from oise_c_ind where is_ratio = 1)`,
  );
}

/** Along time: each unit's year from its quarters, by the indicator's time rule. */
async function aggregateYears(db: AnyDb, plan: ConsolidationPlan): Promise<void> {
  const moved = plan.years.filter((y) => plan.movedYears.includes(y));
  const steady = plan.years.filter((y) => !moved.includes(y));
  const list = (years: number[]) => years.map((y) => `'${Number(y)}'`).join(', ');
  // Completeness over a year: communes that reported at least once, on time every time they did.
  if (steady.length > 0) {
    // Each commune stays in one group all year: count per group, then add the groups up.
    await run(
      db,
      `insert into oise_c_yagg (unit, indicator, category, year, reporting, on_time)
         select u.unit, g.indicator, g.category, g.year, sum(g.n), sum(g.ot)
         from (select leaf, substr(period, 1, 4) as year, indicator, category, count(distinct commune) as n,
                      count(distinct commune) - count(distinct case when on_time = 0 then commune end) as ot
               from oise_c_base where substr(period, 1, 4) in (${list(steady)})
               group by leaf, substr(period, 1, 4), indicator, category) g
         join oise_c_year_units u on u.year = g.year and u.leaf = g.leaf
         group by u.unit, g.indicator, g.category, g.year`,
    );
  }
  if (moved.length > 0) {
    // The territory changed during the year: count each commune once per unit, whatever its group.
    await loadJson(
      db,
      'map',
      ['period', 'commune', 'unit', 'on_time'],
      plan.map
        .filter((m) => moved.includes(Number(m.period.slice(0, 4))))
        .map((m) => [m.period, m.commune, m.unit, m.onTime]),
    );
    await run(db, 'create index temp.oise_c_map_idx on oise_c_map (period, commune)');
    await run(
      db,
      `insert into oise_c_yagg (unit, indicator, category, year, reporting, on_time)
         select m.unit, b.indicator, b.category, substr(b.period, 1, 4), count(distinct b.commune),
                count(distinct b.commune) - count(distinct case when m.on_time = 0 then b.commune end)
         from oise_c_base b
         join oise_c_map m on m.period = b.period and m.commune = b.commune
         where substr(b.period, 1, 4) in (${list(moved)})
         group by m.unit, b.indicator, b.category, substr(b.period, 1, 4)`,
    );
  }
  const quartersOf = `q.unit = y.unit and q.indicator = y.indicator and q.category = y.category
       and q.period between y.year || 'Q1' and y.year || 'Q4'`;
  await run(
    db,
    `update oise_c_yagg as y set value = (
         select case i.tagg when 'average' then avg(q.value) when 'min' then min(q.value)
                when 'max' then max(q.value) else sum(q.value) end
         from oise_c_qagg q join oise_c_ind i on i.code = q.indicator where ${quartersOf})
       where y.indicator in (select code from oise_c_ind where is_ratio = 0 and tagg <> 'last')`,
  );
  // A stock over a year: the last quarter that has a figure, with that quarter's completeness.
  await run(
    db,
    `update oise_c_yagg as y set from_period = (
         select max(q.period) from oise_c_qagg q where ${quartersOf} and q.value is not null)
       where y.indicator in (select code from oise_c_ind where is_ratio = 0 and tagg = 'last')`,
  );
  await run(
    db,
    `update oise_c_yagg as y set (value, reporting, on_time) = (
         select q.value, q.reporting, q.on_time from oise_c_qagg q
         where q.unit = y.unit and q.indicator = y.indicator and q.category = y.category
           and q.period = y.from_period)
       where y.from_period is not null`,
  );
  await fillRatios(db, 'oise_c_yagg', 'year');
}

/** The computed figures of the last pass (for queries and reports). */
export async function readComputed(db: Kysely<Database>): Promise<ComputedRow[]> {
  const result =
    await sql<ComputedRow>`select * from oise_c_result order by indicator, unit, period, category`.execute(
      db,
    );
  return result.rows;
}
