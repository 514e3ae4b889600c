import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { withNode } from '@oise/node';
import { parseBundle, readRows } from '@oise/sync';
import { FIXTURES, SHARED_DATA, test } from '@oise/testkit';
import { describe, expect } from 'vitest';

/**
 * Issue 13, item 1: a step done by hand (`oise quarter submit | validate | return`, `oise note`)
 * writes at once the bundles it must carry, and says which files they are. Three node folders
 * on Mali's real territory (the demo's when ../shared/data is absent): national, the Ségou
 * region, the Ségou cercle — as the issue's newcomer played them.
 */

const TERRITORY = SHARED_DATA.available ? SHARED_DATA.communes : FIXTURES.demoTerritory;

function cli(args: string[], now: string) {
  return runCliCaptured(args, { OISE_NOW: now });
}

async function ok(args: string[], now: string) {
  const r = await cli(args, now);
  expect(r.stderr, args.join(' ')).toBe('');
  expect(r.code, args.join(' ')).toBe(0);
  return r;
}

/** The files a command named, in the order it printed them: `Paquet … pour CODE : FILE`. */
function namedFiles(stdout: string): { direction: string; recipient: string; file: string }[] {
  return [...stdout.matchAll(/^Paquet (montant|descendant) pour (\S+) : (.+)$/gm)].map((m) => ({
    direction: m[1] as string,
    recipient: m[2] as string,
    file: m[3] as string,
  }));
}

function tablesIn(file: string): string[] {
  return readRows(parseBundle(readFileSync(file)))
    .map((r) => r.table)
    .sort();
}

function outbox(dir: string, code: string): string[] {
  const folder = join(dir, 'outbox', code);
  return existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.oise.gz')) : [];
}

describe('a quarter step by hand leaves in the outbox what it must carry (issue 13, item 1)', () => {
  test('submit, return, submit again, note, validate: each names its files; carried, they do the job', async ({
    tmp,
  }) => {
    const t0 = '2025-04-01T08:00:00.000Z';
    const national = join(tmp, 'oise-national');
    const region = join(tmp, 'oise-segou');
    const cercle = join(tmp, 'oise-ccc-segou');
    await ok(['init', '--dir', national, '--level', 'national', '--code', 'ML'], t0);
    await ok(['territory', 'import', '--dir', national, TERRITORY], t0);
    await ok(['init', '--dir', region, '--level', 'region', '--code', 'ML04', '--parent', 'ML'], t0);
    await ok(['init', '--dir', cercle, '--level', 'cercle', '--code', 'ML0402', '--parent', 'ML04'], t0);
    for (const [dir, code] of [
      [national, 'ML'],
      [region, 'ML04'],
      [cercle, 'ML0402'],
    ] as const)
      await ok(['key', 'export', '--dir', dir, '--out', join(tmp, `cle-${code}.json`)], t0);
    await ok(['enroll', '--dir', national, join(tmp, 'cle-ML04.json')], t0);
    await ok(['enroll', '--dir', region, join(tmp, 'cle-ML.json')], t0);
    await ok(['enroll', '--dir', region, join(tmp, 'cle-ML0402.json')], t0);
    await ok(['enroll', '--dir', cercle, join(tmp, 'cle-ML04.json')], t0);
    // The territory goes down; the cercle's first export is the package written before any
    // data was entered (an acknowledgement).
    await ok(['export', '--dir', national], t0);
    // Enrolment already wrote each child's starter bundle: carry the whole outbox folder.
    await ok(
      [
        'ingest',
        '--dir',
        region,
        ...outbox(national, 'ML04').map((f) => join(national, 'outbox', 'ML04', f)),
      ],
      t0,
    );
    await ok(['export', '--dir', region, '--to', 'ML0402'], t0);
    await ok(
      [
        'ingest',
        '--dir',
        cercle,
        ...outbox(region, 'ML0402').map((f) => join(region, 'outbox', 'ML0402', f)),
      ],
      t0,
    );
    await ok(['export', '--dir', cercle], t0);
    expect(outbox(cercle, 'ML04')).toEqual(['ML0402-ML04-000001.oise.gz']);

    // The CCC enters two communes' figures and submits by hand.
    const t1 = '2025-04-10T08:00:00.000Z';
    const communes = readFileSync(TERRITORY, 'utf8')
      .split('\n')
      .filter((l) => l.split(',')[2] === 'ML0402')
      .map((l) => l.split(',')[4] as string);
    const [first, second] = communes;
    const csv = join(tmp, 'saisie-T1.csv');
    writeFileSync(
      csv,
      [
        'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire',
        `${first};SAN_CSCOM;2025Q1;;6;`,
        `${first};SAN_CSCOM_FONCT;2025Q1;;5;`,
        `${second};HYD_FORAGES;2025Q1;;21;`,
        '',
      ].join('\n'),
    );
    await ok(['import', '--dir', cercle, csv], t1);
    const submitted = await ok(['quarter', 'submit', '--dir', cercle, '--quarter', '2025T1'], t1);
    expect(submitted.stdout).toMatch(/^Trimestre 2025T1 de ML0402 transmis \(transmission n° 1\)/m);
    const [up1] = namedFiles(submitted.stdout);
    expect(up1).toEqual({
      direction: 'montant',
      recipient: 'ML04',
      file: join(cercle, 'outbox', 'ML04', 'ML0402-ML04-000002.oise.gz'),
    });
    expect(submitted.stdout).toMatch(/À porter au destinataire \(clé USB, courriel\)/);
    expect(outbox(cercle, 'ML04')).toEqual(['ML0402-ML04-000001.oise.gz', 'ML0402-ML04-000002.oise.gz']);
    expect(tablesIn(up1?.file as string)).toEqual([
      'data_value',
      'data_value',
      'data_value',
      'quarter_submission',
    ]);

    // The region receives only the file named, and returns the quarter: the DOWN bundle with
    // the return is named at once.
    const t2 = '2025-04-12T08:00:00.000Z';
    await ok(['ingest', '--dir', region, up1?.file as string], t2);
    const returned = await ok(
      [
        'quarter',
        'return',
        '--dir',
        region,
        '--quarter',
        '2025T1',
        '--unit',
        'ML0402',
        '--reason',
        'Forages de la deuxième commune à vérifier',
      ],
      t2,
    );
    const [down1, ...noMore] = namedFiles(returned.stdout);
    expect(noMore).toEqual([]);
    expect(down1).toMatchObject({ direction: 'descendant', recipient: 'ML0402' });
    expect(tablesIn(down1?.file as string)).toContain('quarter_decision');
    await ok(['ingest', '--dir', cercle, down1?.file as string], t2);
    const afterReturn = JSON.parse((await ok(['status', '--dir', cercle, '--json'], t2)).stdout);
    expect(afterReturn.quarters).toContainEqual(
      expect.objectContaining({
        unit: 'ML0402',
        period: '2025Q1',
        status: 'returned',
        returnedReason: 'Forages de la deuxième commune à vérifier',
      }),
    );

    // Corrected and sent again; the region writes its note, then validates.
    const t3 = '2025-04-13T08:00:00.000Z';
    writeFileSync(
      csv,
      `code_collectivite;code_indicateur;periode;categorie;valeur;commentaire\n${second};HYD_FORAGES;2025Q1;;12;recompté\n`,
    );
    await ok(['import', '--dir', cercle, csv], t3);
    const again = await ok(['quarter', 'submit', '--dir', cercle, '--quarter', '2025T1'], t3);
    const [up2] = namedFiles(again.stdout);
    expect(again.stdout).toMatch(/transmission n° 2/);
    await ok(['ingest', '--dir', region, up2?.file as string], t3);
    const noted = await ok(
      ['note', '--dir', region, '--quarter', '2025T1', '--unit', 'ML0402', '--text', 'Forages recomptés.'],
      t3,
    );
    expect(namedFiles(noted.stdout).map((f) => f.recipient)).toEqual(['ML0402', 'ML']);
    const unchanged = await ok(
      ['note', '--dir', region, '--quarter', '2025T1', '--unit', 'ML0402', '--text', 'Forages recomptés.'],
      t3,
    );
    expect(unchanged.stdout).toMatch(/Note inchangée pour ML0402, 2025T1 : rien à envoyer\./);
    expect(namedFiles(unchanged.stdout)).toEqual([]);

    const validated = await ok(
      ['quarter', 'validate', '--dir', region, '--quarter', '2025T1', '--unit', 'ML0402', '--json'],
      t3,
    );
    const decision = JSON.parse(validated.stdout);
    expect(decision).toMatchObject({ decision: 'validated', submissionNumber: 2 });
    expect(decision.bundles.notEnrolled).toEqual([]);
    const written = decision.bundles.written as { recipient: string; direction: string; file: string }[];
    expect(written.map((b) => [b.recipient, b.direction])).toEqual([
      ['ML0402', 'down'],
      ['ML', 'up'],
    ]);
    for (const b of written) expect(existsSync(b.file)).toBe(true);
    const toNational = written[1]?.file as string;
    // The cercle's whole quarter, released by the validation, goes up with the decision.
    expect(tablesIn(toNational)).toEqual(
      expect.arrayContaining(['data_value', 'quarter_decision', 'quarter_reception', 'quarter_submission']),
    );

    // Carried: national has the cercle's figures, the cercle sees its quarter validated.
    const t4 = '2025-04-14T08:00:00.000Z';
    for (const f of outbox(region, 'ML'))
      await ok(['ingest', '--dir', national, join(region, 'outbox', 'ML', f)], t4);
    await withNode(national, async (node) => {
      const rows = await node.db
        .selectFrom('data_value')
        .select(['org_unit_code', 'indicator_code', 'value'])
        .where('owner', '=', 'ML0402')
        .orderBy('indicator_code')
        .execute();
      expect(rows).toEqual([
        { org_unit_code: second, indicator_code: 'HYD_FORAGES', value: 12 },
        { org_unit_code: first, indicator_code: 'SAN_CSCOM', value: 6 },
        { org_unit_code: first, indicator_code: 'SAN_CSCOM_FONCT', value: 5 },
      ]);
    });
    await ok(['ingest', '--dir', cercle, written[0]?.file as string], t4);
    const afterValidation = JSON.parse((await ok(['status', '--dir', cercle, '--json'], t4)).stdout);
    expect(afterValidation.quarters).toContainEqual(
      expect.objectContaining({ unit: 'ML0402', period: '2025Q1', status: 'validated' }),
    );
  });

  test('a parent not yet enrolled: the submission stands and the command says no bundle could go', async ({
    tmp,
  }) => {
    const now = '2025-04-10T08:00:00.000Z';
    const cercle = join(tmp, 'oise-ccc-segou');
    await ok(['init', '--dir', cercle, '--level', 'cercle', '--code', 'ML0402', '--parent', 'ML04'], now);
    const r = await ok(['quarter', 'submit', '--dir', cercle, '--quarter', '2025T1'], now);
    expect(r.stdout).toMatch(/transmis \(transmission n° 1\)/);
    expect(r.stdout).toMatch(
      /Pas de paquet pour ML04 : ce voisin n'est pas enrôlé ici \(oise enroll\) ; tout partira dans son premier paquet\./,
    );
    expect(outbox(cercle, 'ML04')).toEqual([]);
  });
});
