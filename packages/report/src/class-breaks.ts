import { formatNumberFr } from '@oise/core';

export type ClassMethod = 'quantile' | 'equal';

/** One class of a choropleth: values in [from, to] (the last class includes its upper bound). */
export interface ValueClass {
  from: number;
  to: number;
  color: string;
  label: string;
}

/** Sequential palette (ColorBrewer « Blues », 5 classes), light = low. */
export const SEQUENTIAL_PALETTE = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
export const NO_DATA_COLOR = '#c8c8c8';

/** How a class is named: one value (`to` undefined), or a range up to `to` (`last`: including it). */
export type ClassLabeller = (from: number, to: number | undefined, last: boolean) => string;

/** « 12,5 », « 10 à moins de 20 », « 20 à 35 ». */
export const frenchClassLabel =
  (fractionDigits: number): ClassLabeller =>
  (from, to, last) =>
    to === undefined
      ? formatNumberFr(from, fractionDigits)
      : `${formatNumberFr(from, fractionDigits)} à ${last ? '' : 'moins de '}${formatNumberFr(to, fractionDigits)}`;

/**
 * Splits values into at most `count` classes by quantiles or equal intervals. Classes that
 * would be empty or repeated (few distinct values) are merged, so every class has a meaning.
 * By quantiles, values so repeated that the cuts fall together (nine regions at 0 % and one at
 * 29 %) are cut over their distinct values instead, and with no more distinct values than
 * classes each value has its own class: 0 and 29 never share a colour. Labels are French
 * unless `label` names them otherwise (a page in English).
 */
export function classBreaks(
  values: number[],
  method: ClassMethod = 'quantile',
  count = SEQUENTIAL_PALETTE.length,
  fractionDigits = 1,
  label: ClassLabeller = frenchClassLabel(fractionDigits),
): ValueClass[] {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  const distinct = sorted.filter((v, i) => i === 0 || v !== sorted[i - 1]);
  const cutsOver = (list: number[]) => {
    const bounds: number[] = [min];
    for (let i = 1; i < count; i++) {
      const cut =
        method === 'equal'
          ? min + ((max - min) * i) / count
          : list[Math.min(list.length - 1, Math.floor((list.length * i) / count))]!;
      if (cut > bounds[bounds.length - 1]! && cut < max) bounds.push(cut);
    }
    bounds.push(max);
    return bounds;
  };
  let pairs: [number, number][];
  // One class per value: each class holds its `from` value only, and says so.
  const perValue = method === 'quantile' && distinct.length > 1 && distinct.length <= count;
  if (perValue) {
    pairs = distinct.map((v, i) => [v, distinct[i + 1] ?? v]);
  } else {
    let bounds = cutsOver(sorted);
    if (method === 'quantile' && bounds.length - 1 < Math.min(count, distinct.length))
      bounds = cutsOver(distinct);
    pairs =
      bounds.length === 2 && min === max ? [[min, max]] : bounds.slice(1).map((to, i) => [bounds[i]!, to]);
  }
  const palette = paletteFor(pairs.length);
  return pairs.map(([from, to], i) => ({
    from,
    to,
    color: palette[i]!,
    label: label(from, from === to || perValue ? undefined : to, i === pairs.length - 1),
  }));
}

/** The class colour of a value, or the no-data grey. */
export function colorOf(value: number | null | undefined, classes: ValueClass[]): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_DATA_COLOR;
  for (let i = 0; i < classes.length; i++) {
    const c = classes[i]!;
    if (value < c.to || i === classes.length - 1) return c.color;
  }
  return NO_DATA_COLOR;
}

/** Spreads the palette over fewer classes, keeping the darkest colour for the highest class. */
function paletteFor(n: number): string[] {
  const all = SEQUENTIAL_PALETTE;
  if (n >= all.length) return [...all];
  if (n === 1) return [all[all.length - 1 - 1]!];
  return Array.from({ length: n }, (_, i) => all[Math.round(((all.length - 1) * i) / (n - 1))]!);
}
