import type { Database } from '@oise/schema';
import { type Kysely, sql } from 'kysely';
import type { ConsolidationPlan } from './consolidation-plan.js';
import { type AnyDb, idOf, loadJson, loadPlan, resetTables, run } from './engine-tables.js';
import type { FigureRow } from './figure.js';
import type { IndicatorRule } from './indicator-rules.js';
import { KeyLayout } from './key-layout.js';

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
 * Every row of these tables carries one packed integer key (commune, category, indicator,
 * quarter or year, group or unit: `key-layout.ts`), so that each GROUP BY sorts integers, not
 * four text columns; codes come back as text only in the result. A commune's completeness over a
 * year is one grouping to a row per commune and year, then a count, not `count(distinct)`.
 *
 * Temporary tables live on the connection (the store has one, on either SQLite driver), are
 * rebuilt by every pass and never reach the node file.
 */

/** Decimal places kept: sums of decimals in another row order then give the same figure. */
const DECIMALS = 6;

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
  const keys = new KeyLayout(plan, rules);
  await loadPlan(tdb, plan, rules, keys);
  if (plan.leaves.length === 0) return;

  await buildBase(tdb, plan, rules, keys);
  await aggregateQuarters(tdb, keys);
  if (plan.years.length > 0) await aggregateYears(tdb, plan, keys);
  const round = (c: string) => `round(${c}, ${DECIMALS})`;
  const figures = (t: string) =>
    `${keys.categoryText(`${t}.k`)}, ${round(`${t}.value`)}, ${round(`${t}.numerator`)},
     ${round(`${t}.denominator`)}, ${t}.reporting, ${t}.on_time`;
  await run(
    tdb,
    `insert into oise_c_result
       select i.code, u.code, pr.code, ${figures('q')}, coalesce(e.expected, 0)
       from oise_c_qagg q
       cross join oise_c_ind i on i.i = ${keys.i('q.k')}
       cross join oise_c_unit u on u.u = ${keys.top('q.k')}
       cross join oise_c_period pr on pr.p = ${keys.p('q.k')}
       left join oise_c_expected e on e.unit = u.code and e.period = pr.code`,
  );
  const year = `cast(${keys.firstYear} + ${keys.p('y.k')} as text)`;
  await run(
    tdb,
    `insert into oise_c_result
       select i.code, u.code, ${year}, ${figures('y')}, coalesce(e.expected, 0)
       from oise_c_yagg y
       cross join oise_c_ind i on i.i = ${keys.i('y.k')}
       cross join oise_c_unit u on u.u = ${keys.top('y.k')}
       left join oise_c_period fp on fp.p = y.from_p
       left join oise_c_expected e on e.unit = u.code and e.period = coalesce(fp.code, ${year})`,
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

/** Ids as an SQL list. */
function ids(list: Iterable<number>): string {
  return [...new Set(list)].join(', ');
}

/** Commune values: stored ones, sex totals derived where none is stored, ratios per commune. */
async function buildBase(db: AnyDb, plan: ConsolidationPlan, rules: IndicatorRule[], keys: KeyLayout) {
  const { mb } = keys;
  const g = `(k >> ${mb})`;
  await sql`
    insert into oise_c_base (k, ot, value)
    select ((((l.prefix << ${sql.raw(String(keys.p0))}) | (i.i << 2)
              | (case d.category when '' then 0 when 'F' then 1 else 2 end)) << ${sql.raw(String(mb))}) | l.m),
           l.on_time, d.value
    from data_value d
    join oise_c_leaf l on l.commune = d.org_unit_code and l.period = d.period
    join oise_c_ind i on i.code = d.indicator_code
    where ${periodFilter(plan.quarters)} and d.deleted = 0 and d.value is not null
      and i.is_ratio = 0 and (d.category = '' or (i.sex = 1 and d.category in ('F', 'M')))`.execute(db);
  const id = keys.indicatorIds;
  // A sex-disaggregated total: the stored total when there is one, else F + M (what is present).
  const sexes = ids(rules.filter((r) => r.sex).map((r) => idOf(id, r.code)));
  await run(
    db,
    `insert into oise_c_base (k, ot, value)
       select k & ~(3 << ${mb}) as t, max(ot), sum(case when ${keys.c(g)} <> 0 then value end)
       from oise_c_base where ${keys.i(g)} in (${sexes})
       group by t having sum(${keys.c(g)} = 0) = 0`,
  );
  // Ratio rows: one per commune that gave both parts (value = the commune's own ratio).
  const parts = ids(
    rules.flatMap((r) => (r.ratio ? [idOf(id, r.ratio.numerator), idOf(id, r.ratio.denominator)] : [])),
  );
  await run(
    db,
    `insert into oise_c_parts (k, ot, value)
       select k, ot, value from oise_c_base where ${keys.i(g)} in (${parts}) order by k`,
  );
  const ng = `(n.k >> ${mb})`;
  const nm = `(n.k & ${2 ** mb - 1})`;
  const denKey = keys.withI(ng, 'i.den', `case when i.den_sex = 1 then ${keys.c(ng)} else 0 end`);
  await run(
    db,
    `insert into oise_c_base (k, ot, value)
       select (${keys.withI(ng, 'i.i')} << ${mb}) | ${nm}, n.ot,
              case when d.value = 0 then null else n.value * i.factor / d.value end
       from oise_c_parts n
       cross join oise_c_ind i on i.num = ${keys.i(ng)} and (${keys.c(ng)} = 0 or i.sex = 1)
       cross join oise_c_parts d on d.k = (${denKey} << ${mb}) | ${nm}
       where i.is_ratio = 1`,
  );
}

/** Along the hierarchy: each unit from the communes under it that quarter. */
async function aggregateQuarters(db: AnyDb, keys: KeyLayout): Promise<void> {
  await run(
    db,
    `insert into oise_c_part (g, s, n, mn, mx, ot)
       select k >> ${keys.mb} as g, sum(value), count(*), min(value), max(value), sum(ot)
       from oise_c_base group by g`,
  );
  // 'last' along the hierarchy means nothing (it is a time rule): a stock is summed over units.
  await run(
    db,
    `insert into oise_c_qagg (k, value, reporting, on_time)
       select ${keys.withTop('u.unit', 'p.g')} as qk,
              case i.agg when 'average' then sum(p.s) / sum(p.n) when 'min' then min(p.mn)
                         when 'max' then max(p.mx) else sum(p.s) end,
              sum(p.n), sum(p.ot)
       from oise_c_part p
       cross join oise_c_units u on u.prefix = ${keys.topP('p.g')}
       cross join oise_c_ind i on i.i = ${keys.i('p.g')}
       group by qk`,
  );
  await fillRatios(db, 'oise_c_qagg', keys);
}

/** Ratios from the aggregated numerator and denominator, never an average of ratios. */
async function fillRatios(db: AnyDb, table: string, keys: KeyLayout): Promise<void> {
  // A unit with numerator figures gets a ratio row even when no single commune gave both parts.
  await run(
    db,
    `insert or ignore into ${table} (k, reporting, on_time)
       select ${keys.withI('n.k', 'i.i')}, 0, 0
       from ${table} n
       cross join oise_c_ind i on i.num = ${keys.i('n.k')} and (${keys.c('n.k')} = 0 or i.sex = 1)
       where i.is_ratio = 1`,
  );
  const part = (which: 'num' | 'den') => {
    const key =
      which === 'num'
        ? keys.withI('t.k', 'i.num')
        : keys.withI('t.k', 'i.den', `case when i.den_sex = 1 then ${keys.c('t.k')} else 0 end`);
    return `(select p.value from oise_c_ind i cross join ${table} p on p.k = ${key}
             where i.i = ${keys.i('t.k')})`;
  };
  const ratios = `${keys.i('t.k')} in (select i from oise_c_ind where is_ratio = 1)`;
  await run(
    db,
    `update ${table} as t set numerator = ${part('num')}, denominator = ${part('den')} where ${ratios}`,
  );
  await run(
    db,
    `update ${table} as t set value = case when t.numerator is null or t.denominator is null
         or t.denominator = 0 then null
         else t.numerator * (select factor from oise_c_ind where i = ${keys.i('t.k')}) / t.denominator end
       where ${ratios}`,
  );
}

/** Along time: each unit's year from its quarters, by the indicator's time rule. */
async function aggregateYears(db: AnyDb, plan: ConsolidationPlan, keys: KeyLayout): Promise<void> {
  const { mb } = keys;
  const moved = plan.years.filter((y) => plan.movedYears.includes(y));
  const steady = plan.years.filter((y) => !moved.includes(y));
  const list = (years: number[]) => ids(years.map((y) => keys.year(y)));
  const g = `(k >> ${mb})`;
  const m = `(k & ${2 ** mb - 1})`;
  // A commune's group key over the year: its quarter's key with the year in the p field.
  const yearGroup = (key: string) => keys.withP(key, `${keys.p(key)} >> 2`);
  // Completeness over a year: communes that reported at least once, on time every time they did.
  if (steady.length > 0) {
    // Each commune stays in one group all year: one row per commune and year, counted per group,
    // then the groups added up per unit.
    await run(
      db,
      `insert into oise_c_yagg (k, reporting, on_time)
         select ${keys.withTop('u.unit', 'g.g')} as yk, sum(g.n), sum(g.ot)
         from (select c.y >> ${mb} as g, count(*) as n, sum(c.ok) as ot
               from (select (${yearGroup(g)} << ${mb}) | ${m} as y, min(ot) as ok
                     from oise_c_base where (${keys.p(g)} >> 2) in (${list(steady)}) group by y) c
               group by g) g
         cross join oise_c_year_units u on u.prefix = ${keys.topP('g.g')}
         group by yk`,
    );
  }
  if (moved.length > 0) {
    // The territory changed during the year: count each commune once per unit, whatever its group.
    await loadJson(
      db,
      'map',
      ['p', 'm', 'unit', 'on_time'],
      plan.map
        .filter((r) => moved.includes(Number(r.period.slice(0, 4))))
        .map((r) => [
          keys.quarter(r.period),
          idOf(keys.communeIds, r.commune),
          idOf(keys.unitIds, r.unit),
          r.onTime,
        ]),
    );
    await run(db, 'create index temp.oise_c_map_idx on oise_c_map (p, m)');
    const bg = `(b.k >> ${mb})`;
    const bm = `(b.k & ${2 ** mb - 1})`;
    await run(
      db,
      `insert into oise_c_yagg (k, reporting, on_time)
         select ${keys.withTop('m.unit', yearGroup(bg))} as yk, count(distinct ${bm}),
                count(distinct ${bm}) - count(distinct case when m.on_time = 0 then ${bm} end)
         from oise_c_base b
         join oise_c_map m on m.p = ${keys.p(bg)} and m.m = ${bm}
         where (${keys.p(bg)} >> 2) in (${list(moved)})
         group by yk`,
    );
  }
  const quarterKey = (q: number) => keys.withP('y.k', `${keys.p('y.k')} * 4 + ${q}`);
  const quartersOf = `q.k in (${[0, 1, 2, 3].map(quarterKey).join(', ')})`;
  const rule = (condition: string) =>
    `${keys.i('y.k')} in (select i from oise_c_ind where is_ratio = 0 and ${condition})`;
  await run(
    db,
    `update oise_c_yagg as y set value = (
         select case i.tagg when 'average' then avg(q.value) when 'min' then min(q.value)
                when 'max' then max(q.value) else sum(q.value) end
         from oise_c_ind i cross join oise_c_qagg q where i.i = ${keys.i('y.k')} and ${quartersOf})
       where ${rule(`tagg <> 'last'`)}`,
  );
  // A stock over a year: the last quarter that has a figure, with that quarter's completeness.
  await run(
    db,
    `update oise_c_yagg as y set from_p = (
         select max(${keys.p('q.k')}) from oise_c_qagg q where ${quartersOf} and q.value is not null)
       where ${rule(`tagg = 'last'`)}`,
  );
  await run(
    db,
    `update oise_c_yagg as y set (value, reporting, on_time) = (
         select q.value, q.reporting, q.on_time from oise_c_qagg q where q.k = ${keys.withP('y.k', 'y.from_p')})
       where y.from_p is not null`,
  );
  await fillRatios(db, 'oise_c_yagg', keys);
}

/** The computed figures of the last pass (for queries and reports), in `aggregate_value`'s columns. */
export async function readComputed(db: Kysely<Database>): Promise<FigureRow[]> {
  const result = await sql<FigureRow>`
    select indicator as indicator_code, unit as org_unit_code, period, category, value, numerator,
      denominator, reporting, expected, on_time
    from oise_c_result order by indicator, unit, period, category`.execute(db);
  return result.rows;
}
