import { addQuarters, formatNumberFr, formatQuarter, parseQuarter } from '@oise/core';

/** The band a value is expected in, from the commune's own past quarters. */
export interface ExpectedRange {
  median: number;
  low: number;
  high: number;
  quarters: number;
}

/** How many past quarters are read, and how many are needed before judging. */
export const OUTLIER_HISTORY_QUARTERS = 8;
export const OUTLIER_MIN_HISTORY = 2;
/** A value more than 4 times the median, or less than a quarter of it, is unusual. */
export const OUTLIER_FACTOR = 4;

/**
 * The expected range of a value given the commune's past values for the same indicator and
 * category: median × [1/4, 4]. The median is robust to one past typo, and a factor of four
 * leaves room for real seasonal swings of counts (consultations, births) while catching the
 * usual slips (an extra zero, a cercle total typed on a commune line). With a median of 0 the
 * band is [0, max(10, 4 × largest past value)]. Undefined when the history is too short.
 */
export function expectedRange(history: number[]): ExpectedRange | undefined {
  if (history.length < OUTLIER_MIN_HISTORY) return undefined;
  const sorted = [...history].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  if (median > 0)
    return { median, low: median / OUTLIER_FACTOR, high: median * OUTLIER_FACTOR, quarters: history.length };
  const largest = sorted[sorted.length - 1]!;
  return { median, low: 0, high: Math.max(10, largest * OUTLIER_FACTOR), quarters: history.length };
}

/**
 * The history the rule reads: a commune's values of one indicator and category in the
 * `OUTLIER_HISTORY_QUARTERS` quarters before `quarter`, nearest first (`byPeriod` by `2025Q1`).
 */
export function pastValues(byPeriod: ReadonlyMap<string, number>, quarter: string): number[] {
  const q = parseQuarter(quarter);
  const past: number[] = [];
  for (let i = 1; i <= OUTLIER_HISTORY_QUARTERS; i++) {
    const v = byPeriod.get(formatQuarter(addQuarters(q, -i)));
    if (v !== undefined) past.push(v);
  }
  return past;
}

export function isOutlier(value: number, range: ExpectedRange): boolean {
  return value < range.low || value > range.high;
}

export function outlierMessage(value: number, range: ExpectedRange, unitName: string): string {
  return `${formatNumberFr(value)} est inhabituel pour ${unitName} : la médiane des ${range.quarters} trimestres précédents est ${formatNumberFr(range.median)}, valeur attendue entre ${formatNumberFr(range.low)} et ${formatNumberFr(range.high)}. Vérifiez la saisie ; si elle est juste, ajoutez un commentaire qui l'explique.`;
}

/**
 * Entry's outlier rule on a quarter's figure against the same unit's past quarters (`byPeriod`
 * by `2025Q1`, the quarter itself among them): the expected range and the French message when
 * the figure is unusual, else undefined. Yes/no figures are never judged.
 */
export function unusualFigure(
  valueType: string,
  byPeriod: ReadonlyMap<string, { value: number | null }> | undefined,
  period: string,
  unitName: string,
): { range: ExpectedRange; message: string } | undefined {
  const value = byPeriod?.get(period)?.value;
  if (!byPeriod || value === null || value === undefined || valueType === 'boolean') return undefined;
  const past = new Map<string, number>();
  for (const [p, f] of byPeriod) if (f.value !== null) past.set(p, f.value);
  const range = expectedRange(pastValues(past, period));
  return range && isOutlier(value, range)
    ? { range, message: outlierMessage(value, range, unitName) }
    : undefined;
}
