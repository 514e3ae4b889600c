import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { consolidateQuarter, queryFigure, readAggregates } from './index.js';
import { insertSubmission, insertValues, localAggregates } from './test-support.js';

const NOW = '2025-05-01T00:00:00.000Z';
const BAROUELI = ['ML040101', 'ML040106', 'ML040109', 'ML040110', 'ML040112'];
const SEGOU = ['ML040204', 'ML040207', 'ML040216', 'ML040219', 'ML040224'];

async function figure(
  db: Parameters<typeof queryFigure>[0],
  indicator: string,
  unit: string,
  period: string,
  category?: string,
) {
  return queryFigure(db, { indicator, unit, period, category, nodeCode: 'ML' });
}

describe('consolidation of a quarter and its year', () => {
  test('sums along the hierarchy with completeness and timeliness', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    const { db } = node;
    await insertValues(db, [
      ...BAROUELI.map((unit, i) => ({ unit, indicator: 'SAN_CPN', period: '2025Q1', value: 10 * (i + 1) })),
      ...SEGOU.slice(0, 3).map((unit) => ({ unit, indicator: 'SAN_CPN', period: '2025Q1', value: 7 })),
    ]);
    await insertSubmission(db, 'ML0401', '2025Q1', '2025-04-15T18:00:00Z'); // due 2025-04-15: on time
    await insertSubmission(db, 'ML0402', '2025Q1', '2025-04-16T08:00:00Z'); // a day late
    await insertSubmission(db, 'ML0402', '2025Q1', '2025-04-20T08:00:00Z', 2);
    const result = await consolidateQuarter(db, { quarter: '2025T1', nodeCode: 'ML', now: NOW });
    expect(result.mode).toBe('quarter');
    expect(result.periods).toEqual(['2025', '2025Q1', '2025Q2', '2025Q3', '2025Q4']);

    expect(await figure(db, 'SAN_CPN', 'ML0401', '2025Q1')).toMatchObject({
      value: 150,
      reporting: 5,
      expected: 5,
      onTime: 5,
      source: 'local',
      computedBy: 'ML',
    });
    expect(await figure(db, 'SAN_CPN', 'ML0402', '2025Q1')).toMatchObject({
      value: 21,
      reporting: 3,
      onTime: 0,
    });
    expect(await figure(db, 'SAN_CPN', 'ML04', '2025Q1')).toMatchObject({
      value: 171,
      reporting: 8,
      expected: 15,
      onTime: 5,
    });
    expect(await figure(db, 'SAN_CPN', 'ML', '2025Q1')).toMatchObject({
      value: 171,
      reporting: 8,
      expected: 45,
    });
    // A flow over the year: the sum of its quarters (only Q1 so far).
    expect(await figure(db, 'SAN_CPN', 'ML04', '2025')).toMatchObject({
      value: 171,
      reporting: 8,
      expected: 15,
    });
    // A region with nothing reported: no figure, but the communes expected.
    expect(await figure(db, 'SAN_CPN', 'ML02', '2025Q1')).toMatchObject({
      value: null,
      reporting: 0,
      expected: 15,
    });
    await node.close();
  });

  test('rules: average, max, booleans counted, stocks by last quarter, flows summed', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    const { db } = node;
    await insertValues(db, [
      { unit: 'ML040101', indicator: 'HYD_DELAI_REPARATION', period: '2025Q1', value: 10 },
      { unit: 'ML040106', indicator: 'HYD_DELAI_REPARATION', period: '2025Q1', value: 20 },
      { unit: 'ML040204', indicator: 'HYD_DELAI_REPARATION', period: '2025Q1', value: 60 },
      { unit: 'ML040101', indicator: 'HYD_DELAI_REPARATION', period: '2025Q2', value: 30 },
      { unit: 'ML040101', indicator: 'SAN_RUPTURE_MAX', period: '2025Q1', value: 12 },
      { unit: 'ML040204', indicator: 'SAN_RUPTURE_MAX', period: '2025Q1', value: 31 },
      { unit: 'ML040101', indicator: 'GOV_BUDGET_VOTE', period: '2025Q1', value: 1 },
      { unit: 'ML040106', indicator: 'GOV_BUDGET_VOTE', period: '2025Q1', value: 0 },
      { unit: 'ML040204', indicator: 'GOV_BUDGET_VOTE', period: '2025Q1', value: 1 },
      // A stock: CSCOM counted each quarter; the year keeps the last quarter that has figures.
      { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', value: 2 },
      { unit: 'ML040106', indicator: 'SAN_CSCOM', period: '2025Q1', value: 1 },
      { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q3', value: 3 },
      // A flow: consultations summed over the quarters.
      { unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q1', value: 5 },
      { unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q2', value: 6 },
      { unit: 'ML040106', indicator: 'SAN_CPN', period: '2025Q4', value: 7 },
    ]);
    await consolidateQuarter(db, { quarter: '2025Q1', nodeCode: 'ML', now: NOW });
    expect((await figure(db, 'HYD_DELAI_REPARATION', 'ML0401', '2025Q1')).value).toBe(15);
    // The region's average is over its communes, not an average of cercle averages.
    expect((await figure(db, 'HYD_DELAI_REPARATION', 'ML04', '2025Q1')).value).toBe(30);
    // Over the year, average of the region's quarters: (30 + 30) / 2.
    expect((await figure(db, 'HYD_DELAI_REPARATION', 'ML04', '2025')).value).toBe(30);
    expect((await figure(db, 'HYD_DELAI_REPARATION', 'ML0401', '2025')).value).toBe(22.5);
    expect((await figure(db, 'SAN_RUPTURE_MAX', 'ML04', '2025Q1')).value).toBe(31);
    expect(await figure(db, 'GOV_BUDGET_VOTE', 'ML04', '2025Q1')).toMatchObject({ value: 2, reporting: 3 });
    expect(await figure(db, 'SAN_CSCOM', 'ML0401', '2025')).toMatchObject({
      value: 3,
      reporting: 1,
      expected: 5,
    });
    expect((await figure(db, 'SAN_CSCOM', 'ML0401', '2025Q1')).value).toBe(3);
    expect(await figure(db, 'SAN_CPN', 'ML0401', '2025')).toMatchObject({
      value: 18,
      reporting: 2,
      expected: 5,
    });
    // On a commune, the figures come from its raw rows, the year by the same time rule.
    expect(await figure(db, 'SAN_CPN', 'ML040101', '2025')).toMatchObject({
      value: 11,
      source: 'raw',
      expected: 1,
    });
    expect(await figure(db, 'SAN_CSCOM', 'ML040101', '2025')).toMatchObject({ value: 3, source: 'raw' });
    await node.close();
  });

  test('sex-disaggregated totals and ratios from aggregated parts', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    const { db } = node;
    await insertValues(db, [
      // ML040101: F and M only → total F + M; ML040106: a stored total wins over its parts.
      { unit: 'ML040101', indicator: 'EDU_ELEVES_INSCRITS', period: '2025Q1', category: 'F', value: 100 },
      { unit: 'ML040101', indicator: 'EDU_ELEVES_INSCRITS', period: '2025Q1', category: 'M', value: 120 },
      { unit: 'ML040106', indicator: 'EDU_ELEVES_INSCRITS', period: '2025Q1', category: '', value: 300 },
      { unit: 'ML040106', indicator: 'EDU_ELEVES_INSCRITS', period: '2025Q1', category: 'F', value: 140 },
      { unit: 'ML040101', indicator: 'EDU_POP_SCOLARISABLE', period: '2025Q1', value: 400 },
      { unit: 'ML040106', indicator: 'EDU_POP_SCOLARISABLE', period: '2025Q1', value: 600 },
      { unit: 'ML040101', indicator: 'SAN_ACC_ASSISTES', period: '2025Q1', value: 9 },
      { unit: 'ML040101', indicator: 'SAN_ACC_ATTENDUS', period: '2025Q1', value: 10 },
      { unit: 'ML040106', indicator: 'SAN_ACC_ASSISTES', period: '2025Q1', value: 1 },
      { unit: 'ML040106', indicator: 'SAN_ACC_ATTENDUS', period: '2025Q1', value: 90 },
      { unit: 'ML040101', indicator: 'SAN_ACC_ASSISTES', period: '2025Q2', value: 30 },
      { unit: 'ML040101', indicator: 'SAN_ACC_ATTENDUS', period: '2025Q2', value: 100 },
    ]);
    await consolidateQuarter(db, { quarter: '2025Q2', nodeCode: 'ML', now: NOW });
    expect((await figure(db, 'EDU_ELEVES_INSCRITS', 'ML040101', '2025Q1')).value).toBe(220);
    expect((await figure(db, 'EDU_ELEVES_INSCRITS', 'ML040106', '2025Q1')).value).toBe(300);
    expect(await figure(db, 'EDU_ELEVES_INSCRITS', 'ML0401', '2025Q1')).toMatchObject({
      value: 520,
      reporting: 2,
    });
    expect(await figure(db, 'EDU_ELEVES_INSCRITS', 'ML0401', '2025Q1', 'F')).toMatchObject({
      value: 240,
      reporting: 2,
    });
    expect(await figure(db, 'EDU_ELEVES_INSCRITS', 'ML0401', '2025Q1', 'm')).toMatchObject({
      value: 120,
      reporting: 1,
    });
    // Ratio of sums: (9 + 1) / (10 + 90) = 10 %, not the mean of 90 % and 1.1 %.
    expect(await figure(db, 'SAN_TX_ACC_ASSISTES', 'ML0401', '2025Q1')).toMatchObject({
      value: 10,
      numerator: 10,
      denominator: 100,
      reporting: 2,
    });
    expect((await figure(db, 'SAN_TX_ACC_ASSISTES', 'ML040101', '2025Q1')).value).toBe(90);
    expect((await figure(db, 'EDU_TBS', 'ML', '2025Q1')).value).toBe(52);
    // Over the year the parts are summed first: (10 + 30) / (100 + 100).
    expect(await figure(db, 'SAN_TX_ACC_ASSISTES', 'ML04', '2025')).toMatchObject({
      value: 20,
      numerator: 40,
      denominator: 200,
    });
    await node.close();
  });

  test('consolidating twice writes nothing; a change bumps only the figures it moves', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    const { db } = node;
    await insertValues(db, [
      { unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q1', value: 5 },
      { unit: 'ML040204', indicator: 'SAN_CPN', period: '2025Q1', value: 6 },
      { unit: 'ML030101', indicator: 'SAN_CPN', period: '2025Q1', value: 1 },
    ]);
    const first = await consolidateQuarter(db, { quarter: '2025Q1', nodeCode: 'ML', now: NOW });
    expect(first.inserted).toBe(first.computed);
    const before = await localAggregates(db);
    const counter = await db.selectFrom('change_counter').select('value').executeTakeFirstOrThrow();
    const again = await consolidateQuarter(db, {
      quarter: '2025Q1',
      nodeCode: 'ML',
      now: '2025-06-01T00:00:00Z',
    });
    expect(again).toMatchObject({ inserted: 0, updated: 0, cleared: 0, unchanged: first.computed });
    expect(await localAggregates(db)).toEqual(before);
    expect(await db.selectFrom('change_counter').select('value').executeTakeFirstOrThrow()).toEqual(counter);

    await insertValues(db, [{ unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q1', value: 8 }]);
    const changed = await consolidateQuarter(db, { quarter: '2025Q1', nodeCode: 'ML', now: NOW });
    // ML0401, ML04, ML for the quarter and for the year.
    expect(changed.updated).toBe(6);
    const bumped = (await localAggregates(db))
      .filter((r) => r.revision === 2)
      .map((r) => `${r.org_unit_code} ${r.period}`);
    expect(bumped.sort()).toEqual([
      'ML 2025',
      'ML 2025Q1',
      'ML04 2025',
      'ML04 2025Q1',
      'ML0401 2025',
      'ML0401 2025Q1',
    ]);

    // Deleting a commune's only value empties its cercle's figure (a row sync can carry) …
    await db
      .updateTable('data_value')
      .set({ deleted: 1, revision: 2 })
      .where('org_unit_code', '=', 'ML030101')
      .execute();
    const emptied = await consolidateQuarter(db, { quarter: '2025Q1', nodeCode: 'ML', now: NOW });
    expect(emptied.cleared).toBe(4); // ML0301 and ML03, quarter and year
    expect(await figure(db, 'SAN_CPN', 'ML03', '2025Q1')).toMatchObject({
      value: null,
      reporting: 0,
      expected: 15,
    });
    expect(await figure(db, 'SAN_CPN', 'ML', '2025Q1')).toMatchObject({ value: 14, reporting: 2 });
    await node.close();
  });

  test('uses the hierarchy valid during each quarter', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    const { db } = node;
    // From 2025-07-01 the commune ML040112 belongs to the cercle ML0402.
    await db
      .updateTable('org_unit')
      .set({ valid_to: '2025-07-01', revision: 2 })
      .where('code', '=', 'ML040112')
      .execute();
    await db
      .insertInto('org_unit')
      .values({
        code: 'ML040112',
        valid_from: '2025-07-01',
        valid_to: null,
        level: 'commune',
        name: 'Tamani',
        parent_code: 'ML0402',
        owner: 'ML',
        revision: 1,
        updated_at: NOW,
      })
      .execute();
    await insertValues(db, [
      { unit: 'ML040112', indicator: 'SAN_CPN', period: '2025Q1', value: 4 },
      { unit: 'ML040112', indicator: 'SAN_CPN', period: '2025Q3', value: 9 },
    ]);
    await consolidateQuarter(db, { quarter: '2025Q3', nodeCode: 'ML', now: NOW });
    expect(await figure(db, 'SAN_CPN', 'ML0401', '2025Q1')).toMatchObject({ value: 4, expected: 5 });
    expect(await figure(db, 'SAN_CPN', 'ML0402', '2025Q1')).toMatchObject({ value: null, expected: 5 });
    expect(await figure(db, 'SAN_CPN', 'ML0401', '2025Q3')).toMatchObject({ value: null, expected: 4 });
    expect(await figure(db, 'SAN_CPN', 'ML0402', '2025Q3')).toMatchObject({ value: 9, expected: 6 });
    // Over the year each cercle keeps what its communes reported while they were its own,
    // and the region counts the commune once.
    expect(await figure(db, 'SAN_CPN', 'ML0401', '2025')).toMatchObject({
      value: 4,
      reporting: 1,
      expected: 5,
    });
    expect(await figure(db, 'SAN_CPN', 'ML0402', '2025')).toMatchObject({
      value: 9,
      reporting: 1,
      expected: 6,
    });
    expect(await figure(db, 'SAN_CPN', 'ML04', '2025')).toMatchObject({
      value: 13,
      reporting: 1,
      expected: 15,
    });
    await node.close();
  });

  test('text indicators are not aggregated; published figures are kept apart from local ones', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'region', 'ML04');
    const { db } = node;
    await db
      .insertInto('indicator')
      .values({
        code: 'GOV_OBS',
        label_fr: 'Observation',
        label_en: 'Remark',
        domain: 'gouvernance',
        kind: 'resultat',
        value_type: 'text',
        unit: '',
        disaggregation: 'none',
        aggregation: 'sum',
        time_aggregation: 'last',
        sort_order: 999,
        owner: 'ML',
        revision: 1,
        updated_at: NOW,
      })
      .execute();
    await insertValues(db, [
      { unit: 'ML040101', indicator: 'GOV_OBS', period: '2025Q1', value: null, text: 'Pluies tardives' },
      { unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q1', value: 5 },
    ]);
    const published = {
      indicator_code: 'SAN_CPN',
      period: '2025Q1',
      category: '',
      source: 'published' as const,
      numerator: null,
      denominator: null,
      on_time: 40,
      computed_by: 'ML',
      computed_at: NOW,
      owner: 'ML',
      revision: 3,
      updated_at: NOW,
    };
    await db
      .insertInto('aggregate_value')
      .values([
        { ...published, org_unit_code: 'ML', value: 900, reporting: 41, expected: 45 },
        { ...published, org_unit_code: 'ML04', value: 5, reporting: 1, expected: 15 },
      ])
      .execute();
    const result = await consolidateQuarter(db, { quarter: '2025Q1', nodeCode: 'ML04', now: NOW });
    // The region node computes its region and cercles, never the country.
    expect(result.units).toEqual(['ML04', 'ML0401', 'ML0402', 'ML0403']);
    expect(await queryFigure(db, { indicator: 'SAN_CPN', unit: 'ML04', period: '2025Q1' })).toMatchObject({
      value: 5,
      source: 'local',
      computedBy: 'ML04',
    });
    expect(await queryFigure(db, { indicator: 'SAN_CPN', unit: 'ML', period: '2025Q1' })).toMatchObject({
      value: 900,
      reporting: 41,
      source: 'published',
      computedBy: 'ML',
    });
    expect(await queryFigure(db, { indicator: 'SAN_CPN', unit: 'ML03', period: '2025Q1' })).toMatchObject({
      value: null,
      expected: 15,
      source: 'published',
      computedBy: null,
    });
    const rows = await db
      .selectFrom('aggregate_value')
      .selectAll()
      .where('source', '=', 'published')
      .execute();
    expect(rows.map((r) => [r.org_unit_code, r.value, r.revision])).toEqual([
      ['ML', 900, 3],
      ['ML04', 5, 3],
    ]);
    expect(
      await db
        .selectFrom('aggregate_value')
        .select('indicator_code')
        .where('indicator_code', '=', 'GOV_OBS')
        .execute(),
    ).toEqual([]);
    expect(await queryFigure(db, { indicator: 'GOV_OBS', unit: 'ML040101', period: '2025Q1' })).toMatchObject(
      {
        value: null,
        text: 'Pluies tardives',
        reporting: 1,
      },
    );
    const bulk = await readAggregates(db, { periods: ['2025Q1'], indicators: ['SAN_CPN'], level: 'region' });
    expect(bulk.map((f) => [f.unit, f.value, f.source])).toEqual([['ML04', 5, 'local']]);
    await node.close();
  });
});
