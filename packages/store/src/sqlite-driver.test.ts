import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { OiseError } from '@oise/core';
import { MIGRATIONS } from '@oise/schema';
import { test } from '@oise/testkit';
import { sql } from 'kysely';
import { afterEach, describe, expect, vi } from 'vitest';
import { inspectDatabaseFile } from './database-file.js';
import { type NodeDatabase, SCHEMA_VERSION, openDatabase } from './open-database.js';
import {
  type SqliteDriverName,
  sqliteDriverAvailable,
  sqliteDriverName,
  sqliteEngine,
  withoutSqliteWarning,
} from './sqlite-driver.js';

const DRIVERS: SqliteDriverName[] = ['better-sqlite3', 'node:sqlite'];
const AT = '2025-04-12T10:00:00.000Z';
const BIG = 2 ** 40 + 7;
const BYTES = Buffer.from([0, 1, 2, 0xc3, 0xa9, 0xff]);

function useDriver(driver: SqliteDriverName) {
  vi.stubEnv('OISE_SQLITE_DRIVER', driver === 'node:sqlite' ? 'node' : driver);
  expect(sqliteDriverName()).toBe(driver);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

/** Rows of each kind of value: text, integers past 2^31, REAL, NULL, BLOB, an autoincrement id. */
async function writeRows(store: NodeDatabase, tag: string) {
  await store.db.insertInto('node_setting').values({ key: tag, value: 'Barouéli' }).execute();
  await store.db
    .insertInto('document')
    .values({
      id: `doc-${tag}`,
      period: '2025Q1',
      org_unit_code: 'ML0401',
      kind: 'rapport',
      title: 'Synthèse',
      file_name: 'synthese.pdf',
      media_type: 'application/pdf',
      sha256: 'x'.repeat(64),
      size: BIG,
      content: BYTES,
      created_at: AT,
      owner: 'ML',
      revision: 1,
      updated_at: AT,
    })
    .execute();
  return store.db
    .insertInto('journal')
    .values({
      at: AT,
      table_name: 'data_value',
      row_key: tag,
      old_value: null,
      new_value: '0.25',
      old_revision: null,
      new_revision: BIG,
      author: 'awa',
      channel: 'cli',
    })
    .executeTakeFirstOrThrow();
}

async function readRows(store: NodeDatabase) {
  return {
    settings: await store.db.selectFrom('node_setting').selectAll().orderBy('key').execute(),
    documents: await store.db
      .selectFrom('document')
      .select(['id', 'size', 'content'])
      .orderBy('id')
      .execute(),
    journal: await store.db
      .selectFrom('journal')
      .select(['id', 'row_key', 'old_value', 'new_revision'])
      .orderBy('id')
      .execute(),
  };
}

const available = DRIVERS.filter(sqliteDriverAvailable);

describe('choosing the driver', () => {
  test('a driver OISE does not know is refused in French, with the values it takes', () => {
    vi.stubEnv('OISE_SQLITE_DRIVER', 'sqlite3');
    expect(() => sqliteDriverName()).toThrow(/les valeurs possibles sont « better-sqlite3 » et « node »/);
    vi.stubEnv('OISE_SQLITE_DRIVER', '');
    expect(sqliteDriverName()).toBe(available[0]);
  });

  const missing = DRIVERS.filter((d) => !available.includes(d));
  test.runIf(missing.length > 0)(
    `a driver asked for that does not load says what to install (${missing.join(', ') || 'none missing here'})`,
    async ({ tmp }) => {
      for (const driver of missing) {
        vi.stubEnv('OISE_SQLITE_DRIVER', driver === 'node:sqlite' ? 'node' : driver);
        const refused = await openDatabase(join(tmp, 'node.sqlite')).catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(OiseError);
        expect((refused as OiseError).code).toBe('DB_DRIVER_UNAVAILABLE');
        expect((refused as OiseError).message).toMatch(
          /^Le moteur SQLite .* Installez Node\.js 24|^Le moteur SQLite .* Réinstallez/,
        );
        expect(existsSync(join(tmp, 'node.sqlite'))).toBe(false);
      }
    },
  );

  test('node:sqlite’s ExperimentalWarning is dropped while it loads; other warnings are kept', async () => {
    const seen: string[] = [];
    const listener = (warning: Error) => seen.push(`${warning.name}: ${warning.message}`);
    // Node's own listener prints warnings on stderr: set aside, so the test's log stays clean.
    const printers = process.listeners('warning');
    process.removeAllListeners('warning');
    process.on('warning', listener);
    try {
      withoutSqliteWarning(() => {
        // What Node 22 emits on the first load of node:sqlite.
        process.emitWarning(
          'SQLite is an experimental feature and might change at any time',
          'ExperimentalWarning',
        );
        process.emitWarning('Fetch is an experimental feature', 'ExperimentalWarning');
      });
      process.emitWarning(
        'SQLite is an experimental feature and might change at any time',
        'ExperimentalWarning',
      );
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.off('warning', listener);
      for (const printer of printers) process.on('warning', printer);
    }
    expect(seen).toEqual([
      'ExperimentalWarning: Fetch is an experimental feature',
      'ExperimentalWarning: SQLite is an experimental feature and might change at any time',
    ]);
  });
});

describe.each(available)('the store on %s', (driver) => {
  test('values come back as better-sqlite3 gives them, and what it refuses is refused', async ({ tmp }) => {
    useDriver(driver);
    const store = await openDatabase(join(tmp, 'node.sqlite'));
    const inserted = await writeRows(store, 'a');
    expect(inserted.insertId).toBe(1n);
    const { documents, journal } = await readRows(store);
    expect(documents[0]?.size).toBe(BIG);
    expect(Buffer.isBuffer(documents[0]?.content)).toBe(true);
    expect(Buffer.from(documents[0]?.content ?? []).equals(BYTES)).toBe(true);
    expect(journal).toEqual([{ id: 1, row_key: 'a', old_value: null, new_revision: BIG }]);
    expect(Object.getPrototypeOf(journal[0])).toBe(Object.prototype);

    const { rows } = await sql<{
      total: number;
      kind: string;
      empty: null;
    }>`select ${0.1} + ${0.2} as total, typeof(new_revision) as kind, ${undefined} as empty from journal`.execute(
      store.db,
    );
    expect(rows).toEqual([{ total: 0.1 + 0.2, kind: 'integer', empty: null }]);
    await expect(
      store.db
        .insertInto('node_setting')
        .values({ key: 'b', value: true as unknown as string })
        .execute(),
    ).rejects.toThrow(/can only bind/);

    const updated = await store.db.updateTable('node_setting').set({ value: 'Ségou' }).executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1n);
    const streamed: string[] = [];
    for await (const row of store.db.selectFrom('node_setting').select('value').stream())
      streamed.push(row.value);
    expect(streamed).toEqual(['Ségou']);
    await expect(
      store.db.transaction().execute(async (trx) => {
        await trx.insertInto('node_setting').values({ key: 'c', value: 'perdu' }).execute();
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await store.db.selectFrom('node_setting').select('key').execute()).toEqual([{ key: 'a' }]);
    await store.close();
  });

  test('the same pragmas, read-only mode and open errors', async ({ tmp }) => {
    useDriver(driver);
    const path = join(tmp, 'node.sqlite');
    const store = await openDatabase(path, { busyTimeoutMs: 1234 });
    const pragma = async (name: string) =>
      Object.values((await sql.raw(`pragma ${name}`).execute(store.db)).rows[0] ?? {})[0];
    expect([
      await pragma('journal_mode'),
      await pragma('synchronous'),
      await pragma('foreign_keys'),
      await pragma('busy_timeout'),
    ]).toEqual(['wal', 1, 1, 1234]);
    await store.close();

    const reader = await openDatabase(path, { readonly: true });
    const { rows: applied } = await sql`select name from kysely_migration`.execute(reader.db);
    expect(applied).toHaveLength(Object.keys(MIGRATIONS).length);
    await expect(
      reader.db.insertInto('node_setting').values({ key: 'k', value: 'v' }).execute(),
    ).rejects.toThrow(/readonly/);
    await reader.close();

    for (const [missing, options] of [
      [join(tmp, 'absent.sqlite'), { readonly: true }],
      [join(tmp, 'absent', 'node.sqlite'), {}],
    ] as const) {
      const refused = await openDatabase(missing, options).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(OiseError);
      expect((refused as OiseError).code).toBe('DB_OPEN_FAILED');
      expect(existsSync(missing)).toBe(false);
    }
    expect(sqliteEngine()).toMatchObject({ driver, version: expect.stringMatching(/^3\.\d+\.\d+$/) });
  });
});

// Both drivers exist on Node 22.16+/24 with better-sqlite3 built for it: CI's Node 24 block sets
// OISE_TEST_BOTH_SQLITE_DRIVERS=1, so there a missing driver fails instead of skipping.
const both = available.length === DRIVERS.length || process.env.OISE_TEST_BOTH_SQLITE_DRIVERS === '1';
const skipped = both
  ? ''
  : ` (skipped: only ${available.join(', ') || 'no driver'} on Node ${process.version})`;

describe.runIf(both)(`a node file between better-sqlite3 and node:sqlite${skipped}`, () => {
  test.for([DRIVERS, [...DRIVERS].reverse()])(
    'made by %s, it opens with %s and back',
    async ([first = 'better-sqlite3', second = 'node:sqlite'], { tmp }) => {
      const path = join(tmp, 'node.sqlite');
      useDriver(first);
      const made = await openDatabase(path);
      await writeRows(made, 'a');
      const before = await readRows(made);
      await made.close();

      useDriver(second);
      expect(inspectDatabaseFile(path)).toMatchObject({ problems: [], schemaVersion: SCHEMA_VERSION });
      const other = await openDatabase(path);
      expect(await readRows(other)).toEqual(before);
      expect((await writeRows(other, 'b')).insertId).toBe(2n);
      const after = await readRows(other);
      await other.close();

      useDriver(first);
      expect(inspectDatabaseFile(path).problems).toEqual([]);
      const back = await openDatabase(path, { readonly: true });
      expect(await readRows(back)).toEqual(after);
      expect(after.journal.map((r) => r.row_key)).toEqual(['a', 'b']);
      await back.close();
    },
  );

  test('open by both at once: each sees what the other commits in the WAL', async ({ tmp }) => {
    const path = join(tmp, 'node.sqlite');
    useDriver('better-sqlite3');
    const better = await openDatabase(path);
    await writeRows(better, 'a');
    useDriver('node:sqlite');
    const node = await openDatabase(path);
    expect((await readRows(node)).journal.map((r) => r.row_key)).toEqual(['a']);
    await writeRows(node, 'b');
    expect((await readRows(better)).journal.map((r) => r.row_key)).toEqual(['a', 'b']);
    expect(Buffer.isBuffer((await readRows(better)).documents[1]?.content)).toBe(true);
    await node.close();
    await better.close();
    expect(inspectDatabaseFile(path).problems).toEqual([]);
  });
});
