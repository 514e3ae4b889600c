import { type IndicatorDefinition, categoriesOf, isComputed } from '@oise/catalog';
import { hashOf, seededRandom } from './seeded-random.js';

/** One figure a CCC adviser enters: commune × indicator × category for a quarter. */
export interface DemoValue {
  commune: string;
  indicator: string;
  category: '' | 'F' | 'M';
  value: number;
}

/**
 * Plausible figures for a commune and a quarter: each indicator has a level of its own for the
 * commune (a modest share of its validity range), stocks move little from quarter to quarter,
 * flows vary by ±20 %, a part is a share of its whole, F and M are entered separately.
 */
export function demoValues(
  catalog: readonly IndicatorDefinition[],
  commune: string,
  quarterIndex: number,
  seed: number,
): DemoValue[] {
  const out: DemoValue[] = [];
  const byKey = new Map<string, number>();
  for (const def of catalog) {
    if (isComputed(def) || def.valueType === 'text') continue;
    const categories: ('' | 'F' | 'M')[] = categoriesOf(def).length ? ['F', 'M'] : [''];
    for (const category of categories) {
      const level = seededRandom(seed ^ hashOf(`${commune}:${def.code}:${category}`));
      const wobble = seededRandom(seed ^ hashOf(`${commune}:${def.code}:${category}:${quarterIndex}`));
      let value: number;
      if (def.valueType === 'boolean') {
        value = level() < 0.8 ? 1 : 0;
      } else {
        const min = def.min ?? 0;
        const max = def.max ?? min + 100;
        const span = Math.max(1, max - min);
        const base = min + span * (0.03 + 0.12 * level()) * (categories.length > 1 ? 0.5 : 1);
        const factor =
          def.timeAggregation === 'last'
            ? 1 + 0.01 * quarterIndex + 0.02 * (wobble() - 0.5)
            : 0.8 + 0.4 * wobble();
        value = base * factor;
        if (def.partOfCode) {
          const whole = byKey.get(`${def.partOfCode}:${category}`);
          const wholeDef = catalog.find((d) => d.code === def.partOfCode);
          // A quarterly flow part of an annual stock (taxes collected of taxes assessed, budget
          // executed of budget voted) is about a quarter of it each quarter.
          const share = def.timeAggregation === 'sum' && wholeDef?.timeAggregation === 'last' ? 0.25 : 1;
          if (whole !== undefined) value = whole * share * (0.45 + 0.5 * level());
        }
        value = Math.min(max, Math.max(min, value));
        value = def.valueType === 'integer' ? Math.floor(value) : Math.round(value * 10) / 10;
      }
      byKey.set(`${def.code}:${category}`, value);
      out.push({ commune, indicator: def.code, category, value });
    }
  }
  return out;
}
