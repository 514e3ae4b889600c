import { loadHierarchy } from '@oise/catalog';
import { type Completeness, completenessOfUnits } from '@oise/consolidate';
import { type OrgUnitLevel, type QuarterCalendar, formatQuarter, parseQuarter } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type ChildQuarter, childrenBoard } from './children-board.js';

/** One child unit's quarter on the completeness map and table. */
export interface UnitReporting {
  code: string;
  name: string;
  level: OrgUnitLevel;
  /** Communes with values stored here, out of those expected (`completenessOfUnits`). */
  completeness: Completeness;
  /**
   * The child's quarter as the board shows it (status, reception, due date); absent for
   * communes, which submit nothing themselves (their cercle does).
   */
  quarter?: ChildQuarter;
  /** True when its children can be shown in turn (it is not a commune). */
  drillable: boolean;
}

export interface UnitsReporting {
  parent: { code: string; name: string; level: OrgUnitLevel };
  /** The parent's ancestors, the country first (for a breadcrumb). */
  ancestors: { code: string; name: string }[];
  period: string;
  childLevel: OrgUnitLevel | undefined;
  units: UnitReporting[];
}

const NODE_LEVEL = { pays: 'national', region: 'region' } as const;

/**
 * Who reported and who is late among the children of `parent` (or, with `level`, its units of
 * that level: all of Mali's communes at national) (a unit this node holds: the
 * node's own or one below it) for a quarter: for regions and cercles the board's words
 * (`childrenBoard`: status, reception against the due date by the receiver's clock), for
 * communes whether they have values; for all, the communes reporting out of those expected.
 * Undefined when `parent` is not in that quarter's territory.
 */
export async function unitsReporting(
  db: Kysely<Database>,
  parentCode: string,
  quarter: string,
  now: string,
  calendar: QuarterCalendar,
  options: { level?: OrgUnitLevel } = {},
): Promise<UnitsReporting | undefined> {
  const period = formatQuarter(parseQuarter(quarter));
  const hierarchy = await loadHierarchy(db, parseQuarter(period));
  const parent = hierarchy.get(parentCode);
  if (!parent) return undefined;
  const direct = hierarchy.childrenOf(parent.code);
  const deeper = options.level !== undefined && options.level !== direct[0]?.level;
  const children = deeper ? hierarchy.descendantsAt(parent.code, options.level!) : direct;
  const childLevel = deeper ? options.level : direct[0]?.level;
  // Communes have no quarter of their own: only their values count (the board's numbers). The
  // board is of direct children only: units further down show their values alone.
  const board =
    deeper || parent.level === 'cercle' || parent.level === 'commune'
      ? undefined
      : await childrenBoard(
          db,
          { code: parent.code, level: NODE_LEVEL[parent.level] },
          [period],
          now,
          calendar,
        );
  const cells = new Map((board?.rows ?? []).map((r) => [r.code, r.cells[0] ?? undefined]));
  const completeness = board
    ? new Map([...cells].map(([code, cell]) => [`${code}|${period}`, cell?.completeness]))
    : await completenessOfUnits(
        db,
        children.map((c) => c.code),
        [period],
        { calendar, scopeRoot: parent.code },
      );
  return {
    parent: { code: parent.code, name: parent.name, level: parent.level },
    ancestors: hierarchy
      .ancestorsOf(parent.code)
      .slice(1)
      .reverse()
      .map((u) => ({ code: u.code, name: u.name })),
    period,
    childLevel,
    units: children.map((child) => {
      const cell = cells.get(child.code);
      return {
        code: child.code,
        name: child.name,
        level: child.level,
        completeness: completeness.get(`${child.code}|${period}`) ?? { reporting: 0, expected: 0, onTime: 0 },
        ...(cell ? { quarter: cell } : {}),
        drillable: child.level !== 'commune',
      };
    }),
  };
}

/** Units further down with no value stored here, counted by level (cercles, communes). */
export interface UnitsWithoutValues {
  level: OrgUnitLevel;
  missing: number;
  of: number;
}

/** The children of a unit that did not report a quarter, and the units further down with no value. */
export interface UnitsNotReporting {
  period: string;
  /** The children's level: communes under a cercle, cercles under a region, regions under the country. */
  level: OrgUnitLevel | undefined;
  /** The children that did not report, in code order, as `unitsReporting` describes them. */
  missing: UnitReporting[];
  /** How many children the unit has in that quarter's territory. */
  of: number;
  /** Below the children (a region's communes; the country's cercles and communes). */
  below: UnitsWithoutValues[];
}

const LEVELS_BELOW: Record<OrgUnitLevel, OrgUnitLevel[]> = {
  pays: ['cercle', 'commune'],
  region: ['commune'],
  cercle: [],
  commune: [],
};

/**
 * Who did not report a quarter, for the committees' syntheses: among the children of `parentCode`
 * (its communes at a cercle, its cercles at a region, the regions at national), a cercle or a
 * region whose quarter has not been received here (no submission arrived: `receivedAt` of the
 * board), a commune with no value stored here; and further down, the cercles and communes
 * with no value at all, counted. Built on `unitsReporting`. Undefined when `parentCode` is not
 * in that quarter's territory.
 */
export async function unitsNotReporting(
  db: Kysely<Database>,
  parentCode: string,
  quarter: string,
  now: string,
  calendar: QuarterCalendar,
): Promise<UnitsNotReporting | undefined> {
  const children = await unitsReporting(db, parentCode, quarter, now, calendar);
  if (!children) return undefined;
  const below: UnitsWithoutValues[] = [];
  for (const level of LEVELS_BELOW[children.parent.level]) {
    const units = (await unitsReporting(db, parentCode, quarter, now, calendar, { level }))?.units ?? [];
    below.push({ level, missing: units.filter(hasNoValue).length, of: units.length });
  }
  return {
    period: children.period,
    level: children.childLevel,
    missing: children.units.filter((u) => (u.quarter ? u.quarter.receivedAt === null : hasNoValue(u))),
    of: children.units.length,
    below,
  };
}

const hasNoValue = (u: UnitReporting) => u.completeness.reporting === 0;
