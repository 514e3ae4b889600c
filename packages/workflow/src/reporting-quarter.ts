import { addQuarters, formatQuarter, quarterOf } from '@oise/core';

/**
 * The quarter every level works on at `now`: the last one that has ended (in April 2025, the
 * 1st quarter 2025). Figures of a quarter are entered after its end, before its due dates.
 */
export function reportingQuarter(now: string): string {
  return formatQuarter(addQuarters(quarterOf(now), -1));
}
