import { type IndicatorDefinition, categoryLabel } from '@oise/catalog';

/** An indicator and one of its categories, named as the pages name them (a grid column, a review line). */
export interface IndicatorCategory {
  indicator: string;
  /** `''` for the total, `F`, `M`. */
  category: string;
  label: string;
  /** « filles », « hommes »…; undefined for the total or an indicator not counted by sex. */
  categoryLabel: string | undefined;
  unit: string;
  valueType: IndicatorDefinition['valueType'];
}

/**
 * Each indicator with its categories, in the order given: F, M, then the total where it is
 * counted by sex, else the total alone; `def` beside its name.
 */
export function indicatorCategories(
  defs: readonly IndicatorDefinition[],
): { def: IndicatorDefinition; head: IndicatorCategory }[] {
  return defs.flatMap((def) =>
    (def.disaggregation === 'sex' ? ['F', 'M', ''] : ['']).map((category) => ({
      def,
      head: {
        indicator: def.code,
        category,
        label: def.labelFr,
        categoryLabel:
          category === 'F' || category === 'M' ? categoryLabel(def, category).toLowerCase() : undefined,
        unit: def.unit,
        valueType: def.valueType,
      },
    })),
  );
}
