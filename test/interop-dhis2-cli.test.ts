import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { cercleDir as cercle, dhis2Cli as cli } from './dhis2-cli-support.js';

const MAPPING = join(FIXTURES.catalog, '..', 'dhis2-correspondances.csv');
/** fixtures/dhis2: small monthly, weekly, daily value sets and their mapping. */
const DIR = join(FIXTURES.catalog, '..', 'dhis2');
const MONTHLY_MAPPING = join(DIR, 'correspondances.csv');

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

describe('oise dhis2 with monthly data', () => {
  test('import: « 2 mois sur 3 » refused, then kept with --mois-incomplets; --json gives the importSummary; a recomputed quarter is said', async ({
    tmp,
  }) => {
    const dir = await cercle(tmp, 'cible');
    const missing = join(DIR, 'mois-manquant-2025T1.csv');
    const refused = await cli(['dhis2', 'import', '--dir', dir, missing, '--mapping', MONTHLY_MAPPING]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'mois-manquant-2025T1.csv, ligne 2, colonne B : [refusé DHIS2_QUARTER_INCOMPLETE] SAN_CPN, ML040112, 2025T1 : trimestre incomplet, 2 mois sur 3',
    );
    expect(refused.stderr).toContain('--mois-incomplets');

    const kept = await cli([
      'dhis2',
      'import',
      '--dir',
      dir,
      missing,
      '--mapping',
      MONTHLY_MAPPING,
      '--mois-incomplets',
      '--json',
    ]);
    expect(kept.code).toBe(0);
    const summary = JSON.parse(kept.stdout);
    expect(summary).toMatchObject({
      accepted: true,
      importCount: { imported: 1, updated: 0, deleted: 0, ignored: 0 },
      conflicts: [],
      quartersFromMonths: [
        {
          indicator: 'SAN_CPN',
          unit: 'ML040112',
          period: '2025Q1',
          months: ['2025-01', '2025-03'],
          missing: ['2025-02'],
          rule: 'sum',
          value: '48',
          recomputed: false,
        },
      ],
    });

    const monthly = await cli([
      'dhis2',
      'import',
      '--dir',
      dir,
      join(DIR, 'mensuel-2025T1.json'),
      '--mapping',
      MONTHLY_MAPPING,
    ]);
    expect(monthly.code).toBe(0);
    expect(monthly.stdout).toContain(
      'Import DHIS2 terminé : 18 valeurs lues ; importées 6, mises à jour 0, supprimées 0, ignorées 0',
    );
    expect(monthly.stdout).toContain('6 trimestres calculés à partir des mois, semaines ou jours du fichier');
    expect(monthly.stderr).toContain(
      "[attention DHIS2_SET_FIELD_IGNORED] le jeu de données (dataSet) « pBOMPrpg1QX » n'est pas repris",
    );

    // The weekly file brings Saminé's quarter; the missing-month file again, now complete, recomputes Tamani's.
    const complete = join(tmp, 'trois-mois.csv');
    const text = readFileSync(missing, 'utf8');
    writeFileSync(
      complete,
      `${text}kDNlGoYm33w,202502,XefgNiGbV4z,HllvX50cXC0,,20,admin,2025-03-03T08:00:00.000,,false,false\n`,
    );
    const again = await cli(['dhis2', 'import', '--dir', dir, complete, '--mapping', MONTHLY_MAPPING]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('importées 0, mises à jour 1');
    expect(again.stdout).toContain(
      "1 valeur enregistrée est recalculée à partir des seuls mois de ce fichier, qui remplacent l'ancienne valeur du trimestre",
    );
    const q = await cli([
      'query',
      '--dir',
      dir,
      '--indicator',
      'SAN_CPN',
      '--unit',
      'ML040112',
      '--period',
      '2025Q1',
      '--json',
    ]);
    expect(JSON.parse(q.stdout)).toMatchObject({ value: 68 });
  });

  test('a delete on a submitted quarter is refused with the closed-quarter rule; monthly compare writes the gaps file', async ({
    tmp,
  }) => {
    const dir = await cercle(tmp, 'cercle');
    const entry = join(tmp, 'saisie.csv');
    writeFileSync(
      entry,
      'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire\nML040101;SAN_CPN;2025T1;;118;\nML040101;SAN_CSCOM;2025T1;;2;\n',
    );
    expect((await cli(['import', '--dir', dir, entry])).code).toBe(0);

    const gaps = join(tmp, 'ecarts.csv');
    const compared = await cli([
      'dhis2',
      'compare',
      '--dir',
      dir,
      join(DIR, 'mensuel-2025T1.json'),
      '--mapping',
      MONTHLY_MAPPING,
      '--out',
      gaps,
    ]);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toContain(
      'écart             SAN_CPN · Baraoueli (ML040101) · 2025T1 (DHIS2 : 3 mois) : OISE 118, DHIS2 120 (écart +2)',
    );
    const lines = readFileSync(gaps, 'utf8').split('\r\n');
    expect(lines.find((l) => l.startsWith('valeurs différentes;SAN_CPN;'))).toContain(
      ';ML040101;Baraoueli;2025Q1;total;118;120;2;',
    );
    expect(lines.find((l) => l.startsWith('valeurs différentes;SAN_CPN;'))).toContain(
      ';janvier 2025, février 2025, mars 2025',
    );

    const submitted = await cli(['quarter', 'submit', '--dir', dir, '--quarter', '2025T1']);
    expect(submitted.code, submitted.stderr).toBe(0);
    const del = join(tmp, 'suppression.json');
    writeFileSync(
      del,
      JSON.stringify({
        period: '2025Q1',
        dataValues: [
          {
            dataElement: 'kDNlGoYm33w',
            orgUnit: 'NNi98chFxP1',
            categoryOptionCombo: { id: 'HllvX50cXC0' },
            deleted: true,
          },
        ],
      }),
    );
    const refused = await cli(['dhis2', 'import', '--dir', dir, del, '--mapping', MONTHLY_MAPPING]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'suppression.json, dataValues[0], champ value : [refusé QUARTER_READ_ONLY]',
    );
    expect(refused.stderr).not.toContain('[object Object]');
  });
});
