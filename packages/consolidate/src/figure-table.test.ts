import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { consolidateAll, figureTable, queryFigure } from './index.js';
import { insertSubmission, insertValues } from './test-support.js';

describe("the dashboard's figure table", () => {
  test('units × periods × categories, each figure the one `queryFigure` gives, with completeness', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'region', 'ML04');
    const { db } = node;
    await insertValues(db, [
      { unit: 'ML040101', indicator: 'EDU_ELEVES_INSCRITS', period: '2025Q1', category: 'F', value: 30 },
      { unit: 'ML040101', indicator: 'EDU_ELEVES_INSCRITS', period: '2025Q1', category: 'M', value: 20 },
      { unit: 'ML040106', indicator: 'EDU_ELEVES_INSCRITS', period: '2025Q2', category: 'F', value: 5 },
      { unit: 'ML040106', indicator: 'EDU_ELEVES_INSCRITS', period: '2025Q2', category: 'M', value: 7 },
    ]);
    await insertSubmission(db, 'ML0401', '2025Q1', '2025-04-10T00:00:00Z');
    await consolidateAll(db, { nodeCode: 'ML04', now: '2025-07-20T00:00:00Z' });

    const units = ['ML04', 'ML0401', 'ML0402', 'ML040101'];
    const periods = ['2025T1', '2025Q2', '2025'];
    const table = await figureTable(db, {
      indicator: 'EDU_ELEVES_INSCRITS',
      units,
      periods,
      categories: ['', 'F', 'M'],
    });
    expect(table.periods).toEqual(['2025Q1', '2025Q2', '2025']);
    const values = (category: string) => table.cells[category]!.map((row) => row.map((f) => f.value));
    expect(values('')).toEqual([
      // pupils enrolled: over a year, the last quarter's figure (its time rule)
      [50, 12, 12],
      [50, 12, 12],
      [null, null, null],
      [50, null, 50],
    ]);
    expect(values('F')[0]).toEqual([30, 5, 5]);
    const ml0402 = table.cells['']![2]![0]!;
    expect([ml0402.reporting, ml0402.expected]).toEqual([0, ml0402.expected]);
    expect(ml0402.expected).toBeGreaterThan(0);

    // Every cell is the figure `oise query` prints for its key.
    for (const category of table.categories)
      for (const [u, unit] of units.entries())
        for (const [p, period] of table.periods.entries()) {
          const q = await queryFigure(db, { indicator: 'EDU_ELEVES_INSCRITS', unit, period, category });
          const cell = table.cells[category]![u]![p]!;
          expect([cell.value, cell.reporting, cell.expected, cell.onTime, cell.source]).toEqual([
            q.value,
            q.reporting,
            q.expected,
            q.onTime,
            q.source,
          ]);
        }
    await expect(
      figureTable(db, { indicator: 'EDU_ELEVES_INSCRITS', units, periods: ['hier'] }),
    ).rejects.toThrow(/n'est pas une période valide/);
    await node.close();
  });
});
