import { formatNumberFr } from '@oise/core';

/** A figure beside the quarter before: the difference and the change in French words. */
export interface FigureChange {
  /** current − previous; null when either is missing. */
  difference: number | null;
  /** « en hausse de 12 % », « en baisse de 3,5 points », « stable », « pas de chiffre … ». */
  words: string;
}

/**
 * How a figure changed since the quarter before, as a committee reads it: counts and amounts
 * by the relative change in whole percent (« en hausse de 12 % »), rates (`points`: the figure is
 * itself a percentage) by the difference in points (« en baisse de 2,5 points »); « stable »
 * under 1 % or 0,1 point; a missing figure said as such.
 */
export function describeChange(
  current: number | null,
  previous: number | null,
  options: { points: boolean },
): FigureChange {
  if (current === null) return { difference: null, words: 'pas de chiffre ce trimestre' };
  if (previous === null) return { difference: null, words: 'pas de chiffre au trimestre précédent' };
  const difference = current - previous;
  const way = difference > 0 ? 'en hausse' : 'en baisse';
  if (options.points) {
    const points = Math.round(Math.abs(difference) * 10) / 10;
    if (points === 0) return { difference, words: 'stable' };
    return { difference, words: `${way} de ${formatNumberFr(points, 1)} point${points >= 2 ? 's' : ''}` };
  }
  if (previous === 0)
    return { difference, words: difference === 0 ? 'stable' : `${way} (0 au trimestre précédent)` };
  const percent = Math.round((Math.abs(difference) / Math.abs(previous)) * 100);
  if (percent === 0) return { difference, words: 'stable' };
  return { difference, words: `${way} de ${formatNumberFr(percent, 0)} %` };
}
