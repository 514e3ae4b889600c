import { type Figure, loadFigures } from '@oise/consolidate';
import type { QuarterCalendar } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** The part of a figure a report shows: the same numbers `oise query` prints. */
export type ReportFigure = Pick<Figure, 'value' | 'reporting' | 'expected' | 'onTime' | 'source'>;

/** Figures loaded in bulk for a report: indicator × unit × period × category. */
export interface FigureBook {
  get(indicator: string, unit: string, period: string, category?: string): ReportFigure;
}

/**
 * Loads in bulk, through @oise/consolidate's `readAggregates`, every figure a report may show
 * for `units` over `periods`: by the rules of `oise query` (a commune's own rows; a cercle's,
 * region's or the country's aggregate, this node's own before national's published one). A key
 * nobody reported answers as `oise query` does (`unreportedFigures`): no value, 0 communes
 * reporting out of those expected in the unit that period.
 */
export async function loadFigureBook(
  db: Kysely<Database>,
  units: string[],
  periods: string[],
  calendar?: QuarterCalendar,
): Promise<FigureBook> {
  const lookup = await loadFigures(db, { units, periods, ...(calendar ? { calendar } : {}) });
  return {
    get: (indicator, unit, period, category = '') => lookup({ indicator, unit, period, category }),
  };
}

/** One book answering from `current` for `period` and from `history` for every other period. */
export function combineBooks(period: string, current: FigureBook, history: FigureBook): FigureBook {
  return {
    get: (indicator, unit, p, category) =>
      (p === period ? current : history).get(indicator, unit, p, category),
  };
}
