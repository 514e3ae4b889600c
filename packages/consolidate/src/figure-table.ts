import type { QuarterCalendar } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { type Figure, type FigureKey, parseFigurePeriod } from './figure.js';
import { readAggregates } from './read-aggregates.js';
import { unreportedFigures } from './unreported-figure.js';

export interface LoadFiguresOptions {
  units: readonly string[];
  /** Quarters (`2025Q1`, `2025T1`) and/or years (`2025`). */
  periods: readonly string[];
  /** Only these indicators (default: all). */
  indicators?: readonly string[];
  /** Only these categories (`''` total, `F`, `M`; default: all). */
  categories?: readonly string[];
  calendar?: QuarterCalendar;
}

/** Every figure of the units and periods loaded, as `oise query` gives it. */
export type FigureLookup = (key: FigureKey) => Figure;

const keyOf = (k: FigureKey) => `${k.indicator}|${k.unit}|${k.period}|${k.category}`;

/**
 * Figures in bulk by the rules of `oise query` (`queryFigure`): a commune's own rows, a cercle's,
 * region's or the country's aggregate (this node's own before national's published one), and for
 * a key nobody reported the figure `unreportedFigures` gives (no value, 0 communes reporting out
 * of those expected). One read of `readAggregates`; the reports and the dashboard both load here.
 */
export async function loadFigures(db: Kysely<Database>, options: LoadFiguresOptions): Promise<FigureLookup> {
  const units = [...new Set(options.units)];
  const periods = [...new Set(options.periods)];
  const held = new Map<string, Figure>();
  if (units.length > 0 && periods.length > 0) {
    const rows = await readAggregates(db, {
      periods,
      units,
      ...(options.indicators ? { indicators: [...options.indicators] } : {}),
      ...(options.categories ? { categories: [...options.categories] } : {}),
      ...(options.calendar ? { calendar: options.calendar } : {}),
    });
    for (const f of rows) held.set(keyOf(f), f);
  }
  const unreported = await unreportedFigures(db, { units, periods: periods.map(parseFigurePeriod) });
  return (key) => held.get(keyOf(key)) ?? unreported(key);
}

export interface FigureTableOptions {
  indicator: string;
  /** The rows, in the order shown. */
  units: readonly string[];
  /** The columns, in the order shown: quarters and/or years. */
  periods: readonly string[];
  /** The categories wanted (`''` total, `F`, `M`); default the total only. */
  categories?: readonly string[];
  calendar?: QuarterCalendar;
}

/** One indicator's figures, units × periods, for each category asked. */
export interface FigureTable {
  indicator: string;
  units: string[];
  periods: string[];
  categories: string[];
  /** `cells[category][unit index][period index]`. */
  cells: Record<string, Figure[][]>;
}

/**
 * The dashboard's table: one indicator's figures for units × periods (and categories), each with
 * its completeness (`reporting` / `expected` communes), the same figures `oise query` gives for
 * each key (`loadFigures`). Periods are normalised (`2025T1` → `2025Q1`); an invalid one is a
 * French `OiseError` (`PERIOD_INVALID`).
 */
export async function figureTable(db: Kysely<Database>, options: FigureTableOptions): Promise<FigureTable> {
  const periods = options.periods.map((p) => parseFigurePeriod(p).code);
  const categories = [...(options.categories ?? [''])];
  const units = [...options.units];
  const lookup = await loadFigures(db, {
    units,
    periods,
    indicators: [options.indicator],
    categories,
    ...(options.calendar ? { calendar: options.calendar } : {}),
  });
  const cells: Record<string, Figure[][]> = {};
  for (const category of categories)
    cells[category] = units.map((unit) =>
      periods.map((period) => lookup({ indicator: options.indicator, unit, period, category })),
    );
  return { indicator: options.indicator, units, periods, categories, cells };
}
