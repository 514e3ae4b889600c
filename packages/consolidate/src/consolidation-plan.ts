import { type Hierarchy, loadHierarchy } from '@oise/catalog';
import { type QuarterCalendar, parseQuarter } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { onTimeCercles } from './timeliness.js';

/** The four quarter codes of a year, `2025Q1` … `2025Q4`. */
export function quartersOfYear(year: number): string[] {
  return [1, 2, 3, 4].map((q) => `${year}Q${q}`);
}

/** One commune under one unit it counts for, in one quarter's hierarchy. */
export interface MapRow {
  period: string;
  commune: string;
  unit: string;
  /** 1 when the commune's cercle submitted that quarter on time. */
  onTime: 0 | 1;
}

/**
 * A commune's group in a quarter: its cercle (or itself when communes are computed). Figures are
 * first summed per group, then the groups rolled up to the units above them, so the big GROUP BY
 * touches each raw row once instead of once per level.
 */
export interface LeafRow {
  period: string;
  commune: string;
  leaf: string;
  onTime: 0 | 1;
}

/**
 * What one pass of the figure engine computes: some quarters (and the years all four of whose
 * quarters are in), for a set of units, each with the communes it counts in each quarter (the
 * hierarchy valid then) and how many communes it expects.
 */
export interface ConsolidationPlan {
  quarters: string[];
  years: number[];
  /** Every (quarter, commune, unit counted) — used for years whose hierarchy moved a commune. */
  map: MapRow[];
  leaves: LeafRow[];
  /** Group → units it counts for, per quarter. */
  leafUnits: { period: string; leaf: string; unit: string }[];
  /** Group → units over each year (the union of its quarters). */
  yearLeafUnits: { year: number; leaf: string; unit: string }[];
  /** Years in which some commune counts for different units from one quarter to another. */
  movedYears: number[];
  /**
   * Communes expected under each unit, per quarter and per year (distinct over its quarters).
   * Also the scope of the pass: the (period, unit) pairs it recomputes.
   */
  expected: { period: string; unit: string; expected: number }[];
}

export interface PlanOptions {
  /** Quarter codes to compute; a year is computed when all four of its quarters are in. */
  quarters: string[];
  calendar: QuarterCalendar;
  /** The unit whose subtree is computed (the node's own unit); absent: the whole territory. */
  scopeRoot?: string;
  /** Restrict each year to these units (incremental consolidation); absent year = all. */
  unitsByYear?: ReadonlyMap<number, ReadonlySet<string>>;
  /** Also compute the communes themselves (queries; never stored). */
  includeCommunes?: boolean;
  /** Hierarchies already loaded, by quarter code. */
  hierarchies?: Map<string, Hierarchy>;
}

/** The hierarchy valid in `quarter`, loaded once per run when a cache is given. */
export async function hierarchyOf(
  db: Kysely<Database>,
  quarter: string,
  cache?: Map<string, Hierarchy>,
): Promise<Hierarchy> {
  const cached = cache?.get(quarter);
  if (cached) return cached;
  const h = await loadHierarchy(db, parseQuarter(quarter));
  cache?.set(quarter, h);
  return h;
}

/** Reads the hierarchies of the quarters and the cercles' submissions, and lays out the pass. */
export async function buildPlan(db: Kysely<Database>, options: PlanOptions): Promise<ConsolidationPlan> {
  const quarters = [...new Set(options.quarters)].sort();
  const years = [...new Set(quarters.map((q) => Number(q.slice(0, 4))))].filter((y) =>
    quartersOfYear(y).every((q) => quarters.includes(q)),
  );
  const onTime = await onTimeCercles(db, quarters, options.calendar);
  const plan: ConsolidationPlan = {
    quarters,
    years,
    map: [],
    leaves: [],
    leafUnits: [],
    yearLeafUnits: [],
    movedYears: [],
    expected: [],
  };
  const yearCommunes = new Map<string, Set<string>>();
  const chains = new Map<string, string>();
  const moved = new Set<number>();
  const leafUnits = new Set<string>();
  const yearLeafUnits = new Set<string>();
  for (const period of quarters) {
    const year = Number(period.slice(0, 4));
    const filter = options.unitsByYear?.get(year);
    const h = await hierarchyOf(db, period, options.hierarchies);
    const counts = new Map<string, number>();
    const communes = options.scopeRoot ? h.descendantsAt(options.scopeRoot, 'commune') : h.byLevel('commune');
    for (const { code: commune } of communes) {
      const chain = h.ancestorsOf(commune);
      const cercle = chain.find((u) => u.level === 'cercle')?.code;
      const flag: 0 | 1 = cercle && onTime.has(`${cercle}|${period}`) ? 1 : 0;
      const counted: string[] = [];
      for (const unit of chain) {
        if ((unit.level !== 'commune' || options.includeCommunes) && (!filter || filter.has(unit.code)))
          counted.push(unit.code);
        if (unit.code === options.scopeRoot) break;
      }
      const leaf = options.includeCommunes ? commune : chain[1]?.code;
      if (counted.length === 0 || !leaf) continue;
      plan.leaves.push({ period, commune, leaf, onTime: flag });
      const signature = `${leaf}>${counted.join(' ')}`;
      const chainKey = `${year}|${commune}`;
      if ((chains.get(chainKey) ?? signature) !== signature) moved.add(year);
      chains.set(chainKey, signature);
      for (const unit of counted) {
        plan.map.push({ period, commune, unit, onTime: flag });
        leafUnits.add(`${period}|${leaf}|${unit}`);
        yearLeafUnits.add(`${year}|${leaf}|${unit}`);
        counts.set(unit, (counts.get(unit) ?? 0) + 1);
        const key = `${year}|${unit}`;
        const seen = yearCommunes.get(key) ?? new Set<string>();
        seen.add(commune);
        yearCommunes.set(key, seen);
      }
    }
    for (const [unit, n] of counts) plan.expected.push({ period, unit, expected: n });
  }
  for (const [key, communes] of yearCommunes) {
    const [year, unit] = key.split('|') as [string, string];
    if (years.includes(Number(year))) plan.expected.push({ period: year, unit, expected: communes.size });
  }
  for (const key of leafUnits) {
    const [period, leaf, unit] = key.split('|') as [string, string, string];
    plan.leafUnits.push({ period, leaf, unit });
  }
  for (const key of yearLeafUnits) {
    const [year, leaf, unit] = key.split('|') as [string, string, string];
    plan.yearLeafUnits.push({ year: Number(year), leaf, unit });
  }
  plan.movedYears = [...moved].sort();
  return plan;
}
