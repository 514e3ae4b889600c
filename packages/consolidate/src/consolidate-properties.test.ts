import { test } from '@oise/testkit';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { consolidateAll, consolidateChanges, consolidateQuarter } from './index.js';
import {
  type TestCountry,
  type TestIndicator,
  aggregateUnits,
  communesOf,
  countryArb,
  storeCountry,
  valueKeys,
} from './test-country.js';
import { insertValues, localAggregates } from './test-support.js';

/*
 * Properties of consolidation over random territories, catalogs and values (with gaps).
 * Fixed seed, overridable: FC_SEED=7 FC_RUNS=60 pnpm vitest run packages/consolidate
 */
const SEED = Number(process.env.FC_SEED ?? 20250501);
const RUNS = Number(process.env.FC_RUNS ?? 20);
const NOW = '2025-05-01T00:00:00.000Z';
const YEAR = ['2025Q1', '2025Q2', '2025Q3', '2025Q4'];

/** A commune's figure as the rules define it: the stored value; a sex total, stored else F + M. */
function communeValue(
  country: TestCountry,
  ind: TestIndicator,
  unit: string,
  period: string,
  category: string,
) {
  const stored = (cat: string) =>
    country.values.find(
      (v) => v.unit === unit && v.indicator === ind.code && v.period === period && v.category === cat,
    )?.value ?? undefined;
  const own = stored(category);
  if (own !== undefined || !ind.sex || category !== '') return own ?? undefined;
  const parts = [stored('F'), stored('M')].filter((v): v is number => typeof v === 'number');
  return parts.length ? parts.reduce((a, b) => a + b, 0) : undefined;
}

/** Σ over the unit's communes and how many reported. */
function unitSum(country: TestCountry, ind: TestIndicator, unit: string, period: string, category = '') {
  const values = communesOf(country, unit)
    .map((c) => communeValue(country, ind, c, period, category))
    .filter((v): v is number => v !== undefined);
  return { value: values.length ? values.reduce((a, b) => a + b, 0) : null, reporting: values.length };
}

function overTime(rule: string, quarterly: (number | null)[]): number | null {
  const present = quarterly.filter((v): v is number => v !== null);
  if (present.length === 0) return null;
  switch (rule) {
    case 'last':
      return present[present.length - 1]!;
    case 'average':
      return present.reduce((a, b) => a + b, 0) / present.length;
    case 'min':
      return Math.min(...present);
    case 'max':
      return Math.max(...present);
    default:
      return present.reduce((a, b) => a + b, 0);
  }
}

type Row = Awaited<ReturnType<typeof localAggregates>>[number];
function index(rows: Row[]) {
  const map = new Map(
    rows.map((r) => [`${r.indicator_code}|${r.org_unit_code}|${r.period}|${r.category}`, r]),
  );
  return (indicator: string, unit: string, period: string, category = '') =>
    map.get(`${indicator}|${unit}|${period}|${category}`);
}

describe('consolidation properties', () => {
  test('totals are the sums of communes, ratios come from national sums, stocks keep their last quarter, twice is once', async ({
    tmp,
  }) => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(countryArb(YEAR), async (country) => {
        const store = await storeCountry(tmp, `p${run++}`, country);
        try {
          const first = await consolidateQuarter(store.db, { quarter: '2025Q2', nodeCode: 'ML', now: NOW });
          const rows = await localAggregates(store.db);
          const get = index(rows);
          const units = aggregateUnits(country);

          for (const ind of country.indicators.filter((i) => i.aggregation === 'sum')) {
            for (const unit of units)
              for (const period of YEAR)
                for (const category of ind.sex ? ['', 'F', 'M'] : ['']) {
                  const want = unitSum(country, ind, unit, period, category);
                  const row = get(ind.code, unit, period, category);
                  expect(row?.value ?? null).toBe(want.value);
                  expect(row?.reporting ?? 0).toBe(want.reporting);
                  if (row) expect(row.expected).toBe(communesOf(country, unit).length);
                }
          }

          for (const ind of country.indicators.filter((i) => i.ratio)) {
            const numerator = country.indicators.find((i) => i.code === ind.ratio!.numerator)!;
            const denominator = country.indicators.find((i) => i.code === ind.ratio!.denominator)!;
            const check = (num: number | null, den: number | null, period: string) => {
              const row = get(ind.code, 'ML', period);
              if (num === null || den === null || den === 0) expect(row?.value ?? null).toBeNull();
              else expect(row?.value).toBeCloseTo((num * ind.ratio!.factor) / den, 5);
            };
            const nums = YEAR.map((q) => unitSum(country, numerator, 'ML', q).value);
            const dens = YEAR.map((q) => unitSum(country, denominator, 'ML', q).value);
            YEAR.forEach((q, i) => check(nums[i]!, dens[i]!, q));
            check(
              overTime(numerator.timeAggregation, nums),
              overTime(denominator.timeAggregation, dens),
              '2025',
            );
          }

          for (const ind of country.indicators.filter((i) => i.timeAggregation === 'last')) {
            for (const unit of units) {
              const quarterly = YEAR.map((q) => get(ind.code, unit, q)?.value ?? null);
              expect(get(ind.code, unit, '2025')?.value ?? null).toBe(overTime('last', quarterly));
              if (ind.aggregation === 'sum')
                expect(get(ind.code, unit, '2025')?.value ?? null).toBe(
                  overTime(
                    'last',
                    YEAR.map((q) => unitSum(country, ind, unit, q).value),
                  ),
                );
            }
          }

          const again = await consolidateQuarter(store.db, {
            quarter: '2025Q3',
            nodeCode: 'ML',
            now: '2026-01-01',
          });
          expect(again).toMatchObject({ inserted: 0, updated: 0, cleared: 0, unchanged: first.computed });
          expect(await localAggregates(store.db)).toEqual(rows);
        } finally {
          await store.close();
        }
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  });

  test('incremental consolidation after changes equals a full rebuild', async ({ tmp }) => {
    const quarters = ['2024Q1', '2024Q2', '2024Q3', '2024Q4', ...YEAR];
    const arb = countryArb(quarters).chain((country) => {
      const keys = valueKeys(country.regions, country.indicators, quarters);
      return fc.record({
        country: fc.constant(country),
        changes: fc
          .uniqueArray(fc.nat(keys.length - 1), { maxLength: 6 })
          .chain((picked) =>
            fc.tuple(
              ...picked.map((i) =>
                fc.record({ key: fc.constant(keys[i]!), value: fc.option(fc.integer({ min: 0, max: 500 })) }),
              ),
            ),
          ),
      });
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(arb, async ({ country, changes }) => {
        const store = await storeCountry(tmp, `i${run}`, country);
        try {
          await consolidateAll(store.db, { nodeCode: 'ML', now: NOW });
          const upserts = changes.filter((c) => c.value !== null).map((c) => ({ ...c.key, value: c.value! }));
          await insertValues(store.db, upserts);
          for (const c of changes.filter((c) => c.value === null)) {
            await store.db
              .updateTable('data_value')
              .set((eb) => ({ deleted: 1, revision: eb('revision', '+', 1) }))
              .where('org_unit_code', '=', c.key.unit)
              .where('indicator_code', '=', c.key.indicator)
              .where('period', '=', c.key.period)
              .where('category', '=', c.key.category ?? '')
              .execute();
          }
          const incremental = await consolidateChanges(store.db, { nodeCode: 'ML', now: '2025-06-01' });
          if (changes.length === 0) expect(incremental.mode).toBe('none');
          // A full rebuild over the incremental result finds nothing to change …
          const full = await consolidateAll(store.db, { nodeCode: 'ML', now: '2025-07-01' });
          expect(full).toMatchObject({ inserted: 0, updated: 0, cleared: 0 });
          // … and a fresh database holding the same rows computes the same figures.
          const finalValues = await store.db
            .selectFrom('data_value')
            .select(['org_unit_code', 'indicator_code', 'period', 'category', 'value'])
            .where('deleted', '=', 0)
            .execute();
          const fresh = await storeCountry(tmp, `f${run}`, {
            ...country,
            values: finalValues.map((v) => ({
              unit: v.org_unit_code,
              indicator: v.indicator_code,
              period: v.period,
              category: v.category,
              value: v.value,
            })),
          });
          try {
            await consolidateAll(fresh.db, { nodeCode: 'ML', now: NOW });
            const figures = async (db: typeof fresh.db) =>
              (await localAggregates(db))
                .filter((r) => r.value !== null || r.reporting > 0)
                .map(({ revision, ...r }) => r);
            expect(await figures(store.db)).toEqual(await figures(fresh.db));
          } finally {
            await fresh.close();
          }
        } finally {
          await store.close();
          run++;
        }
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 2), endOnFailure: true },
    );
  });
});
