import type { Indicator } from '@oise/schema';

export const DOMAINS = [
  'sante',
  'education',
  'hydraulique',
  'economie',
  'social',
  'culture',
  'gouvernance',
  'elus',
  'cooperation',
] as const;
export type Domain = (typeof DOMAINS)[number];

export const DOMAIN_LABELS: Record<Domain, string> = {
  sante: 'Santé',
  education: 'Éducation',
  hydraulique: 'Hydraulique',
  economie: 'Économie',
  social: 'Social',
  culture: 'Culture',
  gouvernance: 'Gouvernance',
  elus: 'Élus',
  cooperation: 'Coopération',
};

export const KINDS = ['ressource', 'realisation', 'resultat', 'impact'] as const;
export const KIND_LABELS: Record<(typeof KINDS)[number], string> = {
  ressource: 'Ressource',
  realisation: 'Réalisation',
  resultat: 'Résultat',
  impact: 'Impact',
};
export const VALUE_TYPES = ['integer', 'number', 'percentage', 'text', 'boolean'] as const;
export const AGGREGATIONS = ['sum', 'average', 'min', 'max', 'last', 'ratio'] as const;

export type Aggregation = (typeof AGGREGATIONS)[number];
export type ValueType = (typeof VALUE_TYPES)[number];

/** An indicator as the catalog defines it (camelCase view of the `indicator` row). */
export interface IndicatorDefinition {
  code: string;
  labelFr: string;
  labelEn: string;
  domain: string;
  kind: (typeof KINDS)[number];
  valueType: ValueType;
  unit: string;
  disaggregation: 'none' | 'sex';
  aggregation: Aggregation;
  timeAggregation: Aggregation;
  numeratorCode: string | null;
  denominatorCode: string | null;
  ratioFactor: number | null;
  min: number | null;
  max: number | null;
  partOfCode: string | null;
  description: string | null;
  sortOrder: number;
}

/** The category codes of an indicator: `['F', 'M']` when disaggregated by sex, else none. */
export function categoriesOf(def: Pick<IndicatorDefinition, 'disaggregation'>): string[] {
  return def.disaggregation === 'sex' ? ['F', 'M'] : [];
}

/** Ratio indicators are computed from their numerator and denominator, never entered. */
export function isComputed(def: Pick<IndicatorDefinition, 'aggregation'>): boolean {
  return def.aggregation === 'ratio';
}

export function definitionFromRow(row: Indicator): IndicatorDefinition {
  return {
    code: row.code,
    labelFr: row.label_fr,
    labelEn: row.label_en,
    domain: row.domain,
    kind: row.kind,
    valueType: row.value_type,
    unit: row.unit,
    disaggregation: row.disaggregation,
    aggregation: row.aggregation,
    timeAggregation: row.time_aggregation,
    numeratorCode: row.numerator_code,
    denominatorCode: row.denominator_code,
    ratioFactor: row.ratio_factor,
    min: row.min_value,
    max: row.max_value,
    partOfCode: row.part_of_code,
    description: row.description,
    sortOrder: row.sort_order,
  };
}
