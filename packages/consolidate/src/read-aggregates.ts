import type { OrgUnitLevel, QuarterCalendar } from '@oise/core';
import { getCalendar, getNodeCode } from '@oise/node';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { computeCommuneFigures } from './commune-figures.js';
import { hierarchyOf } from './consolidation-plan.js';
import { type Figure, figureFromRow, parseFigurePeriod } from './figure.js';

export interface ReadAggregatesOptions {
  /** Quarters (`2025Q1`, `2025T1`) and/or years (`2025`). */
  periods: string[];
  /** Only these indicators (default: all). */
  indicators?: string[];
  /** Only these units; communes among them are computed from their raw rows. */
  units?: string[];
  /** Only units of this level (`commune` computes communes from raw rows). */
  level?: OrgUnitLevel;
  /** Only units within this one (itself included), in the hierarchy of each period. */
  within?: string;
  /** Only these categories (`''` total, `F`, `M`; default: all). */
  categories?: string[];
  calendar?: QuarterCalendar;
}

/**
 * Figures in bulk for reports: aggregates of cercles, regions and the country (the node's own,
 * `local`, preferred over national's `published` for the same key), and communes computed from
 * their raw rows (`raw`). Only figures with a stored or computed row are returned, sorted by
 * period, unit, indicator, category.
 */
export async function readAggregates(
  db: Kysely<Database>,
  options: ReadAggregatesOptions,
): Promise<Figure[]> {
  const periods = options.periods.map(parseFigurePeriod);
  const units = await selectUnits(db, options, periods);
  const communes = units?.communes ?? [];
  const out: Figure[] = [];

  if (options.level !== 'commune' && (units === undefined || units.others.length > 0)) {
    // Only the columns a figure has: the bookkeeping ones (owner, revision, dates) cost a third
    // of the read on a region's nine quarters.
    let query = db
      .selectFrom('aggregate_value')
      .select([
        'indicator_code',
        'org_unit_code',
        'period',
        'category',
        'value',
        'numerator',
        'denominator',
        'reporting',
        'expected',
        'on_time',
        'source',
        'computed_by',
      ])
      .where(
        'period',
        'in',
        periods.map((p) => p.code),
      );
    if (options.indicators) query = query.where('indicator_code', 'in', options.indicators);
    if (options.categories) query = query.where('category', 'in', options.categories);
    if (units) query = query.where('org_unit_code', 'in', units.others);
    const best = new Map<string, Figure>();
    for (const r of await query.execute()) {
      const key = `${r.period}|${r.org_unit_code}|${r.indicator_code}|${r.category}`;
      const held = best.get(key);
      if (held && held.source === 'local') continue;
      best.set(key, figureFromRow(r, { source: r.source, computedBy: r.computed_by }));
    }
    // A loop, not a spread: a country's figures overflow the arguments of one call.
    for (const f of best.values()) out.push(f);
  }
  if (communes.length > 0) {
    const figures = await computeCommuneFigures(db, {
      communes,
      periods,
      ...(options.indicators ? { indicators: options.indicators } : {}),
      calendar: options.calendar ?? (await getCalendar(db)),
      nodeCode: (await getNodeCode(db)) ?? null,
    });
    for (const f of figures) if (!options.categories || options.categories.includes(f.category)) out.push(f);
  }
  return out.sort(
    (a, b) =>
      a.period.localeCompare(b.period) ||
      a.unit.localeCompare(b.unit) ||
      a.indicator.localeCompare(b.indicator) ||
      a.category.localeCompare(b.category),
  );
}

/** The units asked for, split into communes and the others; undefined = every aggregated unit. */
async function selectUnits(
  db: Kysely<Database>,
  options: ReadAggregatesOptions,
  periods: ReturnType<typeof parseFigurePeriod>[],
): Promise<{ communes: string[]; others: string[] } | undefined> {
  if (!options.units && !options.level && !options.within) return undefined;
  if (options.units?.length === 0) return { communes: [], others: [] };
  const levels = new Map<string, OrgUnitLevel>();
  if (options.units && !options.within) {
    const rows = await db
      .selectFrom('org_unit')
      .select(['code', 'level'])
      .where('code', 'in', options.units)
      .execute();
    for (const r of rows) levels.set(r.code, r.level);
  } else {
    const cache = new Map();
    for (const q of new Set(periods.flatMap((p) => p.quarters))) {
      const h = await hierarchyOf(db, q, cache);
      const candidates = options.within
        ? [h.get(options.within), ...descendants(h, options.within)]
        : [...h.units.values()];
      for (const u of candidates) if (u) levels.set(u.code, u.level);
    }
  }
  let codes = options.units ? options.units.filter((c) => levels.has(c)) : [...levels.keys()];
  if (options.level) codes = codes.filter((c) => levels.get(c) === options.level);
  const communes = codes.filter((c) => levels.get(c) === 'commune').sort();
  const others = codes.filter((c) => levels.get(c) !== 'commune').sort();
  return { communes, others };
}

function descendants(h: Awaited<ReturnType<typeof hierarchyOf>>, code: string) {
  const out: NonNullable<ReturnType<typeof h.get>>[] = [];
  const walk = (c: string) => {
    for (const child of h.childrenOf(c)) {
      out.push(child);
      walk(child.code);
    }
  };
  walk(code);
  return out;
}
