import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OiseError } from '@oise/core';
import { type Database, MIGRATIONS } from '@oise/schema';
import { SHARED_DATA, openTestDatabase, test } from '@oise/testkit';
import type { Kysely } from 'kysely';
import { describe, expect } from 'vitest';
import { loadHierarchy } from './hierarchy.js';
import { importTerritory, readTerritoryFile } from './territory-import.js';

const HEADER = 'region_code,region_name,cercle_code,cercle_name,commune_code,commune_name';

async function freshDb(dir: string): Promise<{ db: Kysely<Database>; close: () => Promise<void> }> {
  expect(Object.keys(MIGRATIONS).length).toBeGreaterThan(0);
  return openTestDatabase(dir);
}

describe('territory import', () => {
  test.skipIf(!SHARED_DATA.available)(
    'loads all of Mali: 9 regions, 50 cercles, 701 communes (needs ../shared/data)',
    async ({ tmp }) => {
      const { db, close } = await freshDb(tmp);
      const units = readTerritoryFile(SHARED_DATA.communes);
      const result = await importTerritory(db, units, { owner: 'ML', now: '2025-01-01T00:00:00Z' });
      expect(result.byLevel).toEqual({ pays: 1, region: 9, cercle: 50, commune: 701 });
      const h = await loadHierarchy(db);
      expect(h.countByLevel()).toEqual({ pays: 1, region: 9, cercle: 50, commune: 701 });
      expect(h.get('ML0401')?.name).toBe('Barouéli');
      expect(h.descendantsAt('ML04', 'cercle')).toHaveLength(7);
      // Importing the same file again changes nothing.
      const again = await importTerritory(db, units, { owner: 'ML', now: '2025-02-01T00:00:00Z' });
      expect(again.unchanged).toBe(units.length);
      await close();
    },
  );

  test('refuses a duplicate code, naming both lines', ({ tmp }) => {
    const file = join(tmp, 'dup.csv');
    writeFileSync(
      file,
      `${HEADER}\nML04,Ségou,ML0402,Barouéli,ML040201,Barouéli\nML04,Ségou,ML0402,Barouéli,ML040201,Boidié\n`,
    );
    expect(() => readTerritoryFile(file)).toThrowError(
      /dup\.csv, ligne 3, colonne E : code « ML040201 » en double \(déjà à la ligne 2/,
    );
  });

  test('refuses a commune whose parent is unknown', ({ tmp }) => {
    const file = join(tmp, 'parent.csv');
    writeFileSync(
      file,
      `${HEADER}\nML04,Ségou,ML0402,Barouéli,ML040201,Barouéli\nML04,Ségou,ML0402,Barouéli,ML050301,Kita\n`,
    );
    expect(() => readTerritoryFile(file)).toThrowError(/ligne 3.*ML050301.*parent/);
  });

  test('refuses a list whose parent code does not exist', ({ tmp }) => {
    const file = join(tmp, 'list.csv');
    writeFileSync(
      file,
      'code;name;level;parent_code\nML04;Ségou;region;ML\nML0402;Barouéli;cercle;ML04\nML0499;Inconnu;cercle;ML09\n',
    );
    expect(() => readTerritoryFile(file)).toThrowError(/ligne 4/);
  });

  test('refuses a file with a missing column, on line 1, and writes nothing', async ({ tmp }) => {
    const file = join(tmp, 'cols.csv');
    writeFileSync(
      file,
      'region_code,region_name,cercle_code,commune_code,commune_name\nML04,Ségou,ML0402,ML040201,Barouéli\n',
    );
    let error: unknown;
    try {
      readTerritoryFile(file);
    } catch (e) {
      error = e;
    }
    expect((error as OiseError).describe()).toMatch(
      /cols\.csv, ligne 1 : colonne\(s\) manquante\(s\) : cercle_name/,
    );
    const { db, close } = await freshDb(tmp);
    const count = await db
      .selectFrom('org_unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    await close();
  });

  test('keeps the hierarchy of past quarters when a cercle moves', async ({ tmp }) => {
    const { db, close } = await freshDb(tmp);
    const v1 = join(tmp, 'v1.csv');
    writeFileSync(
      v1,
      `${HEADER}\nML04,Ségou,ML0402,Barouéli,ML040201,Barouéli\nML05,Mopti,ML0501,Bandiagara,ML050101,Bandiagara\n`,
    );
    await importTerritory(db, readTerritoryFile(v1), { owner: 'ML', now: 't1' });
    const v2 = join(tmp, 'v2.csv');
    writeFileSync(
      v2,
      'code,name,level,parent_code\nML04,Ségou,region,ML\nML05,Mopti,region,ML\nML0402,Barouéli,cercle,ML04\nML0501,Bandiagara,cercle,ML05\nML040201,Barouéli,commune,ML0402\nML050101,Bandiagara Ville,commune,ML0501\n',
    );
    await importTerritory(db, readTerritoryFile(v2), { owner: 'ML', now: 't2', validFrom: '2025-07-01' });
    expect((await loadHierarchy(db, { year: 2025, quarter: 1 })).get('ML050101')?.name).toBe('Bandiagara');
    expect((await loadHierarchy(db, { year: 2025, quarter: 3 })).get('ML050101')?.name).toBe(
      'Bandiagara Ville',
    );
    await close();
  });
});
