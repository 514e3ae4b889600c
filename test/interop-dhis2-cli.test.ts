import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { cercleDir as cercle, dhis2Cli as cli } from './dhis2-cli-support.js';

const MAPPING = join(FIXTURES.catalog, '..', 'dhis2-correspondances.csv');

const ENTRY = [
  'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire',
  'ML040101;SAN_CSCOM;2025T1;;2;',
  'ML040106;SAN_CSCOM;2025T1;;3;',
  'ML040101;SAN_CPN;2025T1;;120;',
  'ML040101;EDU_ELEVES_INSCRITS;2025T1;F;310;',
  'ML040101;EDU_ELEVES_INSCRITS;2025T1;M;335;',
  'ML040101;GOV_BUDGET_PREVU;2025T1;;12500000,5;',
];

/** Lines of a DHIS2 CSV as the mapping file names things. */
function mappedId(kind: string, code: string): string {
  const line = readFileSync(MAPPING, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${kind};${code};`));
  return line!.split(';')[2]!;
}

describe('oise dhis2 export / import / compare', () => {
  test('a cercle exports its quarter for DHIS2, a fresh cercle imports it, compare finds no gap then the planted one', async ({
    tmp,
  }) => {
    const source = await cercle(tmp, 'source');
    const entry = join(tmp, 'saisie.csv');
    writeFileSync(entry, `${ENTRY.join('\n')}\n`);
    expect((await cli(['import', '--dir', source, entry])).code).toBe(0);
    expect((await cli(['consolidate', '--dir', source, '--quarter', '2025Q1'])).code).toBe(0);

    const json = join(tmp, 'valeurs.json');
    const exported = await cli([
      'dhis2',
      'export',
      '--dir',
      source,
      '--period',
      '2025T1',
      '--mapping',
      MAPPING,
      '--out',
      json,
      '--json',
    ]);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout)).toEqual({
      file: json,
      format: 'json',
      period: '2025Q1',
      level: 'commune',
      figures: 6,
      exported: 5,
      skipped: { unmappedIndicator: 1, unmappedUnit: 0, unmappedCategory: 0, disaggregatedTotal: 0 },
      unmappedIndicators: ['GOV_BUDGET_PREVU'],
      unmappedUnits: [],
    });
    expect(JSON.parse(readFileSync(json, 'utf8')).dataValues).toHaveLength(5);

    const csv = join(tmp, 'cercle.csv');
    const byCercle = await cli([
      'dhis2',
      'export',
      '--dir',
      source,
      '--period',
      '2025Q1',
      '--level',
      'cercle',
      '--mapping',
      MAPPING,
      '--out',
      csv,
    ]);
    expect(byCercle.code).toBe(0);
    expect(byCercle.stdout).toContain('(DHIS2 CSV, 2025T1, cercles)');
    expect(byCercle.stdout).toContain("l'indicateur n'a pas de correspondance (GOV_BUDGET_PREVU)");
    const cscom = `${mappedId('indicateur', 'SAN_CSCOM')},2025Q1,${mappedId('collectivite', 'ML0401')},HllvX50cXC0,,5,`;
    expect(readFileSync(csv, 'utf8')).toContain(cscom);

    const target = await cercle(tmp, 'cible');
    const imported = await cli(['dhis2', 'import', '--dir', target, json, '--mapping', MAPPING, '--json']);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      accepted: true,
      format: 'json',
      entries: 5,
      counts: { inserted: 5, updated: 0, unchanged: 0 },
      journalRows: 5,
    });
    const again = await cli(['dhis2', 'import', '--dir', target, json, '--mapping', MAPPING]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      'importées 0, mises à jour 0, supprimées 0, ignorées 5 (inchangées ou refusées)',
    );
    const query = await cli([
      'query',
      '--dir',
      target,
      '--indicator',
      'SAN_CPN',
      '--unit',
      'ML040101',
      '--period',
      '2025Q1',
      '--json',
    ]);
    expect(JSON.parse(query.stdout)).toMatchObject({ value: 120 });

    const same = await cli(['dhis2', 'compare', '--dir', target, json, '--mapping', MAPPING]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain(
      "5 valeurs comparées : 5 identiques, 0 écart, 0 absente d'OISE, 0 absente de DHIS2.",
    );

    const changed = join(tmp, 'dhis2-modifie.json');
    writeFileSync(changed, readFileSync(json, 'utf8').replace('"value": "120"', '"value": "118"'));
    const gapsFile = join(tmp, 'ecarts.csv');
    const compared = await cli([
      'dhis2',
      'compare',
      '--dir',
      target,
      changed,
      '--mapping',
      MAPPING,
      '--out',
      gapsFile,
      '--json',
    ]);
    expect(compared.code).toBe(0);
    const report = JSON.parse(compared.stdout);
    expect(report).toMatchObject({
      compared: 5,
      identical: 4,
      different: 1,
      onlyInDhis2: 0,
      onlyInOise: 0,
      gapsFile,
    });
    expect(report.gaps).toMatchObject([
      { kind: 'different', indicator: 'SAN_CPN', oise: '120', dhis2: '118', gap: -2 },
    ]);
    expect(readFileSync(gapsFile, 'utf8')).toContain('valeurs différentes;SAN_CPN;');
  });

  test('refusals: a value out of bounds (exit 1, line named), an unreadable file (1), a bad mapping (1), a bad flag (2)', async ({
    tmp,
  }) => {
    const dir = await cercle(tmp, 'cible');
    const bad = join(tmp, 'dhis2.csv');
    const de = mappedId('indicateur', 'SAN_CSCOM');
    writeFileSync(
      bad,
      [
        'dataelement,period,orgunit,catoptcombo,attroptcombo,value',
        `${de},2025Q1,${mappedId('collectivite', 'ML040101')},HllvX50cXC0,,2`,
        `${de},2025Q1,${mappedId('collectivite', 'ML040106')},HllvX50cXC0,,99`,
      ].join('\n'),
    );
    const refused = await cli(['dhis2', 'import', '--dir', dir, bad, '--mapping', MAPPING]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('dhis2.csv, ligne 3, colonne F : [refusé VALUE_OUT_OF_BOUNDS]');
    expect(refused.stderr).toContain("rien n'a été enregistré");

    const partial = await cli(['dhis2', 'import', '--dir', dir, bad, '--mapping', MAPPING, '--partial']);
    expect(partial.code).toBe(3);
    expect(partial.stdout).toContain(
      'Import DHIS2 partiel : 2 valeurs lues ; importées 1, mises à jour 0, supprimées 0, ignorées 1',
    );
    expect(partial.stdout).toContain('dhis2-rejets.csv');

    const broken = join(tmp, 'casse.json');
    writeFileSync(broken, '{"dataValues": [ {"dataElement": ');
    const unreadable = await cli(['dhis2', 'compare', '--dir', dir, broken, '--mapping', MAPPING]);
    expect(unreadable.code).toBe(1);
    expect(unreadable.stderr).toContain("n'est pas un JSON lisible");

    const badMapping = join(tmp, 'correspondances.csv');
    writeFileSync(badMapping, 'type;code_oise;code_dhis2\nindicateur;SAN_CPN;123\n');
    const refusedMapping = await cli(['dhis2', 'compare', '--dir', dir, bad, '--mapping', badMapping]);
    expect(refusedMapping.code).toBe(1);
    expect(refusedMapping.stderr).toContain('correspondances.csv, ligne 2, colonne C');

    const flag = await cli([
      'dhis2',
      'export',
      '--dir',
      dir,
      '--period',
      '2025Q1',
      '--mapping',
      MAPPING,
      '--out',
      join(tmp, 'x.json'),
      '--id-scheme',
      'name',
    ]);
    expect(flag.code).toBe(2);
    const help = await cli(['dhis2', 'compare', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Recoupement');
  });
});
