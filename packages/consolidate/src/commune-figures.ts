import type { QuarterCalendar } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { buildPlan } from './consolidation-plan.js';
import { computeFigures, readComputed } from './figure-engine.js';
import { type Figure, type FigurePeriod, figureFromRow } from './figure.js';
import { loadIndicatorRules } from './indicator-rules.js';
import { inTransaction } from './transaction.js';

export interface CommuneFigureOptions {
  communes: string[];
  periods: FigurePeriod[];
  /** Only these indicators (their ratio parts are read too). */
  indicators?: string[];
  calendar: QuarterCalendar;
  /** Written as `computedBy` (the node answering). */
  nodeCode: string | null;
}

/**
 * Figures of communes, straight from their raw rows, by the same engine as consolidation: the
 * stored value; for a sex-disaggregated total, the stored total else F + M; for a ratio, the
 * commune's numerator over its denominator; for a year, the time rule over its quarters. Only
 * figures with something reported are returned; nothing is written.
 */
export async function computeCommuneFigures(
  db: Kysely<Database>,
  options: CommuneFigureOptions,
): Promise<Figure[]> {
  if (options.communes.length === 0 || options.periods.length === 0) return [];
  let rules = await loadIndicatorRules(db);
  if (options.indicators) {
    const wanted = new Set(options.indicators);
    for (const r of rules) {
      if (wanted.has(r.code) && r.ratio) {
        wanted.add(r.ratio.numerator);
        wanted.add(r.ratio.denominator);
      }
    }
    rules = rules.filter((r) => wanted.has(r.code));
  }
  const quarters = options.periods.flatMap((p) => p.quarters);
  const years = [...new Set(options.periods.map((p) => p.year))];
  const plan = await buildPlan(db, {
    quarters,
    calendar: options.calendar,
    includeCommunes: true,
    unitsByYear: new Map(years.map((y) => [y, new Set(options.communes)])),
  });
  return inTransaction(db, async (trx) => {
    await computeFigures(trx, plan, rules);
    const wantedPeriods = new Set(options.periods.map((p) => p.code));
    const wantedIndicators = options.indicators ? new Set(options.indicators) : undefined;
    return (await readComputed(trx))
      .filter(
        (r) => wantedPeriods.has(r.period) && (!wantedIndicators || wantedIndicators.has(r.indicator_code)),
      )
      .map((r) => figureFromRow(r, { source: 'raw', computedBy: options.nodeCode }));
  });
}
