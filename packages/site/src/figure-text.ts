import type { IndicatorDefinition } from '@oise/catalog';
import type { Figure } from '@oise/consolidate';
import { formatNumberFr } from '@oise/core';

/** Decimals a figure is shown with: none for counts, one otherwise. */
export function digitsOf(def: Pick<IndicatorDefinition, 'valueType'>): number {
  return def.valueType === 'integer' || def.valueType === 'boolean' ? 0 : 1;
}

/** A figure's value in French: « 1 250 », « 45,2 % », « non transmis » when nothing was reported. */
export function valueText(def: Pick<IndicatorDefinition, 'valueType'>, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return 'non transmis';
  const n = formatNumberFr(value, digitsOf(def));
  return def.valueType === 'percentage' ? `${n} %` : n;
}

/** Completeness in French: « 41 / 45 communes ». */
export function completenessText(figure: Pick<Figure, 'reporting' | 'expected'>): string {
  const plural = figure.expected > 1 ? 'communes' : 'commune';
  return `${formatNumberFr(figure.reporting, 0)} / ${formatNumberFr(figure.expected, 0)} ${plural}`;
}
