import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { enterValues, makeCountry, send, submit, validate } from './sync-fixtures.js';

describe('a quarter travels up, and a deletion follows it', () => {
  test('cercle → region → national, gated by validation, tombstone included', async ({ tmp }) => {
    const country = await makeCountry(tmp, { ML04: ['ML0401'] });
    const national = country.national;
    const region = country.nodes.get('ML04')!;
    const cercle = country.nodes.get('ML0401')!;
    try {
      const key = { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', category: '' };
      await enterValues(cercle, [
        { ...key, value: 4 },
        { unit: 'ML040102', indicator: 'SAN_CSCOM', period: '2025Q1', category: '', value: 2 },
      ]);
      await submit(cercle, '2025Q1');
      const up1 = await send(cercle, region);
      expect(up1.results.map((r) => r.status)).toEqual(['applied']);
      expect(up1.results[0]?.changed).toBe(3);

      // Not validated yet: nothing of the cercle goes to national.
      const early = await send(region, national);
      expect(early.results).toEqual([]);
      await validate(region, 'ML0401', '2025Q1');
      const up2 = await send(region, national);
      expect(up2.results.map((r) => r.status)).toEqual(['applied']);
      const atNational = () =>
        national.db
          .selectFrom('data_value')
          .selectAll()
          .where('org_unit_code', '=', key.unit)
          .where('period', '=', '2025Q1')
          .executeTakeFirst();
      expect(await atNational()).toMatchObject({ value: 4, deleted: 0, revision: 1, owner: 'ML0401' });

      // Awa deletes the figure and resubmits; the CSR validates submission 2.
      await enterValues(cercle, [{ ...key, value: null }]);
      await submit(cercle, '2025Q1');
      await send(cercle, region);
      const atRegion = await region.db
        .selectFrom('data_value')
        .selectAll()
        .where('org_unit_code', '=', key.unit)
        .executeTakeFirstOrThrow();
      expect(atRegion).toMatchObject({ deleted: 1, revision: 2 });
      // Resubmitted, not yet validated: the tombstone waits at the region.
      await send(region, national);
      expect(await atNational()).toMatchObject({ deleted: 0, revision: 1 });
      await validate(region, 'ML0401', '2025Q1');
      await send(region, national);
      expect(await atNational()).toMatchObject({ deleted: 1, revision: 2 });
      const journal = await national.db
        .selectFrom('journal')
        .selectAll()
        .where('row_key', '=', 'ML040101|SAN_CSCOM|2025Q1|')
        .orderBy('id')
        .execute();
      expect(journal.map((j) => [j.channel, j.old_revision, j.new_revision, j.new_value])).toEqual([
        ['bundle', null, 1, JSON.stringify({ value: 4, comment: null })],
        ['bundle', 1, 2, null],
      ]);
    } finally {
      await country.close();
    }
  });
});
