import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import {
  consolidateQuarter,
  describeFigure,
  parseFigurePeriod,
  queryFigure,
  readAggregates,
  unreportedFigures,
} from './index.js';
import { insertValues } from './test-support.js';

const NOW = '2025-05-01T00:00:00.000Z';

describe('a figure nobody reported', () => {
  test('still expects the communes of its unit that quarter: « 0 commune sur 5 »', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'region', 'ML04');
    const { db } = node;
    // Barouéli reports; Bla (ML0403) and its commune Bla (ML040302) report nothing.
    await insertValues(db, [{ unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q1', value: 4 }]);
    await consolidateQuarter(db, { quarter: '2025Q1', nodeCode: 'ML04', now: NOW });
    const stored = await readAggregates(db, { periods: ['2025Q1'], units: ['ML0403'] });
    expect(stored).toEqual([]);

    const nobody = { value: null, numerator: null, denominator: null, reporting: 0, onTime: 0 };
    const cercle = await queryFigure(db, { indicator: 'SAN_CPN', unit: 'ML0403', period: '2025Q1' });
    expect(cercle).toEqual({
      indicator: 'SAN_CPN',
      unit: 'ML0403',
      period: '2025Q1',
      category: '',
      ...nobody,
      expected: 5,
      source: 'local',
      computedBy: 'ML04',
    });
    expect(await describeFigure(db, cercle)).toContain('0 commune sur 5 a répondu, 0 à temps');
    expect(await queryFigure(db, { indicator: 'SAN_CPN', unit: 'ML0403', period: '2025' })).toMatchObject({
      ...nobody,
      expected: 5,
    });
    expect(await queryFigure(db, { indicator: 'SAN_CPN', unit: 'ML040302', period: '2025Q1' })).toMatchObject(
      { ...nobody, expected: 1, source: 'raw', computedBy: 'ML04' },
    );
    // Outside the node: national's figure, not received.
    expect(await queryFigure(db, { indicator: 'SAN_CPN', unit: 'ML02', period: '2025Q1' })).toMatchObject({
      ...nobody,
      expected: 15,
      source: 'published',
      computedBy: null,
    });

    // The bulk answer (the reports') is the same figure, key by key.
    const unreported = await unreportedFigures(db, {
      units: ['ML0403', 'ML040302', 'ML02'],
      periods: ['2025Q1', '2025'].map(parseFigurePeriod),
    });
    for (const [unit, period] of [
      ['ML0403', '2025Q1'],
      ['ML0403', '2025'],
      ['ML040302', '2025Q1'],
      ['ML02', '2025Q1'],
    ] as const) {
      const key = { indicator: 'SAN_CPN', unit, period, category: '' };
      expect(unreported(key), `${unit} ${period}`).toEqual(
        await queryFigure(db, { indicator: 'SAN_CPN', unit, period }),
      );
    }
    expect(() =>
      unreported({ indicator: 'SAN_CPN', unit: 'ML0403', period: '2025Q2', category: '' }),
    ).toThrow(/2025Q2 was not loaded/);
    await node.close();
  });
});
