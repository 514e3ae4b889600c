import { runCliCaptured } from '@oise/cli';
import { completenessOf, consolidateChanges, queryFigure } from '@oise/consolidate';
import { insertSubmission, insertValues } from '@oise/consolidate/test-support';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';

/*
 * A quarter where one cercle of the Ségou region (ML0403 Bla) did not report: the region shows
 * incomplete with the same counts at the region node and at the national node, which hold the
 * same raw rows; the region node answers for the country from what national published.
 */

const SEGOU_COMMUNES = {
  ML0401: ['ML040101', 'ML040106', 'ML040109', 'ML040110', 'ML040112'],
  ML0402: ['ML040204', 'ML040207', 'ML040216', 'ML040219', 'ML040224'],
};

function cli(args: string[]) {
  return runCliCaptured(args, { OISE_NOW: '2025-05-20T08:00:00.000Z' });
}

async function seed(db: Parameters<typeof insertValues>[0]) {
  const rows = Object.values(SEGOU_COMMUNES).flatMap((communes, c) =>
    communes.flatMap((unit, i) => [
      { unit, indicator: 'SAN_CPN', period: '2025Q1', value: 100 + 10 * c + i },
      { unit, indicator: 'SAN_ACC_ASSISTES', period: '2025Q1', value: 20 + i },
      { unit, indicator: 'SAN_ACC_ATTENDUS', period: '2025Q1', value: 40 },
    ]),
  );
  await insertValues(db, rows);
  await insertSubmission(db, 'ML0401', '2025Q1', '2025-04-12T10:00:00Z'); // due 2025-04-15
  await insertSubmission(db, 'ML0402', '2025Q1', '2025-04-28T10:00:00Z'); // late
}

describe('completeness when a cercle did not report', () => {
  test('region and national nodes agree on the region; each says where its figure comes from', async ({
    tmp,
  }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    const national = await makeTestNode(tmp, 'national', 'ML');
    try {
      await seed(region.db);
      await seed(national.db);
      const atRegion = await consolidateChanges(region.db, { nodeCode: 'ML04', now: '2025-05-01T00:00:00Z' });
      const atNational = await consolidateChanges(national.db, {
        nodeCode: 'ML',
        now: '2025-05-02T00:00:00Z',
      });
      expect(atRegion.mode).toBe('full');
      expect(atRegion.units).toEqual(['ML04', 'ML0401', 'ML0402', 'ML0403']);
      expect(atNational.units).toContain('ML');

      const expectedRegion = { value: 1070, reporting: 10, expected: 15, onTime: 5 };
      for (const node of [region, national]) {
        const figure = await queryFigure(node.db, { indicator: 'SAN_CPN', unit: 'ML04', period: '2025Q1' });
        expect(figure).toMatchObject({ ...expectedRegion, source: 'local', computedBy: node.identity.code });
        expect(
          await queryFigure(node.db, { indicator: 'SAN_CPN', unit: 'ML0403', period: '2025Q1' }),
        ).toMatchObject({
          value: null,
          reporting: 0,
          expected: 5,
        });
        expect(
          await queryFigure(node.db, { indicator: 'SAN_TX_ACC_ASSISTES', unit: 'ML04', period: '2025' }),
        ).toMatchObject({
          value: 55,
          numerator: 220,
          denominator: 400,
          reporting: 10,
          expected: 15,
        });
        expect(await completenessOf(node.db, 'ML04', '2025T1')).toEqual({
          reporting: 10,
          expected: 15,
          onTime: 5,
        });
        expect(await completenessOf(node.db, 'ML0402', '2025Q1')).toEqual({
          reporting: 5,
          expected: 5,
          onTime: 0,
        });
      }
      expect(
        await queryFigure(national.db, { indicator: 'SAN_CPN', unit: 'ML', period: '2025Q1' }),
      ).toMatchObject({
        value: 1070,
        reporting: 10,
        expected: 45,
        onTime: 5,
        source: 'local',
      });
      // The region does not compute the country: without a published figure it says so.
      expect(
        await queryFigure(region.db, { indicator: 'SAN_CPN', unit: 'ML', period: '2025Q1' }),
      ).toMatchObject({
        value: null,
        expected: 45,
        source: 'published',
        computedBy: null,
      });

      // A late entry at the region: only its units are recomputed, and the counts follow.
      await insertValues(region.db, [{ unit: 'ML040302', indicator: 'SAN_CPN', period: '2025Q1', value: 7 }]);
      const late = await consolidateChanges(region.db, { nodeCode: 'ML04', now: '2025-05-03T00:00:00Z' });
      expect(late).toMatchObject({ mode: 'incremental', units: ['ML04', 'ML0403'], updated: 2, inserted: 2 });
      expect(
        await queryFigure(region.db, { indicator: 'SAN_CPN', unit: 'ML04', period: '2025Q1' }),
      ).toMatchObject({
        value: 1077,
        reporting: 11,
        onTime: 5,
      });
      expect(
        (await consolidateChanges(region.db, { nodeCode: 'ML04', now: '2025-05-04T00:00:00Z' })).mode,
      ).toBe('none');

      // Bla's submission arrives, dated before its due date: timeliness follows.
      await insertSubmission(region.db, 'ML0403', '2025Q1', '2025-04-14T09:00:00Z');
      const submitted = await consolidateChanges(region.db, {
        nodeCode: 'ML04',
        now: '2025-05-05T00:00:00Z',
      });
      expect(submitted.units).toEqual(['ML04', 'ML0403']);
      expect(
        await queryFigure(region.db, { indicator: 'SAN_CPN', unit: 'ML04', period: '2025Q1' }),
      ).toMatchObject({
        reporting: 11,
        onTime: 6,
      });
    } finally {
      await region.close();
      await national.close();
    }
  });

  test('oise consolidate and oise query from the command line', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'region', 'ML04');
    await seed(node.db);
    await node.close();
    const dir = node.paths.root;

    const consolidated = await cli(['consolidate', '--dir', dir, '--quarter', '2025T1', '--json']);
    expect(consolidated.code).toBe(0);
    expect(JSON.parse(consolidated.stdout)).toMatchObject({ node: 'ML04', mode: 'quarter', updated: 0 });
    const text = await cli(['consolidate', '--dir', dir, '--quarter', '2025Q1']);
    expect(text.stdout).toMatch(/Consolidation du 1er trimestre 2025 et de l'année 2025 : 4 collectivités/);
    expect(text.stdout).toMatch(/0 nouveau, 0 modifié, 0 vidé/);

    const query = (indicator: string, unit: string, period: string, ...more: string[]) =>
      cli(['query', '--dir', dir, '--indicator', indicator, '--unit', unit, '--period', period, ...more]);
    const json = await query('SAN_CPN', 'ML04', '2025T1', '--json');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({
      indicator: 'SAN_CPN',
      unit: 'ML04',
      period: '2025Q1',
      category: '',
      value: 1070,
      numerator: null,
      denominator: null,
      reporting: 10,
      expected: 15,
      onTime: 5,
      source: 'local',
      computedBy: 'ML04',
    });
    const line = await query('SAN_CPN', 'ML04', '2025Q1');
    expect(line.stdout).toBe(
      'Nombre de consultations prénatales (SAN_CPN) — Ségou (ML04), 1er trimestre 2025 : 1 070. 10 communes sur 15 ont répondu, 5 à temps. Source : agrégat calculé par ML04.\n',
    );
    const ratio = await query('SAN_TX_ACC_ASSISTES', 'ML040101', '2025');
    expect(ratio.stdout).toContain(
      ': 50 %. 1 commune sur 1 a répondu, 1 à temps. Source : valeurs saisies de la commune.',
    );

    const unknown = await query('NOPE', 'ML04', '2025Q1');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Indicateur « NOPE » inconnu');
    const badUnit = await query('SAN_CPN', 'ML9999', '2025Q1');
    expect(badUnit.code).toBe(1);
    expect(badUnit.stderr).toContain('Collectivité « ML9999 » inconnue');
    const badPeriod = await query('SAN_CPN', 'ML04', '2025Q5');
    expect(badPeriod.code).toBe(1);
    expect(badPeriod.stderr).toContain("« 2025Q5 » n'est pas une période valide");
    const badCategory = await query('SAN_CPN', 'ML04', '2025', '--category', 'F');
    expect(badCategory.code).toBe(1);
    expect(badCategory.stderr).toContain("n'est pas ventilé par sexe");
    expect((await cli(['consolidate', '--dir', dir])).code).toBe(2);

    const bare = `${tmp}/bare`;
    expect(
      (await cli(['init', '--dir', bare, '--level', 'cercle', '--code', 'ML0401', '--parent', 'ML04'])).code,
    ).toBe(0);
    const noTerritory = await cli(['consolidate', '--dir', bare, '--quarter', '2025Q1']);
    expect(noTerritory.code).toBe(1);
    expect(noTerritory.stderr).toContain("Le territoire du nœud « ML0401 » n'est pas chargé");
  });
});
