import { consolidateAll } from '@oise/consolidate';
import { insertSubmission, insertValues } from '@oise/consolidate/test-support';
import { DEFAULT_CALENDAR } from '@oise/core';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { OUTLIER_FACTOR } from './outlier.js';
import { reviewQuarter } from './quarter-review.js';
import { missingFromAggregates, reviewRegionQuarter } from './region-review.js';

const NOW = '2025-04-28T09:00:00.000Z';
const PAST = ['2024Q4', '2024Q3', '2024Q2', '2024Q1', '2023Q4', '2023Q3'];
const history = (unit: string, indicator: string, values: number[]) =>
  values.map((value, i) => ({ unit, indicator, value, period: PAST[i]! }));

describe('a region’s quarter in review at national, by its cercles', () => {
  test('entries missing from the aggregates: each entered indicator expects every commune', () => {
    const reporting: Record<string, number> = { A: 5, B: 2 };
    expect(missingFromAggregates(5, ['A', 'B', 'C'], (i) => reporting[i] ?? 0)).toEqual({
      entries: 15,
      missing: 3 + 5,
    });
    // A reporting count above the communes (a stale aggregate) never makes a negative gap.
    expect(missingFromAggregates(2, ['A'], () => 3)).toEqual({ entries: 2, missing: 0 });
  });

  test('cercles’ aggregates beside the quarters before, the unusual by entry’s rule, completeness, the lag', async ({
    tmp,
  }) => {
    const national = await makeTestNode(tmp, 'national', 'ML');
    try {
      await insertValues(national.db, [
        ...history('ML040101', 'SAN_CONSULT_CURATIVES', [1200, 1180, 1250, 1300, 1150, 1220]),
        ...history('ML040106', 'SAN_CONSULT_CURATIVES', [800, 820]),
        // Ten times the usual at Baraoueli: the cercle's sum is unusual too.
        { unit: 'ML040101', indicator: 'SAN_CONSULT_CURATIVES', period: '2025Q1', value: 12500 },
        { unit: 'ML040106', indicator: 'SAN_CONSULT_CURATIVES', period: '2025Q1', value: 790 },
        { unit: 'ML040302', indicator: 'SAN_CSCOM', period: '2025Q1', value: 1 },
      ]);
      await insertSubmission(national.db, 'ML04', '2025Q1', '2025-04-25T09:00:00.000Z');
      await consolidateAll(national.db, { nodeCode: 'ML', now: NOW });
      const review = async () =>
        (await reviewRegionQuarter(national.db, {
          node: national.identity,
          unit: 'ML04',
          quarter: '2025T1',
          now: NOW,
          calendar: DEFAULT_CALENDAR,
        }))!;
      const r = await review();
      expect(r.unit).toEqual({ code: 'ML04', name: 'Ségou', level: 'region' });
      expect(r.quarters).toEqual(['2025Q1', '2024Q4', '2024Q3', '2024Q2', '2024Q1']);
      expect(r.state.status.status).toBe('submitted');
      expect(r.upToDate).toBe(true);

      const sante = r.domains.find((d) => d.domain === 'sante')!;
      const consult = sante.lines.find((l) => l.indicator === 'SAN_CONSULT_CURATIVES')!;
      expect(consult.cercle).toEqual({ code: 'ML0401', name: 'Barouéli' });
      expect(consult.figures.map((f) => f?.value ?? null)).toEqual([13290, 2000, 2000, 1250, 1300]);
      expect(consult.figures[0]).toMatchObject({ reporting: 2 });
      // The cercle's own past sums (2 000, 2 000, 1 250, 1 300, 1 150, 1 220): median 1 275.
      expect(consult.outlier?.range).toMatchObject({ median: 1275, high: 1275 * OUTLIER_FACTOR });
      expect(consult.outlier?.message).toMatch(/^13 290 est inhabituel pour Barouéli/);
      expect(r.outlierCount).toBe(1);
      expect(sante.lines.map((l) => `${l.indicator} ${l.cercle.name}`)).toEqual([
        'SAN_CSCOM Bla',
        'SAN_CONSULT_CURATIVES Barouéli',
      ]);

      const barouéli = r.cercles.find((c) => c.code === 'ML0401')!;
      const bla = r.cercles.find((c) => c.code === 'ML0403')!;
      expect(r.cercles.map((c) => c.code)).toContain('ML0402');
      expect(barouéli).toMatchObject({ name: 'Barouéli', reporting: 2, outliers: 1, arrivedSince: 0 });
      expect(bla).toMatchObject({ reporting: 1, outliers: 0 });
      // Every commune × entered indicator but the two consultations (and Bla's one CSCOM).
      const perCommune = barouéli.entries / barouéli.expected;
      expect(barouéli.missing).toBe(barouéli.entries - 2);
      expect(bla.missing).toBe(bla.entries - 1);
      expect(bla.entries).toBe(bla.expected * perCommune);
      // The same count as the commune review restricted to the cercle (from the raw rows).
      const communes = (await reviewQuarter(national.db, {
        node: national.identity,
        unit: 'ML04',
        quarter: '2025Q1',
        now: NOW,
        calendar: DEFAULT_CALENDAR,
        within: 'ML0401',
      }))!;
      expect(communes.within).toEqual({ code: 'ML0401', name: 'Barouéli' });
      expect(communes.communes).toHaveLength(barouéli.expected);
      expect(communes.communes.reduce((n, c) => n + c.expected - c.entered, 0)).toBe(barouéli.missing);
      expect(new Set(communes.domains.flatMap((d) => d.lines.map((l) => l.cercle?.code)))).toEqual(
        new Set(['ML0401']),
      );

      // A value arriving after the consolidation: not in the figures yet, and said so.
      await insertValues(national.db, [
        { unit: 'ML040302', indicator: 'SAN_CONSULT_CURATIVES', period: '2025Q1', value: 300 },
      ]);
      const later = await review();
      expect(later.upToDate).toBe(false);
      expect(later.cercles.find((c) => c.code === 'ML0403')?.arrivedSince).toBe(1);
      expect(later.cercles.find((c) => c.code === 'ML0401')?.arrivedSince).toBe(0);

      // Not a region of the node, or a cercle outside the region.
      const asked = { node: national.identity, quarter: '2025Q1', now: NOW, calendar: DEFAULT_CALENDAR };
      expect(await reviewRegionQuarter(national.db, { ...asked, unit: 'ML0401' })).toBeUndefined();
      expect(await reviewQuarter(national.db, { ...asked, unit: 'ML04', within: 'ML0201' })).toBeUndefined();
      expect(
        await reviewQuarter(national.db, { ...asked, unit: 'ML04', within: 'ML040101' }),
      ).toBeUndefined();
    } finally {
      await national.close();
    }
  });
});
