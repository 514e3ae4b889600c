import { DEFAULT_CALENDAR } from '@oise/core';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { completenessOf, completenessOfUnits } from './completeness.js';
import { insertSubmission, insertValues } from './test-support.js';

describe('completeness of several units at once', () => {
  test('the same numbers as completenessOf, unit by unit and quarter by quarter', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'region', 'ML04');
    try {
      await insertValues(node.db, [
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', value: 4 },
        { unit: 'ML040106', indicator: 'SAN_CSCOM', period: '2025Q1', value: 2 },
        { unit: 'ML040106', indicator: 'SAN_CSCOM', period: '2024Q4', value: 2 },
        { unit: 'ML040204', indicator: 'EDU_ECOLES_FOND', period: '2025Q1', value: null },
        { unit: 'ML040302', indicator: 'SAN_CSCOM', period: '2025Q1', value: 1 },
      ]);
      // Barouéli on time, Bla after its due date.
      await insertSubmission(node.db, 'ML0401', '2025Q1', '2025-04-10T09:00:00.000Z');
      await insertSubmission(
        node.db,
        'ML0403',
        '2025Q1',
        '2025-04-14T09:00:00.000Z',
        1,
        '2025-04-18T09:00:00.000Z',
      );
      const units = ['ML0401', 'ML0402', 'ML0403', 'ML04'];
      const quarters = ['2025Q1', '2024Q4'];
      const all = await completenessOfUnits(node.db, units, quarters, {
        calendar: DEFAULT_CALENDAR,
        scopeRoot: 'ML04',
      });
      expect(all.get('ML0401|2025Q1')).toEqual({ reporting: 2, expected: 5, onTime: 2 });
      // A row without a value is not a report.
      expect(all.get('ML0402|2025Q1')).toEqual({ reporting: 0, expected: 5, onTime: 0 });
      expect(all.get('ML0403|2025Q1')).toEqual({ reporting: 1, expected: 5, onTime: 0 });
      expect(all.get('ML04|2025Q1')).toEqual({ reporting: 3, expected: 15, onTime: 2 });
      for (const unit of units)
        for (const quarter of quarters)
          expect(all.get(`${unit}|${quarter}`), `${unit} ${quarter}`).toEqual(
            await completenessOf(node.db, unit, quarter, { calendar: DEFAULT_CALENDAR }),
          );
    } finally {
      await node.close();
    }
  });
});
