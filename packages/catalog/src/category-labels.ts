import type { IndicatorDefinition } from './indicator-definition.js';

/** How F and M read in French for an indicator: girls and boys when it counts pupils or children. */
export interface SexLabels {
  F: string;
  M: string;
}

const ADULTS: SexLabels = { F: 'Femmes', M: 'Hommes' };
const CHILDREN: SexLabels = { F: 'Filles', M: 'Garçons' };

/** Pupils, children, and the pupils who sit or pass the DEF (the end-of-basic-school exam). */
const ABOUT_CHILDREN = /(?<!\p{L})(élèves?|enfants?|écoliers?|candidats au DEF|admis au DEF)(?!\p{L})/iu;

/**
 * The French words for F and M of a sex-disaggregated indicator: « Filles » / « Garçons » for
 * pupils and children (« Nombre d'élèves inscrits… »), « Femmes » / « Hommes » otherwise.
 */
export function sexLabels(def: Pick<IndicatorDefinition, 'labelFr'> | undefined): SexLabels {
  return def && ABOUT_CHILDREN.test(def.labelFr) ? CHILDREN : ADULTS;
}

/** The French label of one category of an indicator: « Filles », « Hommes », « Total ». */
export function categoryLabel(
  def: Pick<IndicatorDefinition, 'labelFr'> | undefined,
  category: string,
): string {
  if (category === 'F' || category === 'M') return sexLabels(def)[category];
  return 'Total';
}
