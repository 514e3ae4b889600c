import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { cercleDir as cercle, dhis2Cli as cli } from './dhis2-cli-support.js';

const MAPPING = join(FIXTURES.catalog, '..', 'dhis2-correspondances.csv');

describe('oise dhis2 with XML (DXF2) and ADX', () => {
  test('export --format xml and adx (or by the name of --out), import on another cercle, compare: no gap', async ({
    tmp,
  }) => {
    const source = await cercle(tmp, 'source');
    const entry = join(tmp, 'saisie.csv');
    writeFileSync(
      entry,
      [
        'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire',
        'ML040101;SAN_CSCOM;2025T1;;2;',
        'ML040106;SAN_CPN;2025T1;;95;après la campagne',
        'ML040101;EDU_ENSEIGNANTS;2025T1;F;12;',
        'ML040101;EDU_ENSEIGNANTS;2025T1;M;20;',
        '',
      ].join('\n'),
    );
    expect((await cli(['import', '--dir', source, entry])).code).toBe(0);

    const files = { xml: join(tmp, 'valeurs.xml'), adx: join(tmp, 'valeurs.adx.xml') };
    for (const [format, out, flags] of [
      ['xml', files.xml, ['--format', 'xml']],
      ['adx', files.adx, []],
    ] as const) {
      const args = ['--dir', source, '--mapping', MAPPING, '--out', out, ...flags];
      const exported = await cli(['dhis2', 'export', '--period', '2025T1', ...args]);
      expect(exported.stderr).toBe('');
      expect(exported.code).toBe(0);
      expect(exported.stdout).toContain(`4 valeurs écrites dans ${out} (DHIS2 ${format.toUpperCase()}`);
    }
    expect(readFileSync(files.xml, 'utf8')).toContain(
      '<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0" dataSet="QX4ZTUbOt3a">',
    );
    const adx = readFileSync(files.adx, 'utf8');
    expect(adx).toContain('<adx xmlns="urn:ihe:qrph:adx:2015">');
    expect(adx).toContain('period="2025-01-01/P3M"');
    expect(adx).toContain('SEXE="MASCULIN" value="20"');

    for (const format of ['xml', 'adx'] as const) {
      const target = await cercle(tmp, `cible-${format}`);
      const imported = await cli(['dhis2', 'import', '--dir', target, files[format], '--mapping', MAPPING]);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toContain('Import DHIS2 terminé');
      const compared = await cli(['dhis2', 'compare', '--dir', target, files[format], '--mapping', MAPPING]);
      expect(compared.code).toBe(0);
      expect(compared.stdout).toContain('4 valeurs comparées : 4 identiques, 0 écart');
    }
  });

  test('an XML file with an external entity is refused with exit 1 and a French message', async ({ tmp }) => {
    const target = await cercle(tmp, 'cible');
    const secret = join(tmp, 'secret.txt');
    writeFileSync(secret, 'CONTENU-SECRET-42');
    const file = join(tmp, 'piege.xml');
    writeFileSync(
      file,
      `<?xml version="1.0"?>\n<!DOCTYPE d [<!ENTITY x SYSTEM "file://${secret}">]>\n<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0"><dataValue dataElement="ytV3eEGf3gM" period="2025Q1" orgUnit="NNi98chFxP1" value="&x;"/></dataValueSet>\n`,
    );
    for (const verb of ['import', 'compare']) {
      const run = await cli(['dhis2', verb, '--dir', target, file, '--mapping', MAPPING]);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('[DHIS2_XML_UNSAFE]');
      expect(run.stderr).toContain('piege.xml, ligne 2 : le fichier déclare un DOCTYPE');
      expect(run.stdout + run.stderr).not.toContain('CONTENU-SECRET');
    }
    const held = await cli([
      'query',
      '--dir',
      target,
      '--indicator',
      'SAN_CSCOM',
      '--unit',
      'ML040101',
      '--period',
      '2025T1',
      '--json',
    ]);
    expect(JSON.parse(held.stdout)).toMatchObject({ value: null });
  });
});
