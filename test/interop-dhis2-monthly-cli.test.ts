import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { FIXTURES, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';

const NOW = '2025-04-10T09:00:00.000Z';
const DIR = join(FIXTURES.catalog, '..', 'dhis2');
const MAPPING = join(DIR, 'correspondances.csv');

function cli(args: string[]) {
  return runCliCaptured(args, { OISE_NOW: NOW });
}

async function cercle(tmp: string, name: string): Promise<string> {
  const node = await makeTestNode(join(tmp, name), 'cercle', 'ML0401');
  await node.close();
  return join(tmp, name, 'ML0401');
}

describe('oise dhis2 with monthly data', () => {
  test('import: « 2 mois sur 3 » refused, then kept with --mois-incomplets; --json gives the importSummary; a recomputed quarter is said', async ({
    tmp,
  }) => {
    const dir = await cercle(tmp, 'cible');
    const missing = join(DIR, 'mois-manquant-2025T1.csv');
    const refused = await cli(['dhis2', 'import', '--dir', dir, missing, '--mapping', MAPPING]);
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
      MAPPING,
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
      MAPPING,
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
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      complete,
      `${text}kDNlGoYm33w,202502,XefgNiGbV4z,HllvX50cXC0,,20,admin,2025-03-03T08:00:00.000,,false,false\n`,
    );
    const again = await cli(['dhis2', 'import', '--dir', dir, complete, '--mapping', MAPPING]);
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
    const { writeFileSync } = await import('node:fs');
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
      MAPPING,
      '--out',
      gaps,
    ]);
    expect(compared.code).toBe(0);
    expect(compared.stdout).toContain(
      'écart             SAN_CPN · Baraoueli (ML040101) · 2025T1 : OISE 118, DHIS2 120 (écart +2)',
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
    const refused = await cli(['dhis2', 'import', '--dir', dir, del, '--mapping', MAPPING]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      'suppression.json, dataValues[0], champ value : [refusé QUARTER_READ_ONLY]',
    );
    expect(refused.stderr).not.toContain('[object Object]');
  });
});
