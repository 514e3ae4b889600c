import { type QuarterCalendar, normalizeQuarter } from '@oise/core';
import { getCalendar } from '@oise/node';
import type { Database } from '@oise/schema';
import { type Kysely, sql } from 'kysely';
import { buildPlan } from './consolidation-plan.js';

/** How complete a unit's quarter is, whatever the indicator. */
export interface Completeness {
  /** Communes under the unit with at least one value stored for the quarter. */
  reporting: number;
  /** Communes under the unit in the hierarchy valid that quarter. */
  expected: number;
  /** Reporting communes whose cercle's first submission of the quarter was on time. */
  onTime: number;
}

/**
 * Completeness of a unit (commune, cercle, region, country) for a quarter, from the raw rows and
 * submissions this node holds (a node without a unit's rows sees it as not reporting).
 */
export async function completenessOf(
  db: Kysely<Database>,
  unit: string,
  quarter: string,
  options: { calendar?: QuarterCalendar } = {},
): Promise<Completeness> {
  const period = normalizeQuarter(quarter);
  const all = await completenessOfUnits(db, [unit], [period], { ...options, scopeRoot: unit });
  return all.get(`${unit}|${period}`) ?? { reporting: 0, expected: 0, onTime: 0 };
}

/**
 * `completenessOf` for several units and quarters at once (a board of children × quarters): one
 * plan and one read of the reporting communes per quarter. `scopeRoot` is a unit all of them
 * lie under (the node's own), to lay out only its subtree. Keys are `UNIT|2025Q1`; a unit
 * absent from a quarter's territory is absent.
 */
export async function completenessOfUnits(
  db: Kysely<Database>,
  units: readonly string[],
  quarters: readonly string[],
  options: { calendar?: QuarterCalendar; scopeRoot?: string } = {},
): Promise<Map<string, Completeness>> {
  const out = new Map<string, Completeness>();
  const periods = [...new Set(quarters.map(normalizeQuarter))];
  if (units.length === 0 || periods.length === 0) return out;
  const wanted = new Set(units);
  const plan = await buildPlan(db, {
    quarters: periods,
    calendar: options.calendar ?? (await getCalendar(db)),
    ...(options.scopeRoot ? { scopeRoot: options.scopeRoot } : {}),
    includeCommunes: true,
    unitsByYear: new Map(periods.map((p) => [Number(p.slice(0, 4)), wanted])),
  });
  for (const period of periods) {
    const rows = plan.map.filter((m) => m.period === period && wanted.has(m.unit));
    if (rows.length === 0) continue;
    const communes = [...new Set(rows.map((m) => m.commune))];
    // One probe per commune on the primary key (commune, indicator, quarter), which stops at the
    // first value: on a ten-year node much cheaper than reading the whole quarter by its index.
    const reported = await sql<{ commune: string }>`
      select c.value as commune from json_each(${JSON.stringify(communes)}) c
      where exists (
        select 1 from indicator i
        cross join data_value d indexed by sqlite_autoindex_data_value_1
          on d.org_unit_code = c.value and d.indicator_code = i.code and d.period = ${period}
        where d.deleted = 0 and (d.value is not null or d.value_text is not null))`.execute(db);
    const reporting = new Set(reported.rows.map((r) => r.commune));
    for (const m of rows) {
      const key = `${m.unit}|${period}`;
      const c = out.get(key) ?? { reporting: 0, expected: 0, onTime: 0 };
      c.expected++;
      if (reporting.has(m.commune)) {
        c.reporting++;
        if (m.onTime === 1) c.onTime++;
      }
      out.set(key, c);
    }
  }
  return out;
}
