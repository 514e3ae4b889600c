import { DEFAULT_CALENDAR } from '@oise/core';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { overdueUnits } from './overdue-units.js';

describe('overdue units', () => {
  test('a region lists the cercles with nothing received after their due date', async ({ tmp }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    await region.db
      .insertInto('quarter_submission')
      .values({
        org_unit_code: 'ML0401',
        period: '2025Q1',
        number: 1,
        submitted_at: '2025-04-10T09:00:00Z',
        submitted_by: 'ML0401',
        missing_count: 0,
        owner: 'ML0401',
        revision: 1,
        updated_at: '2025-04-10T09:00:00Z',
      })
      .execute();
    // Before the due date (15 April) nobody is late.
    expect(await overdueUnits(region.db, region.identity, '2025-04-15T20:00:00Z', DEFAULT_CALENDAR)).toEqual(
      [],
    );
    const late = await overdueUnits(region.db, region.identity, '2025-04-16T08:00:00Z', DEFAULT_CALENDAR);
    expect(late.map((m) => [m.period, m.unit, m.due])).toEqual([
      ['2025Q1', 'ML0402', '2025-04-15'],
      ['2025Q1', 'ML0403', '2025-04-15'],
    ]);
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
    expect(await overdueUnits(cercle.db, cercle.identity, '2025-06-01T08:00:00Z', DEFAULT_CALENDAR)).toEqual(
      [],
    );
    await region.close();
    await cercle.close();
  });
});
