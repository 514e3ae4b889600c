import { join } from 'node:path';
import { changeCounter } from '@oise/node';
import { MIGRATIONS } from '@oise/schema';
import { migrateToLatest, openDatabase } from '@oise/store';
import { makeTestNode, test } from '@oise/testkit';
import { Migrator } from 'kysely';
import { describe, expect } from 'vitest';
import { consolidateAll, consolidateChanges, consolidatedUpTo } from './index.js';
import { insertValues } from './test-support.js';

const NOW = '2025-05-01T00:00:00.000Z';

/** A node database as it stood before migration 0006, with the old setting `value`. */
async function databaseBefore0006(path: string, value: string) {
  const store = await openDatabase(path, { migrate: false });
  const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0006'));
  const { error } = await new Migrator({
    db: store.db,
    provider: { getMigrations: async () => before },
  }).migrateToLatest();
  expect(error).toBeUndefined();
  await store.db
    .insertInto('node_setting')
    .values([
      { key: 'consolidate.change_counter', value },
      { key: 'calendar.cercleDueDays', value: '20' },
    ])
    .execute();
  return store;
}

describe('consolidation state', () => {
  test('migration 0006 moves the old setting into consolidation_state and deletes it', async ({ tmp }) => {
    const store = await databaseBefore0006(join(tmp, 'old.sqlite'), '1234');
    expect(await migrateToLatest(store.db)).toContain('0006-consolidation-state');
    expect(await consolidatedUpTo(store.db)).toBe(1234);
    const settings = await store.db.selectFrom('node_setting').select(['key', 'value']).execute();
    expect(settings).toEqual([{ key: 'calendar.cercleDueDays', value: '20' }]);
    await store.close();

    // A value that was no counter is not copied: the next pass rebuilds everything, as before.
    const odd = await databaseBefore0006(join(tmp, 'odd.sqlite'), 'abc');
    await migrateToLatest(odd.db);
    expect(await consolidatedUpTo(odd.db)).toBeUndefined();
    expect(
      await odd.db.selectFrom('node_setting').select('key').where('key', 'like', 'consolidate.%').execute(),
    ).toEqual([]);
    await odd.close();
  });

  test('a pass records the change counter it reached there, not in node_setting', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    const { db } = node;
    expect(await consolidatedUpTo(db)).toBeUndefined();
    await insertValues(db, [{ unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q1', value: 4 }]);
    expect((await consolidateChanges(db, { nodeCode: 'ML', now: NOW })).mode).toBe('full');
    const reached = await changeCounter(db);
    expect(await consolidatedUpTo(db)).toBe(reached);
    expect((await consolidateChanges(db, { nodeCode: 'ML', now: NOW })).mode).toBe('none');

    await insertValues(db, [{ unit: 'ML040106', indicator: 'SAN_CPN', period: '2025Q1', value: 6 }]);
    const incremental = await consolidateChanges(db, { nodeCode: 'ML', now: NOW });
    expect(incremental).toMatchObject({ mode: 'incremental', units: ['ML', 'ML04', 'ML0401'] });
    expect(await consolidatedUpTo(db)).toBe(await changeCounter(db));
    expect(await consolidatedUpTo(db)).toBeGreaterThan(reached);
    await consolidateAll(db, { nodeCode: 'ML', now: NOW });
    expect(
      await db.selectFrom('node_setting').select('key').where('key', 'like', 'consolidate.%').execute(),
    ).toEqual([]);
    await node.close();
  });
});
