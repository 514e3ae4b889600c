import { join } from 'node:path';
import { MIGRATIONS } from '@oise/schema';
import { test } from '@oise/testkit';
import { type Migration, Migrator } from 'kysely';
import { describe, expect } from 'vitest';
import { migrateToLatest, openDatabase } from './open-database.js';

const AT = '2025-04-12T10:00:00.000Z';

describe('migration 0005', () => {
  test('a region upgraded from 0004 takes its cercles’ submissions as received when they were made', async ({
    tmp,
  }) => {
    const { db, close } = await openDatabase(join(tmp, 'node.sqlite'), { migrate: false });
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '0005'));
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async (): Promise<Record<string, Migration>> => before },
    });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await db
      .insertInto('node_info')
      .values({ id: 1, code: 'ML04', level: 'region', parent_code: 'ML', created_at: AT })
      .execute();
    const sync = { owner: 'ML', revision: 1, updated_at: AT, valid_from: '2000-01-01', valid_to: null };
    await db
      .insertInto('org_unit')
      .values([
        { ...sync, code: 'ML04', level: 'region', name: 'Ségou', parent_code: 'ML' },
        { ...sync, code: 'ML0401', level: 'cercle', name: 'Barouéli', parent_code: 'ML04' },
        { ...sync, code: 'ML0501', level: 'cercle', name: 'Bandiagara', parent_code: 'ML05' },
      ])
      .execute();
    const submission = (unit: string) => ({
      org_unit_code: unit,
      period: '2025Q1',
      number: 1,
      submitted_at: AT,
      submitted_by: 'awa',
      missing_count: 0,
      owner: unit,
      revision: 1,
      updated_at: AT,
    });
    // Its own cercle's submission, and one of a unit that is not its child (received elsewhere).
    await db
      .insertInto('quarter_submission')
      .values([submission('ML0401'), submission('ML0501')])
      .execute();

    expect(await migrateToLatest(db)).toContain('0005-quarter-reception');
    expect(
      await db
        .selectFrom('quarter_reception')
        .select(['org_unit_code', 'period', 'submission_number', 'received_at', 'owner'])
        .execute(),
    ).toEqual([
      { org_unit_code: 'ML0401', period: '2025Q1', submission_number: 1, received_at: AT, owner: 'ML04' },
    ]);
    // Synced like the other quarter rows: the trigger gave the row a change-counter value.
    const seq = await db.selectFrom('quarter_reception').select('local_seq').executeTakeFirstOrThrow();
    expect(seq.local_seq).toBeGreaterThan(0);
    await close();
  });
});
