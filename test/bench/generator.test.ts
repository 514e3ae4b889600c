import { join } from 'node:path';
import { readIndicatorCatalog } from '@oise/catalog';
import { FIXTURES, SHARED_DATA, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { writeHistory } from './history-writer.js';
import { openRaw } from './raw-sqlite.js';
import { benchTerritory } from './territory.js';
import { ValueModel } from './value-model.js';

// Keeps the benchmark's generator from rotting: a tiny history, written and read back.
describe('bench generator', () => {
  const model = new ValueModel(readIndicatorCatalog(FIXTURES.catalog), 7);

  test.skipIf(!SHARED_DATA.available)(
    "scale 4 keeps the regions and adds twin cercles with valid P-codes (needs Mali's communes in ../shared/data)",
    () => {
      const one = benchTerritory(SHARED_DATA.communes, 1);
      const four = benchTerritory(SHARED_DATA.communes, 4);
      expect([one.communes.length, one.cercles.length, one.regions.length]).toEqual([701, 50, 9]);
      expect([four.communes.length, four.cercles.length, four.regions.length]).toEqual([2804, 200, 9]);
      for (const c of four.communes) {
        expect(c.code).toMatch(/^ML\d{6}$/);
        expect(c.code.startsWith(c.cercle)).toBe(true);
        expect(c.cercle.startsWith(c.region)).toBe(true);
      }
      expect(new Set(four.communes.map((c) => c.code)).size).toBe(2804);
    },
  );

  test('values are seeded, within bounds, parts under their whole', () => {
    const key = model.communeKey('ML040201');
    for (const [i, cell] of model.cells.entries()) {
      const v = model.value(key, i, 3);
      expect(v).toBe(model.value(key, i, 3));
      expect(v).toBeGreaterThanOrEqual(cell.min);
      expect(v).toBeLessThanOrEqual(cell.max);
      if (cell.whole >= 0) expect(v).toBeLessThanOrEqual(model.value(key, cell.whole, 3));
    }
    expect(model.cells.some((c) => c.category === 'F')).toBe(true);
  });

  test('writes a history with its change counter and triggers back in place', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    const communes = (
      await node.db
        .selectFrom('org_unit as c')
        .innerJoin('org_unit as p', 'p.code', 'c.parent_code')
        .select(['c.code as code', 'c.name as name', 'c.parent_code as cercle', 'p.parent_code as region'])
        .where('c.level', '=', 'commune')
        .limit(3)
        .execute()
    ).map((c) => ({ ...c, cercle: c.cercle ?? '', region: c.region ?? '', cercleName: '', regionName: '' }));
    await node.close();
    const raw = openRaw(join(tmp, 'ML', 'node.sqlite'));
    const counts = writeHistory(raw, { model, communes, quarters: [0, 1] });
    const stored = raw.prepare('select count(*) as n, max(local_seq) as seq from data_value').get() as {
      n: number;
      seq: number;
    };
    const counter = raw.prepare('select value from change_counter').get() as { value: number };
    const triggers = raw
      .prepare("select count(*) as n from sqlite_master where type = 'trigger' and tbl_name = 'data_value'")
      .get() as { n: number };
    raw.close();
    expect(stored.n).toBe(counts.dataValues);
    expect(counts.dataValues).toBeGreaterThan(0);
    expect(counter.value).toBeGreaterThanOrEqual(stored.seq);
    expect(triggers.n).toBe(2);
  });
});
