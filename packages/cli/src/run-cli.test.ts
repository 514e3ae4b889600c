import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FIXTURES, SHARED_DATA, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { runCliCaptured } from './run-cli.js';

function cli(args: string[], env: Record<string, string> = {}) {
  return runCliCaptured(args, { OISE_NOW: '2025-04-01T08:00:00.000Z', ...env });
}

describe('oise command line', () => {
  test.skipIf(!SHARED_DATA.available)(
    'imports the whole territory of Mali at national and counts it (needs ../shared/data)',
    async ({ tmp }) => {
      const dir = join(tmp, 'national');
      expect((await cli(['init', '--dir', dir, '--level', 'national', '--code', 'ML'])).code).toBe(0);
      const imported = await cli(['territory', 'import', '--dir', dir, SHARED_DATA.communes]);
      expect(imported.stderr).toBe('');
      expect(imported.stdout).toContain('9 régions, 50 cercles, 701 communes');
      const status = await cli(['status', '--dir', dir, '--json']);
      const parsed = JSON.parse(status.stdout);
      expect(parsed.territory).toMatchObject({ region: 9, cercle: 50, commune: 701 });
    },
  );

  test('refuses a bad territory file with exit 1, a French message naming the line, and stores nothing', async ({
    tmp,
  }) => {
    const dir = join(tmp, 'national');
    await cli(['init', '--dir', dir, '--level', 'national', '--code', 'ML']);
    const file = join(tmp, 'bad.csv');
    writeFileSync(
      file,
      'region_code,region_name,cercle_code,cercle_name,commune_code,commune_name\nML04,Ségou,ML0402,Barouéli,ML040201,Barouéli\nML04,Ségou,ML0402,Barouéli,ML040201,Barouéli bis\n',
    );
    const run = await cli(['territory', 'import', '--dir', dir, file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad\.csv, ligne 3, colonne E : code « ML040201 » en double/);
    const status = JSON.parse((await cli(['status', '--dir', dir, '--json'])).stdout);
    expect(status.territory).toEqual({ pays: 0, region: 0, cercle: 0, commune: 0 });
  });

  test('lists the catalog with the contract fields', async ({ tmp }) => {
    const dir = join(tmp, 'c');
    await cli(['init', '--dir', dir, '--level', 'cercle', '--code', 'ML0402']);
    const list = JSON.parse((await cli(['indicators', 'list', '--dir', dir, '--json'])).stdout) as Record<
      string,
      unknown
    >[];
    expect(list.length).toBeGreaterThanOrEqual(60);
    expect(list.length).toBeLessThanOrEqual(120);
    for (const item of list) {
      expect(Object.keys(item)).toEqual(
        expect.arrayContaining([
          'code',
          'label',
          'domain',
          'kind',
          'valueType',
          'unit',
          'aggregation',
          'timeAggregation',
          'categories',
          'min',
          'max',
        ]),
      );
      expect(['integer', 'number', 'percentage', 'text', 'boolean']).toContain(item.valueType);
      expect(['sum', 'average', 'min', 'max', 'last', 'ratio']).toContain(item.aggregation);
    }
    const domains = new Set(list.map((i) => i.domain));
    for (const d of [
      'sante',
      'education',
      'hydraulique',
      'economie',
      'social',
      'culture',
      'gouvernance',
      'elus',
      'cooperation',
    ]) {
      expect(domains).toContain(d);
    }
    expect(new Set(list.map((i) => i.kind))).toEqual(
      new Set(['ressource', 'realisation', 'resultat', 'impact']),
    );
    expect(list.some((i) => JSON.stringify(i.categories) === '["F","M"]')).toBe(true);
  });

  test('exit codes: 2 for usage errors, 1 for refused input; English on request', async ({ tmp }) => {
    expect((await cli(['init', '--dir', join(tmp, 'x'), '--level', 'cercle'])).code).toBe(2);
    expect((await cli(['status', '--dir', join(tmp, 'x'), '--bogus'])).code).toBe(2);
    expect((await cli(['nimporte'])).code).toBe(2);
    const missing = await cli(['status', '--dir', join(tmp, 'nowhere')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/n'est pas un dossier de nœud OISE/);
    const help = await cli(['status', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage/);
    await cli(['init', '--dir', join(tmp, 'n'), '--level', 'national', '--code', 'ML']);
    const en = await cli(['status', '--dir', join(tmp, 'n'), '--lang', 'en']);
    expect(en.stdout).toMatch(/Territory: 0 regions/);
    const enError = await cli(['status', '--dir', join(tmp, 'nowhere')], { OISE_LANG: 'en' });
    expect(enError.code).toBe(1);
    expect(enError.stderr).toMatch(/Error \[NODE_NOT_FOUND\] this is not an OISE node folder/);
  });

  test('explains in English a code that had no English line before (DHIS2_*), then the French detail', async ({
    tmp,
  }) => {
    const dir = join(tmp, 'national');
    await cli(['init', '--dir', dir, '--level', 'national', '--code', 'ML']);
    const mapping = join(tmp, 'correspondances.csv');
    writeFileSync(mapping, 'type;code_oise;code_dhis2;libelle\n');
    const values = join(tmp, 'valeurs.json');
    writeFileSync(values, '{"dataValues":[]}');
    const run = await cli(['dhis2', 'import', '--dir', dir, '--mapping', mapping, values, '--lang', 'en']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "Error [DHIS2_IMPORT_NOT_CERCLE] DHIS2 values are imported at the node of the communes' cercle.\n" +
        "  (détail : les valeurs des communes s'importent sur le nœud d'un cercle (CCC), pas sur un nœud de niveau national : importez ce fichier sur le nœud du cercle concerné.)\n",
    );
  });

  test('runs as a real process: init, key export, enroll, status --json on stdout only', async ({ tmp }) => {
    const main = fileURLToPath(new URL('./main.ts', import.meta.url));
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--import', 'tsx', main, ...args], { encoding: 'utf8' });
    const region = join(tmp, 'r');
    const cercle = join(tmp, 'c');
    expect(run('init', '--dir', region, '--level', 'region', '--code', 'ML04').status).toBe(0);
    expect(run('init', '--dir', cercle, '--level', 'cercle', '--code', 'ML0402').status).toBe(0);
    expect(run('key', 'export', '--dir', cercle, '--out', join(tmp, 'c.json')).status).toBe(0);
    const enrolled = run('enroll', '--dir', region, join(tmp, 'c.json'), '--json');
    expect(enrolled.status).toBe(0);
    expect(JSON.parse(enrolled.stdout)).toMatchObject({ code: 'ML0402', relation: 'child', changed: true });
    const status = run('status', '--dir', region, '--json');
    expect(JSON.parse(status.stdout).neighbours).toHaveLength(1);
    expect(FIXTURES.catalog).toMatch(/indicateurs\.csv$/);
  });
});
