import { completenessOf as communeCompleteness } from '@oise/consolidate';
import type { RatedCompleteness } from './built-report.js';
import { type ReportContext, enterableIndicators } from './report-context.js';

/**
 * Entries received against entries expected for a unit and quarter: over the indicators a CCC
 * enters, the communes that reported each one against the communes expected (each figure's
 * `reporting` and `expected`, as `oise query` says, a figure nobody reported included); on-time
 * entries likewise.
 */
export function entryCompleteness(ctx: ReportContext, unit: string, period = ctx.period): RatedCompleteness {
  let reporting = 0;
  let expected = 0;
  let onTime = 0;
  for (const def of enterableIndicators(ctx)) {
    const f = ctx.figures.get(def.code, unit, period);
    reporting += f.reporting;
    expected += f.expected;
    onTime += f.onTime;
  }
  return { reporting, expected, onTime, rate: expected > 0 ? reporting / expected : null };
}

/**
 * The unit's data completeness as `oise status` and @oise/consolidate state it: communes with at
 * least one value for the quarter, out of the communes expected, and how many on time.
 */
export async function unitCompleteness(ctx: ReportContext, unit = ctx.unit.code): Promise<RatedCompleteness> {
  const c = await communeCompleteness(ctx.db, unit, ctx.period, { calendar: ctx.calendar });
  return { ...c, rate: c.expected > 0 ? c.reporting / c.expected : null };
}
