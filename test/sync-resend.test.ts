import { rmSync } from 'node:fs';
import { exportBundles, ingestBundles } from '@oise/sync';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { NOW, closeAll, enterValues, makeCountry, submit } from './sync-fixtures.js';

describe('a lost bundle', () => {
  test('is never acknowledged, so its rows go again on their own after a week of silence', async ({
    tmp,
  }) => {
    const country = await makeCountry(tmp, { ML04: ['ML0401'] });
    const region = country.nodes.get('ML04')!;
    const cercle = country.nodes.get('ML0401')!;
    try {
      await enterValues(cercle, [
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', category: '', value: 4 },
      ]);
      await submit(cercle, '2025Q1');
      const first = await exportBundles(cercle, { now: NOW, to: 'ML04' });
      expect(first.written).toHaveLength(1);
      // The USB key is lost on the way.
      rmSync(first.written[0]!.file);
      // Nothing new the next day: nothing is written again yet.
      expect((await exportBundles(cercle, { now: '2025-04-21T08:00:00.000Z', to: 'ML04' })).written).toEqual(
        [],
      );
      // A week later, the unacknowledged rows go again, and arrive.
      const again = await exportBundles(cercle, { now: '2025-04-28T08:00:00.000Z', to: 'ML04' });
      expect(again.written).toHaveLength(1);
      expect(again.written[0]!.rowCount).toBe(first.written[0]!.rowCount);
      const applied = await ingestBundles(region, {
        now: '2025-04-29T08:00:00.000Z',
        files: [again.written[0]!.file],
      });
      expect(applied.map((r) => r.status)).toEqual(['applied']);
      const stored = await region.db
        .selectFrom('data_value')
        .select('value')
        .where('org_unit_code', '=', 'ML040101')
        .executeTakeFirstOrThrow();
      expect(stored.value).toBe(4);
    } finally {
      await closeAll([country.national, ...country.nodes.values()]);
    }
  });
});
