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
  const plan = await buildPlan(db, {
    quarters: [period],
    calendar: options.calendar ?? (await getCalendar(db)),
    scopeRoot: unit,
    includeCommunes: true,
    unitsByYear: new Map([[Number(period.slice(0, 4)), new Set([unit])]]),
  });
  const onTime = new Map(plan.map.map((m) => [m.commune, m.onTime]));
  if (onTime.size === 0) return { reporting: 0, expected: 0, onTime: 0 };
  const rows = await sql<{ commune: string }>`
    select distinct org_unit_code as commune from data_value
    where period = ${period} and deleted = 0 and (value is not null or value_text is not null)
      and org_unit_code in (select value from json_each(${JSON.stringify([...onTime.keys()])}))`.execute(db);
  return {
    reporting: rows.rows.length,
    expected: onTime.size,
    onTime: rows.rows.filter((r) => onTime.get(r.commune) === 1).length,
  };
}
