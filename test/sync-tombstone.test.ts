import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { enterValues, makeCountry, send, sendBack, submit, validate } from './sync-fixtures.js';

describe('a quarter travels up, and a deletion follows it', () => {
  test('cercle → region → national, gated by validation, tombstone included', async ({ tmp }) => {
    const country = await makeCountry(tmp, { ML04: ['ML0401'] });
    const national = country.national;
    const region = country.nodes.get('ML04')!;
    const cercle = country.nodes.get('ML0401')!;
    try {
      const key = { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', category: '' };
      const other = { ...key, unit: 'ML040106' };
      await enterValues(cercle, [
        { ...key, value: 4 },
        { ...other, value: 2 },
      ]);
      await submit(cercle, '2025Q1');
      const up1 = await send(cercle, region);
      expect(up1.results.map((r) => r.status)).toEqual(['applied']);
      expect(up1.results[0]?.changed).toBe(3);
      const at = (node: typeof national, unit: string) =>
        node.db
          .selectFrom('data_value')
          .selectAll()
          .where('org_unit_code', '=', unit)
          .where('period', '=', '2025Q1')
          .executeTakeFirst();
      expect(await at(region, key.unit)).toMatchObject({
        value: 4,
        deleted: 0,
        revision: 1,
        owner: 'ML0401',
      });

      // Not validated: nothing of the cercle goes to national. The CSR returns the quarter, and
      // the return reaches the cercle with the region's next bundle down.
      await send(region, national);
      expect(await at(national, key.unit)).toBeUndefined();
      await sendBack(
        region,
        'ML0401',
        '2025Q1',
        'Baraoueli n’a pas de CSCOM ce trimestre : retirez le chiffre.',
      );
      await send(region, cercle);

      // Awa empties the figure in the workbook and submits again: the tombstone goes up.
      await enterValues(cercle, [{ ...key, value: null }]);
      expect(await at(cercle, key.unit)).toMatchObject({ value: null, deleted: 1, revision: 2 });
      expect(await submit(cercle, '2025Q1')).toBe(2);
      await send(cercle, region);
      expect(await at(region, key.unit)).toMatchObject({ deleted: 1, revision: 2 });
      // Submitted again, not yet validated: the tombstone waits at the region.
      await send(region, national);
      expect(await at(national, key.unit)).toBeUndefined();
      await validate(region, 'ML0401', '2025Q1');
      await send(region, national);
      expect(await at(national, key.unit)).toMatchObject({ value: null, deleted: 1, revision: 2 });
      expect(await at(national, other.unit)).toMatchObject({ value: 2, deleted: 0, revision: 1 });
      const journal = await national.db
        .selectFrom('journal')
        .selectAll()
        .where('row_key', '=', 'ML040101|SAN_CSCOM|2025Q1|')
        .orderBy('id')
        .execute();
      expect(journal.map((j) => [j.channel, j.old_revision, j.new_revision, j.new_value])).toEqual([
        ['bundle', null, 2, null],
      ]);
    } finally {
      await country.close();
    }
  });
});
