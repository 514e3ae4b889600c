import type { Aggregation } from '@oise/catalog';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';

/** How one indicator is consolidated, read from the catalog. */
export interface IndicatorRule {
  code: string;
  /** Disaggregated by sex: categories '' (total), 'F', 'M'. */
  sex: boolean;
  /** Along the hierarchy. */
  aggregation: Aggregation;
  /** From quarters to the year. */
  timeAggregation: Aggregation;
  /** For ratio indicators: the parts and the factor (100 for a percentage). */
  ratio: { numerator: string; denominator: string; denominatorSex: boolean; factor: number } | null;
}

/**
 * The rules of every indicator that consolidates. Text indicators are left out (a text is not
 * aggregated). A ratio whose numerator or denominator is missing, a text or itself a ratio is
 * left out too: the catalog check forbids the first, and ratios of ratios have no meaning here.
 */
export async function loadIndicatorRules(db: Kysely<Database>): Promise<IndicatorRule[]> {
  const rows = await db
    .selectFrom('indicator')
    .select([
      'code',
      'value_type',
      'disaggregation',
      'aggregation',
      'time_aggregation',
      'numerator_code',
      'denominator_code',
      'ratio_factor',
    ])
    .where('deleted', '=', 0)
    .orderBy('sort_order')
    .execute();
  const plain = new Map(
    rows.filter((r) => r.value_type !== 'text' && r.aggregation !== 'ratio').map((r) => [r.code, r]),
  );
  const rules: IndicatorRule[] = [];
  for (const r of rows) {
    if (r.value_type === 'text') continue;
    let ratio: IndicatorRule['ratio'] = null;
    if (r.aggregation === 'ratio') {
      const numerator = r.numerator_code ? plain.get(r.numerator_code) : undefined;
      const denominator = r.denominator_code ? plain.get(r.denominator_code) : undefined;
      if (!numerator || !denominator) continue;
      ratio = {
        numerator: numerator.code,
        denominator: denominator.code,
        denominatorSex: denominator.disaggregation === 'sex',
        factor: r.ratio_factor ?? 1,
      };
    }
    rules.push({
      code: r.code,
      sex: r.disaggregation === 'sex',
      aggregation: r.aggregation,
      timeAggregation: r.time_aggregation,
      ratio,
    });
  }
  return rules;
}
