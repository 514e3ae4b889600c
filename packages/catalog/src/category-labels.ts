import type { IndicatorDefinition } from './indicator-definition.js';

/**
 * Pupils (enrolled, DEF candidates and passes) are counted as girls and boys, everyone else
 * (teachers, councillors, beneficiaries…) as women and men.
 */
const PUPILS = /élèves|candidats au DEF|admis au DEF/i;

/**
 * The French name of one category of an indicator: « filles », « femmes », « garçons »,
 * « hommes »; `undefined` for the total (category ''), which needs no name.
 */
export function categoryLabel(
  def: Pick<IndicatorDefinition, 'labelFr' | 'disaggregation'>,
  category: string,
): string | undefined {
  if (def.disaggregation !== 'sex' || (category !== 'F' && category !== 'M')) return undefined;
  const pupils = PUPILS.test(def.labelFr);
  if (category === 'F') return pupils ? 'filles' : 'femmes';
  return pupils ? 'garçons' : 'hommes';
}
