import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { consolidateAll, readAggregates } from './index.js';
import { insertSubmission, insertValues } from './test-support.js';

describe('bulk figures for reports', () => {
  test('communes computed from raw rows, units from aggregates, filtered by level, unit and period', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const { db } = node;
    await insertValues(db, [
      { unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q1', value: 4 },
      { unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q2', value: 6 },
      { unit: 'ML040106', indicator: 'SAN_CPN', period: '2025Q2', value: 1 },
      { unit: 'ML040106', indicator: 'EDU_ELEVES_INSCRITS', period: '2025Q2', category: 'F', value: 30 },
      { unit: 'ML040106', indicator: 'EDU_ELEVES_INSCRITS', period: '2025Q2', category: 'M', value: 20 },
    ]);
    await insertSubmission(db, 'ML0401', '2025Q2', '2025-07-10T00:00:00Z');
    const result = await consolidateAll(db, { nodeCode: 'ML0401', now: '2025-07-20T00:00:00Z' });
    expect(result.units).toEqual(['ML0401']);

    const communes = await readAggregates(db, {
      periods: ['2025T2', '2025'],
      indicators: ['SAN_CPN', 'EDU_ELEVES_INSCRITS'],
      level: 'commune',
      within: 'ML0401',
    });
    expect(
      communes.map((f) => [f.period, f.unit, f.indicator, f.category, f.value, f.onTime, f.source]),
    ).toEqual([
      ['2025', 'ML040101', 'SAN_CPN', '', 10, 0, 'raw'],
      ['2025', 'ML040106', 'EDU_ELEVES_INSCRITS', '', 50, 1, 'raw'],
      ['2025', 'ML040106', 'EDU_ELEVES_INSCRITS', 'F', 30, 1, 'raw'],
      ['2025', 'ML040106', 'EDU_ELEVES_INSCRITS', 'M', 20, 1, 'raw'],
      ['2025', 'ML040106', 'SAN_CPN', '', 1, 1, 'raw'],
      ['2025Q2', 'ML040101', 'SAN_CPN', '', 6, 1, 'raw'],
      ['2025Q2', 'ML040106', 'EDU_ELEVES_INSCRITS', '', 50, 1, 'raw'],
      ['2025Q2', 'ML040106', 'EDU_ELEVES_INSCRITS', 'F', 30, 1, 'raw'],
      ['2025Q2', 'ML040106', 'EDU_ELEVES_INSCRITS', 'M', 20, 1, 'raw'],
      ['2025Q2', 'ML040106', 'SAN_CPN', '', 1, 1, 'raw'],
    ]);

    const mixed = await readAggregates(db, {
      periods: ['2025Q1', '2025Q2'],
      indicators: ['SAN_CPN'],
      units: ['ML0401', 'ML040101'],
      categories: [''],
    });
    expect(mixed.map((f) => [f.period, f.unit, f.value, f.reporting, f.expected, f.source])).toEqual([
      ['2025Q1', 'ML0401', 4, 1, 5, 'local'],
      ['2025Q1', 'ML040101', 4, 1, 1, 'raw'],
      ['2025Q2', 'ML0401', 7, 2, 5, 'local'],
      ['2025Q2', 'ML040101', 6, 1, 1, 'raw'],
    ]);
    expect(await readAggregates(db, { periods: ['2025Q1'], units: [] })).toEqual([]);
    await node.close();
  });
});
