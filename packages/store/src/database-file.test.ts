import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OiseError } from '@oise/core';
import { test } from '@oise/testkit';
import { sql } from 'kysely';
import { describe, expect } from 'vitest';
import { backupDatabase, inspectDatabaseFile, settleDatabaseFile } from './database-file.js';
import { SCHEMA_VERSION, openDatabase } from './open-database.js';

async function nodeFile(tmp: string) {
  const store = await openDatabase(join(tmp, 'node.sqlite'));
  await store.db.insertInto('node_setting').values({ key: 'k', value: 'avant' }).execute();
  return store;
}

describe('database files', () => {
  test('an online copy holds what is committed in the WAL and stands alone', async ({ tmp }) => {
    const store = await nodeFile(tmp);
    // Still open: the row lives in node.sqlite-wal, not yet in node.sqlite.
    expect(existsSync(join(tmp, 'node.sqlite-wal'))).toBe(true);
    const copy = join(tmp, 'copie.sqlite');
    expect((await backupDatabase(join(tmp, 'node.sqlite'), copy)).pages).toBeGreaterThan(10);
    await store.close();
    expect(existsSync(`${copy}-wal`)).toBe(false);
    expect(inspectDatabaseFile(copy)).toMatchObject({ problems: [], schemaVersion: SCHEMA_VERSION });
    const back = await openDatabase(copy, { migrate: false, readonly: true });
    const { rows } = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(back.db);
    expect(rows[0]?.journal_mode).toBe('delete');
    expect(await back.db.selectFrom('node_setting').selectAll().execute()).toEqual([
      { key: 'k', value: 'avant' },
    ]);
    await back.close();
  });

  test('inspecting finds damage and files that are no database, without a throw', async ({ tmp }) => {
    const store = await nodeFile(tmp);
    await store.close();
    const path = join(tmp, 'node.sqlite');
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 4096 * 3, 4096 * 5);
    writeFileSync(join(tmp, 'abimee.sqlite'), bytes);
    expect(inspectDatabaseFile(join(tmp, 'abimee.sqlite')).problems.length).toBeGreaterThan(0);
    writeFileSync(join(tmp, 'texte.sqlite'), 'ceci n’est pas une base');
    expect(inspectDatabaseFile(join(tmp, 'texte.sqlite'))).toMatchObject({
      problems: [expect.stringMatching(/not a database/)],
      schemaVersion: undefined,
    });
  });

  test('a file another connection holds open is never settled; a closed one is, into one file', async ({
    tmp,
  }) => {
    const store = await nodeFile(tmp);
    const path = join(tmp, 'node.sqlite');
    let refused: unknown;
    try {
      settleDatabaseFile(path);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(OiseError);
    expect((refused as OiseError).code).toBe('DB_IN_USE');
    expect(await store.db.selectFrom('node_setting').select('value').execute()).toEqual([{ value: 'avant' }]);
    await store.close();
    expect(settleDatabaseFile(path)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
    expect(existsSync(`${path}-shm`)).toBe(false);
    writeFileSync(join(tmp, 'texte.sqlite'), 'pas une base');
    expect(settleDatabaseFile(join(tmp, 'texte.sqlite'))).toBe(false);
  });
});
