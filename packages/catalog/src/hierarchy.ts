import { type OrgUnitLevel, type Quarter, isWithinPcode, quarterEnd } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

export interface HierarchyUnit {
  code: string;
  name: string;
  level: OrgUnitLevel;
  parentCode: string | null;
}

/**
 * The territory as it stood on a date: every unit valid then, with parent and children.
 * Consolidation uses the hierarchy in force at the quarter's end.
 */
export class Hierarchy {
  readonly units: ReadonlyMap<string, HierarchyUnit>;
  private readonly children = new Map<string, HierarchyUnit[]>();

  constructor(units: HierarchyUnit[]) {
    this.units = new Map(units.map((u) => [u.code, u]));
    for (const u of units) {
      if (!u.parentCode) continue;
      const list = this.children.get(u.parentCode) ?? [];
      list.push(u);
      this.children.set(u.parentCode, list);
    }
    for (const list of this.children.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  }

  get(code: string): HierarchyUnit | undefined {
    return this.units.get(code);
  }

  childrenOf(code: string): HierarchyUnit[] {
    return this.children.get(code) ?? [];
  }

  /** Units of `level` under `code` (or `code` itself when it is of that level). */
  descendantsAt(code: string, level: OrgUnitLevel): HierarchyUnit[] {
    const start = this.units.get(code);
    if (!start) return [];
    if (start.level === level) return [start];
    return this.childrenOf(code).flatMap((c) => this.descendantsAt(c.code, level));
  }

  /** The chain from the unit up to the country, the unit first. */
  ancestorsOf(code: string): HierarchyUnit[] {
    const out: HierarchyUnit[] = [];
    for (let u = this.units.get(code); u; u = u.parentCode ? this.units.get(u.parentCode) : undefined)
      out.push(u);
    return out;
  }

  /** True when `code` is `ancestor` or lies under it in this hierarchy. */
  isWithin(code: string, ancestor: string): boolean {
    return this.ancestorsOf(code).some((u) => u.code === ancestor);
  }

  byLevel(level: OrgUnitLevel): HierarchyUnit[] {
    return [...this.units.values()]
      .filter((u) => u.level === level)
      .sort((a, b) => a.code.localeCompare(b.code));
  }

  countByLevel(): Record<OrgUnitLevel, number> {
    const counts: Record<OrgUnitLevel, number> = { pays: 0, region: 0, cercle: 0, commune: 0 };
    for (const u of this.units.values()) counts[u.level]++;
    return counts;
  }
}

/** Where a dashboard stands in the territory: the unit shown with its children, and the way back up. */
export interface DrillPosition {
  /** The unit whose children are shown. */
  unit: HierarchyUnit;
  /** From the node's own unit down to `unit` (both included): the breadcrumb. */
  path: HierarchyUnit[];
  /** The children shown beside `unit`. */
  children: HierarchyUnit[];
  /** Whether a child can be drilled into in turn (not a commune: the node holds its children's rows). */
  canDrill: (child: HierarchyUnit) => boolean;
}

/**
 * Drill-down within a node's territory: national → regions → cercles → communes, as far as
 * the node holds rows (the units under its own). `unit` defaults to the node's own; undefined
 * when `unit` is not the node's or under it, or is a commune (nothing to drill into).
 */
export function drillPosition(
  hierarchy: Hierarchy,
  nodeCode: string,
  unit: string = nodeCode,
): DrillPosition | undefined {
  const at = hierarchy.get(unit);
  if (!at || at.level === 'commune' || !hierarchy.isWithin(unit, nodeCode)) return undefined;
  const path: HierarchyUnit[] = [];
  for (const u of hierarchy.ancestorsOf(unit)) {
    path.unshift(u);
    if (u.code === nodeCode) break;
  }
  return {
    unit: at,
    path,
    children: hierarchy.childrenOf(unit),
    canDrill: (child) => child.level !== 'commune' && hierarchy.childrenOf(child.code).length > 0,
  };
}

/** The hierarchy valid on `date` (ISO), or at the end of a quarter. */
export async function loadHierarchy(db: Kysely<Database>, at?: string | Quarter): Promise<Hierarchy> {
  const date = at === undefined ? '9999-12-31' : typeof at === 'string' ? at : quarterEnd(at);
  const rows = await db
    .selectFrom('org_unit')
    .select(['code', 'name', 'level', 'parent_code'])
    .where('deleted', '=', 0)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .orderBy('code')
    .execute();
  return new Hierarchy(
    rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code })),
  );
}

export { isWithinPcode };
