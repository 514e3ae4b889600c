import { spawnSync } from 'node:child_process';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { since } from '../child-step.js';
import { DASHBOARD, stepPaths } from './national-steps.js';

/*
 * The peers: the same consolidation written by hand, as an analyst would, over three relations
 * named alike in both engines —
 *   vsrc(commune, ind, period, cat, value)   the raw values (live, with a value)
 *   geo(commune, cercle, region)             the current territory
 *   rules(code, aggregation, time_aggregation) the catalog's rules
 * It computes, for every cercle, region and the country, every quarter: the indicator's
 * hierarchy rule (sum / average / min / max) and the count of values; then every year by the
 * time rule (sum / average / min / max / last). It leaves out what OISE does on top: ratios from
 * aggregated parts, sex totals derived from F + M, completeness against the hierarchy valid in
 * each quarter, timeliness, rounding, and the compare-and-write of changed rows only.
 */
const HAND_SQL = `
create temp table per_cercle as
  select g.region, g.cercle, v.period, v.ind, v.cat,
         sum(v.value) as s, count(*) as n, min(v.value) as mn, max(v.value) as mx
  from vsrc v join geo g on g.commune = v.commune
  group by g.region, g.cercle, v.period, v.ind, v.cat;
create table hand_quarter as
  with per_unit as (
    select cercle as unit, period, ind, cat, s, n, mn, mx from per_cercle
    union all
    select region, period, ind, cat, sum(s), sum(n), min(mn), max(mx) from per_cercle group by region, period, ind, cat
    union all
    select 'ML', period, ind, cat, sum(s), sum(n), min(mn), max(mx) from per_cercle group by period, ind, cat)
  select u.unit, u.period, u.ind, u.cat,
         case r.aggregation when 'average' then u.s / u.n when 'min' then u.mn when 'max' then u.mx else u.s end as value,
         u.n as reporting
  from per_unit u join rules r on r.code = u.ind;
create table hand_year as
  with q as (
    select h.*, r.time_aggregation as ta, substr(h.period, 1, 4) as year,
           row_number() over (partition by h.unit, substr(h.period, 1, 4), h.ind, h.cat order by h.period desc) as rn
    from hand_quarter h join rules r on r.code = h.ind)
  select unit, year, ind, cat,
         case ta when 'average' then avg(value) when 'min' then min(value) when 'max' then max(value)
                 when 'last' then max(case when rn = 1 then value end) else sum(value) end as value,
         max(reporting) as reporting
  from q group by unit, year, ind, cat, ta;
`;

const CHECK_SQL = `select (select count(*) from hand_quarter) + (select count(*) from hand_year) as figures,
  (select value from hand_quarter where unit = 'ML' and period = '2024Q4' and ind = '${DASHBOARD.indicator}' and cat = '') as national`;

const SQLITE_SOURCES = `
create temp view vsrc as
  select org_unit_code as commune, indicator_code as ind, period, category as cat, value
  from data_value where deleted = 0 and value is not null;
create temp table geo as
  select c.code as commune, c.parent_code as cercle, ce.parent_code as region
  from org_unit c join org_unit ce on ce.code = c.parent_code and ce.valid_to is null
  where c.level = 'commune' and c.valid_to is null;
create temp view rules as select code, aggregation, time_aggregation from indicator;
`;

/** The hand-written aggregation in Debian's sqlite3 CLI, as one process on a copy of the national database. */
export function sqlite3Peer(root: string, scale: number) {
  const p = stepPaths(root, scale);
  const copy = join(p.dir, 'pair-sqlite3.sqlite');
  copyFileSync(join(p.nationalBase, 'node.sqlite'), copy);
  const script = join(p.dir, 'pair-sqlite3.sql');
  writeFileSync(script, `.bail on\n${SQLITE_SOURCES}${HAND_SQL}\n.mode list\n${CHECK_SQL};\n`);
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '@@time %e %M', 'sqlite3', copy], {
    input: `.read ${script}\n`,
    encoding: 'utf8',
  });
  const seconds = since(t0);
  rmSync(copy, { force: true });
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`);
  const time = /@@time ([\d.]+) (\d+)/.exec(r.stderr);
  const [figures, national] = r.stdout.trim().split('\n').pop()?.split('|') ?? [];
  return {
    seconds,
    sqlite3PeakRssMb: time ? Number(time[2]) / 1024 : null,
    figures: Number(figures),
    national2024Q4: Number(national),
  };
}

const CATALOG = fileURLToPath(new URL('../../../fixtures/indicateurs.csv', import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** DuckDB in memory: load the CSVs, then the same aggregation, then the dashboard figure from the raw values. */
export async function duckdbPeer(root: string, scale: number) {
  const p = stepPaths(root, scale);
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  let t0 = performance.now();
  await db.run(`create table vsrc as select commune, indicator as ind, period, coalesce(category, '') as cat, value
    from read_csv('${p.valuesCsv}', header = true,
      columns = {'commune': 'VARCHAR', 'indicator': 'VARCHAR', 'period': 'VARCHAR', 'category': 'VARCHAR', 'value': 'DOUBLE'})`);
  await db.run(`create table geo as select commune_code as commune, cercle_code as cercle, region_code as region
    from read_csv('${p.territoryCsv}', header = true, all_varchar = true)`);
  await db.run(`create table rules as select code, aggregation, time_aggregation
    from read_csv('${CATALOG}', header = true, delim = ';', all_varchar = true)`);
  const loadSeconds = since(t0);
  t0 = performance.now();
  for (const statement of HAND_SQL.split(';')
    .map((s) => s.trim())
    .filter(Boolean))
    await db.run(statement);
  const aggregateSeconds = since(t0);
  const check = (await db.runAndReadAll(CHECK_SQL)).getRowObjects()[0] ?? {};
  const periods = DASHBOARD.quarters.map((q) => `'${q}'`).join(', ');
  /** A query run 11 times: its row count, the first time and the median of the ten after. */
  const timed = async (query: string) => {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 11; i++) {
      t0 = performance.now();
      rows = (await db.runAndReadAll(query)).getRowObjects().length;
      times.push(since(t0));
    }
    return { rows, first: times[0], median: median(times.slice(1)) };
  };
  const regions =
    await timed(`select g.region, v.period, sum(v.value) as value from vsrc v join geo g on g.commune = v.commune
        where v.ind = '${DASHBOARD.indicator}' and v.cat = '' and v.period in (${periods}) group by g.region, v.period`);
  // The drill-down: one region's cercles, the same quarters.
  const drill =
    await timed(`select g.cercle, v.period, sum(v.value) as value from vsrc v join geo g on g.commune = v.commune
        where g.region = 'ML01' and v.ind = '${DASHBOARD.indicator}' and v.cat = '' and v.period in (${periods}) group by g.cercle, v.period`);
  db.closeSync();
  instance.closeSync();
  return {
    drillMedianSeconds: drill.median,
    drillFigures: drill.rows,
    loadSeconds,
    aggregateSeconds,
    figures: Number(check.figures),
    national2024Q4: Number(check.national),
    dashboardFirstSeconds: regions.first,
    dashboardMedianSeconds: regions.median,
    dashboardFigures: regions.rows,
  };
}
