import { join } from 'node:path';
import { openDatabase } from '@oise/store';
import fc from 'fast-check';
import { type RawValue, insertValues } from './test-support.js';

/*
 * Random countries for property tests (test support only): a territory, a catalog with every
 * rule, and raw values with gaps, stored in a bare node database.
 */

export const RULES = ['sum', 'average', 'min', 'max'] as const;
export const TIME_RULES = ['sum', 'last', 'average', 'min', 'max'] as const;

export interface TestIndicator {
  code: string;
  sex: boolean;
  aggregation: (typeof RULES)[number] | 'ratio';
  timeAggregation: (typeof TIME_RULES)[number] | 'ratio';
  ratio?: { numerator: string; denominator: string; factor: number };
}

export interface TestCountry {
  /** region code → cercle code → commune codes */
  regions: Map<string, Map<string, string[]>>;
  indicators: TestIndicator[];
  values: RawValue[];
}

const territoryArb = fc
  .array(fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), {
    minLength: 1,
    maxLength: 3,
  })
  .map((regions) => {
    const out = new Map<string, Map<string, string[]>>();
    regions.forEach((cercles, r) => {
      const region = `ML${String(r + 1).padStart(2, '0')}`;
      const map = new Map<string, string[]>();
      cercles.forEach((n, c) => {
        const cercle = `${region}${String(c + 1).padStart(2, '0')}`;
        map.set(
          cercle,
          Array.from({ length: n }, (_, k) => `${cercle}${String(k + 1).padStart(2, '0')}`),
        );
      });
      out.set(region, map);
    });
    return out;
  });

const plainArb = fc.record({
  sex: fc.boolean(),
  aggregation: fc.constantFrom(...RULES),
  timeAggregation: fc.constantFrom(...TIME_RULES),
});

const catalogArb = fc
  .tuple(
    fc.array(plainArb, { minLength: 2, maxLength: 5 }),
    fc.array(fc.record({ n: fc.nat(), d: fc.nat(), factor: fc.constantFrom(1, 100) }), { maxLength: 2 }),
  )
  .map(([plain, ratios]) => {
    const indicators: TestIndicator[] = plain.map((p, i) => ({ code: `IND_${i}`, ...p }));
    const count = indicators.length;
    ratios.forEach((r, i) => {
      const numerator = indicators[r.n % count]!;
      const denominator = indicators[r.d % count]!;
      // Ratio parts are summed along the hierarchy, as in the real catalog.
      numerator.aggregation = 'sum';
      denominator.aggregation = 'sum';
      indicators.push({
        code: `RATIO_${i}`,
        sex: false,
        aggregation: 'ratio',
        timeAggregation: 'ratio',
        ratio: { numerator: numerator.code, denominator: denominator.code, factor: r.factor },
      });
    });
    return indicators;
  });

/** Keys of every possible raw value of a country over some quarters. */
export function valueKeys(regions: TestCountry['regions'], indicators: TestIndicator[], quarters: string[]) {
  const keys: Omit<RawValue, 'value'>[] = [];
  for (const cercles of regions.values())
    for (const communes of cercles.values())
      for (const unit of communes)
        for (const ind of indicators)
          if (!ind.ratio)
            for (const period of quarters)
              for (const category of ind.sex ? ['', 'F', 'M'] : [''])
                keys.push({ unit, indicator: ind.code, period, category });
  return keys;
}

/** A random country with values over `quarters` (each value present with some chance). */
export function countryArb(quarters: string[]): fc.Arbitrary<TestCountry> {
  return fc.tuple(territoryArb, catalogArb).chain(([regions, indicators]) => {
    const keys = valueKeys(regions, indicators, quarters);
    return fc
      .array(fc.option(fc.integer({ min: 0, max: 500 }), { freq: 3 }), {
        minLength: keys.length,
        maxLength: keys.length,
      })
      .map((values) => ({
        regions,
        indicators,
        values: keys.flatMap((k, i) =>
          values[i] === null || values[i] === undefined ? [] : [{ ...k, value: values[i]! }],
        ),
      }));
  });
}

/** A bare node database holding the country's territory, catalog and values. */
export async function storeCountry(dir: string, name: string, country: TestCountry) {
  const store = await openDatabase(join(dir, `${name}.sqlite`));
  const { db } = store;
  const now = '2025-01-01T00:00:00.000Z';
  const unit = (code: string, level: 'pays' | 'region' | 'cercle' | 'commune', parent: string | null) => ({
    code,
    valid_from: '1999-01-01',
    valid_to: null,
    level,
    name: code,
    parent_code: parent,
    owner: 'ML',
    revision: 1,
    updated_at: now,
  });
  const units = [unit('ML', 'pays', null)];
  for (const [region, cercles] of country.regions) {
    units.push(unit(region, 'region', 'ML'));
    for (const [cercle, communes] of cercles) {
      units.push(unit(cercle, 'cercle', region));
      for (const c of communes) units.push(unit(c, 'commune', cercle));
    }
  }
  await db.insertInto('org_unit').values(units).execute();
  await db
    .insertInto('indicator')
    .values(
      country.indicators.map((ind, i) => ({
        code: ind.code,
        label_fr: ind.code,
        label_en: ind.code,
        domain: 'sante',
        kind: 'realisation' as const,
        value_type: 'number' as const,
        unit: 'nombre',
        disaggregation: ind.sex ? ('sex' as const) : ('none' as const),
        aggregation: ind.aggregation,
        time_aggregation: ind.timeAggregation,
        numerator_code: ind.ratio?.numerator ?? null,
        denominator_code: ind.ratio?.denominator ?? null,
        ratio_factor: ind.ratio?.factor ?? null,
        sort_order: i,
        owner: 'ML',
        revision: 1,
        updated_at: now,
      })),
    )
    .execute();
  await insertValues(db, country.values);
  return store;
}

/** Communes of a unit of a test country. */
export function communesOf(country: TestCountry, code: string): string[] {
  const out: string[] = [];
  for (const [region, cercles] of country.regions)
    for (const [cercle, communes] of cercles)
      if (code === 'ML' || code === region || code === cercle) out.push(...communes);
      else out.push(...communes.filter((c) => c === code));
  return out;
}

/** Every unit above the communes: the country, its regions and cercles. */
export function aggregateUnits(country: TestCountry): string[] {
  const out = ['ML'];
  for (const [region, cercles] of country.regions) out.push(region, ...cercles.keys());
  return out;
}
