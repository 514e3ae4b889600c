import type { IndicatorDefinition } from '@oise/catalog';
import type { Figure } from '@oise/consolidate';
import { formatMeasureFr, formatNumberFr } from '@oise/core';

/** Decimals a figure is shown with: none for counts, one otherwise. */
export function digitsOf(def: Pick<IndicatorDefinition, 'valueType'>): number {
  return def.valueType === 'integer' || def.valueType === 'boolean' ? 0 : 1;
}

/**
 * A figure's value in French, with its catalog unit as a sentence says it (core's
 * `formatMeasureFr`): « 1 250 », « 45,2 % », « 12 jours », « 1 200 FCFA »; « non transmis »
 * when nothing was reported.
 */
export function valueText(
  def: Pick<IndicatorDefinition, 'valueType' | 'unit'>,
  value: number | null,
): string {
  if (value === null || !Number.isFinite(value)) return 'non transmis';
  const digits = digitsOf(def);
  if (def.valueType === 'percentage') return `${formatNumberFr(value, digits)} %`;
  if (def.unit === 'oui/non') return formatNumberFr(value, digits);
  return formatMeasureFr(Number(value.toFixed(digits)), def.unit);
}

/** Completeness in French: « 41 / 45 communes ». */
export function completenessText(figure: Pick<Figure, 'reporting' | 'expected'>): string {
  const plural = figure.expected > 1 ? 'communes' : 'commune';
  return `${formatNumberFr(figure.reporting, 0)} / ${formatNumberFr(figure.expected, 0)} ${plural}`;
}

/** A map legend's heading: the indicator, with its unit unless a plain count (« Taux d'accès (%) »). */
export function legendTitleOf(def: Pick<IndicatorDefinition, 'labelFr' | 'unit'>): string {
  return def.unit && def.unit !== 'nombre' ? `${def.labelFr} (${def.unit})` : def.labelFr;
}
