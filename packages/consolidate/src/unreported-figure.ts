import type { Hierarchy } from '@oise/catalog';
import type { OrgUnitLevel } from '@oise/core';
import { getNodeCode } from '@oise/node';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { hierarchyOf } from './consolidation-plan.js';
import type { Figure, FigureKey, FigureOrigin, FigurePeriod } from './figure.js';

export interface UnreportedOptions {
  /** The units that may be asked about. */
  units: string[];
  /** The periods that may be asked about. */
  periods: FigurePeriod[];
  /** The node answering (default: the database's own `node_info`; null for a bare database). */
  nodeCode?: string | null;
}

/** The figure of a key of the units and periods loaded, for when nobody reported it. */
export type UnreportedFigure = (key: FigureKey) => Figure;

/**
 * What a figure nobody reported says, the same for `oise query` and the reports: no value, none
 * of the communes expected in the unit over the period reporting (« 0 commune sur 13 »), none on
 * time. The communes expected are those under the unit in the hierarchy of the period's quarter
 * (over a year: in any of its quarters), as consolidation counts them. Its source: a commune's own
 * rows (`raw`); for a unit within the node, the node's own aggregate (`local`); for any other
 * unit, national's (`published`, computed by nobody known yet).
 */
export async function unreportedFigures(
  db: Kysely<Database>,
  options: UnreportedOptions,
): Promise<UnreportedFigure> {
  const nodeCode = options.nodeCode === undefined ? ((await getNodeCode(db)) ?? null) : options.nodeCode;
  const hierarchies = new Map<string, Hierarchy>();
  for (const q of new Set(options.periods.flatMap((p) => p.quarters))) await hierarchyOf(db, q, hierarchies);
  const levels = await levelsOf(db, options.units);
  const periods = new Map(options.periods.map((p) => [p.code, p]));
  const expected = new Map<string, number>();

  const expectedIn = (unit: string, period: FigurePeriod): number => {
    const memo = `${unit}|${period.code}`;
    let n = expected.get(memo);
    if (n === undefined) {
      const communes = new Set<string>();
      for (const q of period.quarters)
        for (const c of hierarchies.get(q)!.descendantsAt(unit, 'commune')) communes.add(c.code);
      n = communes.size;
      expected.set(memo, n);
    }
    return n;
  };
  const originOf = (unit: string, period: FigurePeriod): FigureOrigin => {
    if (levels.get(unit) === 'commune') return { source: 'raw', computedBy: nodeCode };
    const last = hierarchies.get(period.quarters[period.quarters.length - 1]!)!;
    return nodeCode === null || last.isWithin(unit, nodeCode)
      ? { source: 'local', computedBy: nodeCode }
      : { source: 'published', computedBy: null };
  };

  return (key) => {
    const period = periods.get(key.period);
    if (!period) throw new Error(`unreported figures: period ${key.period} was not loaded`);
    return {
      ...key,
      value: null,
      numerator: null,
      denominator: null,
      reporting: 0,
      expected: expectedIn(key.unit, period),
      onTime: 0,
      ...originOf(key.unit, period),
    };
  };
}

/** The level of each unit, by its latest version. */
async function levelsOf(db: Kysely<Database>, units: string[]): Promise<Map<string, OrgUnitLevel>> {
  if (units.length === 0) return new Map();
  const rows = await db
    .selectFrom('org_unit')
    .select(['code', 'level'])
    .where('code', 'in', [...new Set(units)])
    .where('deleted', '=', 0)
    .orderBy('valid_from')
    .execute();
  return new Map(rows.map((r) => [r.code, r.level]));
}
