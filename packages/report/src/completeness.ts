import { completenessOf as communeCompleteness } from '@oise/consolidate';
import type { RatedCompleteness } from './built-report.js';
import { type ReportContext, enterableIndicators } from './report-context.js';

/**
 * Entries received against entries expected for a unit and quarter: over the indicators a CCC
 * enters, the communes that reported each one (the figures' `reporting`, as `oise query` says)
 * against every commune of the unit; on-time entries likewise.
 */
export function entryCompleteness(ctx: ReportContext, unit: string, period = ctx.period): RatedCompleteness {
  const defs = enterableIndicators(ctx);
  const communes =
    ctx.hierarchy.get(unit)?.level === 'commune' ? 1 : ctx.hierarchy.descendantsAt(unit, 'commune').length;
  let reporting = 0;
  let onTime = 0;
  for (const def of defs) {
    const f = ctx.figures.get(def.code, unit, period);
    reporting += f.reporting;
    onTime += f.onTime;
  }
  const expected = communes * defs.length;
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
