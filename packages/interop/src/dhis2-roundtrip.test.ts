import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_NOW, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { exportValueSet } from './export-value-set.js';
import { importValueSet } from './import-value-set.js';
import {
  BAROUELI_T1,
  CERCLE,
  exchangeable,
  fixtureMapping,
  freshNode,
  sourceNode,
  storedValues,
} from './test-support/cercle-values.js';
import { valueSetCsv, valueSetJson } from './value-set.js';

describe('DHIS2 data value sets: export then import', () => {
  test('JSON and CSV exports import into a fresh cercle to the same stored values; re-import is a no-op', async ({
    tmp,
  }) => {
    const source = await sourceNode(tmp);
    const mapping = await fixtureMapping(source);
    const exported = await exportValueSet(source.db, { mapping, period: '2025T1', level: 'commune' });
    const lines = BAROUELI_T1.length - 1;
    expect(exported.period).toBe('2025Q1');
    expect(exported.figures).toBe(lines);
    expect(exported.skipped).toEqual({
      unmappedIndicator: 1,
      unmappedUnit: 0,
      unmappedCategory: 0,
      disaggregatedTotal: 2,
    });
    expect(exported.unmappedIndicators).toEqual(['GOV_BUDGET_PREVU']);
    expect(exported.dataValues).toHaveLength(lines - 3);
    // Ordinal order (data element, period, org unit, combo), whatever the locale.
    const keyOf = (v: { dataElement: string; orgUnit: string; categoryOptionCombo: string }) =>
      `${v.dataElement}|${v.orgUnit}|${v.categoryOptionCombo}`;
    const sorted = [...exported.dataValues].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
    expect(exported.dataValues).toEqual(sorted);
    const cscom = exported.dataValues.find((v) => v.comment === 'un nouveau CSCOM, ouvert en mars');
    expect(cscom).toMatchObject({
      dataElement: mapping.dataElementOf('SAN_CSCOM'),
      orgUnit: mapping.orgUnitOf('ML040106'),
      categoryOptionCombo: 'HllvX50cXC0',
      period: '2025Q1',
      value: '3',
      storedBy: 'ML0401',
    });

    const jsonFile = join(tmp, 'dhis2.json');
    const csvFile = join(tmp, 'dhis2.csv');
    writeFileSync(jsonFile, valueSetJson(exported.dataValues));
    writeFileSync(csvFile, valueSetCsv(exported.dataValues));
    expect(readFileSync(csvFile, 'utf8').split('\n')[0]).toBe(
      'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted',
    );
    const expected = await exchangeable(await storedValues(source));

    for (const [name, file] of [
      ['json', jsonFile],
      ['csv', csvFile],
    ] as const) {
      const target = await freshNode(tmp, `cible-${name}`);
      const targetMapping = await fixtureMapping(target);
      const first = await importValueSet(target.db, {
        node: CERCLE,
        path: file,
        mapping: targetMapping,
        now: TEST_NOW,
      });
      expect(first.format).toBe(name);
      expect(first.findings).toEqual([]);
      expect(first).toMatchObject({ accepted: true, written: true, stored: lines - 3, refused: 0 });
      expect(first.counts).toEqual({ inserted: lines - 3, updated: 0, deleted: 0, unchanged: 0 });
      expect(await storedValues(target)).toEqual(expected);
      const channels = await target.db.selectFrom('journal').select('channel').distinct().execute();
      expect(channels).toEqual([{ channel: 'dhis2' }]);
      const rows = await target.db
        .selectFrom('data_value')
        .select(['channel', 'owner', 'revision'])
        .execute();
      expect(new Set(rows.map((r) => `${r.channel}/${r.owner}/${r.revision}`))).toEqual(
        new Set(['dhis2/ML0401/1']),
      );

      const again = await importValueSet(target.db, {
        node: CERCLE,
        path: file,
        mapping: targetMapping,
        now: TEST_NOW,
      });
      expect(again).toMatchObject({ accepted: true, written: false, journalRows: 0 });
      expect(again.counts).toEqual({ inserted: 0, updated: 0, deleted: 0, unchanged: lines - 3 });
      await target.close();
    }
    await source.close();
  });

  test('the consolidated cercle figure exports with its completeness; a ratio is computed from its parts', async ({
    tmp,
  }) => {
    const source = await sourceNode(tmp);
    const mapping = await fixtureMapping(source);
    const exported = await exportValueSet(source.db, { mapping, period: '2025Q1', level: 'cercle' });
    const cercle = mapping.orgUnitOf('ML0401');
    const of = (code: string, category = '') =>
      exported.dataValues.find(
        (v) =>
          v.dataElement === mapping.dataElementOf(code) &&
          v.orgUnit === cercle &&
          v.categoryOptionCombo === mapping.comboOf(category),
      );
    expect(of('SAN_CSCOM')).toMatchObject({ value: '9', comment: 'OISE : 5 commune(s) sur 5 ont répondu' });
    expect(of('SAN_CPN')?.value).toBe('279');
    expect(of('EDU_ENSEIGNANTS', 'F')?.value).toBe('19');
    expect(of('EDU_ENSEIGNANTS', 'M')?.value).toBe('29');
    // (30 + 27) / (40 + 36) × 100, not the average of the communes' rates.
    expect(of('SAN_TX_ACC_ASSISTES')?.value).toBe('75');
    expect(exported.dataValues.every((v) => v.orgUnit === cercle)).toBe(true);
    await source.close();
  });
});

describe('DHIS2 import refusals', () => {
  test('a value outside the bounds refuses the whole file, naming the DHIS2 line or entry', async ({
    tmp,
  }) => {
    const node = await freshNode(tmp, 'cible');
    const mapping = await fixtureMapping(node);
    const de = mapping.dataElementOf('SAN_CSCOM')!;
    const ou = (c: string) => mapping.orgUnitOf(c)!;
    const csv = join(tmp, 'dhis2-bornes.csv');
    writeFileSync(
      csv,
      [
        'dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup,deleted',
        `${de},2025Q1,${ou('ML040101')},HllvX50cXC0,,2,admin,,,false,false`,
        `${de},2025Q1,${ou('ML040106')},HllvX50cXC0,,45,admin,,,false,false`,
        `${de},2025Q1,${ou('ML040109')},HllvX50cXC0,,1,admin,,,false,false`,
      ].join('\n'),
    );
    const refused = await importValueSet(node.db, { node: CERCLE, path: csv, mapping, now: TEST_NOW });
    expect(refused).toMatchObject({ accepted: false, written: false, refused: 1, errors: 1 });
    expect(refused.findings).toMatchObject([
      { file: 'dhis2-bornes.csv', line: 3, column: 'F', code: 'VALUE_OUT_OF_BOUNDS', severity: 'error' },
    ]);
    expect(refused.findings[0]!.message).toContain('45 est hors des bornes');
    expect(await storedValues(node)).toEqual([]);

    const json = join(tmp, 'dhis2-bornes.json');
    writeFileSync(
      json,
      JSON.stringify({
        dataValues: [
          {
            dataElement: de,
            period: '2025Q1',
            orgUnit: ou('ML040101'),
            categoryOptionCombo: 'HllvX50cXC0',
            value: '2',
          },
          {
            dataElement: de,
            period: '2025Q1',
            orgUnit: ou('ML040106'),
            categoryOptionCombo: 'HllvX50cXC0',
            value: 45,
          },
        ],
      }),
    );
    const fromJson = await importValueSet(node.db, { node: CERCLE, path: json, mapping, now: TEST_NOW });
    expect(fromJson.findings).toMatchObject([{ index: 1, column: 'value', code: 'VALUE_OUT_OF_BOUNDS' }]);
    expect(fromJson.findings[0]!.line).toBeUndefined();

    const partial = await importValueSet(node.db, {
      node: CERCLE,
      path: csv,
      mapping,
      now: TEST_NOW,
      partial: true,
    });
    expect(partial).toMatchObject({ accepted: true, stored: 2, refused: 1 });
    expect((await storedValues(node)).map((r) => [r.org_unit_code, r.value])).toEqual([
      ['ML040101', 2],
      ['ML040109', 1],
    ]);
    const rejects = join(tmp, 'dhis2-bornes-rejets.csv');
    expect(partial.rejectsFile).toBe(rejects);
    const rejectLines = readFileSync(rejects, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(rejectLines).toHaveLength(2);
    expect(rejectLines[0]).toMatch(/^dataelement,.*,deleted,motif$/);
    expect(rejectLines[1]).toContain(`${de},2025Q1,${ou('ML040106')},HllvX50cXC0,,45`);
    expect(rejectLines[1]).toContain('hors des bornes');
    await node.close();
  });

  test('an unmapped data element, org unit or combo is named with what to add to the mapping file', async ({
    tmp,
  }) => {
    const node = await freshNode(tmp, 'cible');
    const mapping = await fixtureMapping(node);
    const de = mapping.dataElementOf('SAN_CPN')!;
    const ou = mapping.orgUnitOf('ML040101')!;
    const csv = join(tmp, 'dhis2-inconnus.csv');
    writeFileSync(
      csv,
      [
        'dataelement,period,orgunit,catoptcombo,attroptcombo,value',
        `${de},2025Q1,${ou},HllvX50cXC0,,12`,
        `Zz9Unknown1,2025Q1,${ou},HllvX50cXC0,,5`,
        `${de},2025Q1,Qq1Unknown2,HllvX50cXC0,,5`,
        `${de},2025Q1,${ou},Cc3Unknown3,,5`,
        `${de},202501,${ou},HllvX50cXC0,,5`,
        `${de},2025Q1,${ou},HllvX50cXC0,Aa1Funding9,5`,
      ].join('\r\n'),
    );
    const r = await importValueSet(node.db, {
      node: CERCLE,
      path: csv,
      mapping,
      now: TEST_NOW,
      dryRun: true,
    });
    expect(r.accepted).toBe(false);
    expect(r.findings.map((f) => [f.line, f.column, f.code])).toEqual([
      [3, 'A', 'DHIS2_UNMAPPED_DATA_ELEMENT'],
      [4, 'C', 'DHIS2_UNMAPPED_ORG_UNIT'],
      [5, 'D', 'DHIS2_UNMAPPED_COMBO'],
      [6, 'B', 'DHIS2_QUARTER_INCOMPLETE'],
      [7, 'E', 'DHIS2_ATTRIBUTE_COMBO'],
    ]);
    expect(r.findings[0]!.message).toContain('« indicateur;CODE_OISE;Zz9Unknown1 »');
    expect(r.findings[0]!.message).toContain('dhis2-correspondances.csv');
    expect(r.findings[1]!.message).toContain('« collectivite;P-CODE;Qq1Unknown2 »');
    expect(r.findings[3]!.message).toContain(
      '1 mois sur 3 (janvier 2025 ; février 2025, mars 2025 manquent)',
    );
    await node.close();
  });

  test('only a cercle node takes DHIS2 values', async ({ tmp }) => {
    const node = await freshNode(tmp, 'cible');
    const mapping = await fixtureMapping(node);
    const file = join(tmp, 'vide.json');
    writeFileSync(file, '{"dataValues":[]}');
    await expect(
      importValueSet(node.db, {
        node: { code: 'ML04', level: 'region' },
        path: file,
        mapping,
        now: TEST_NOW,
      }),
    ).rejects.toMatchObject({ code: 'DHIS2_IMPORT_NOT_CERCLE' });
    writeFileSync(file, '{"dataValues":[');
    await expect(
      importValueSet(node.db, { node: CERCLE, path: file, mapping, now: TEST_NOW }),
    ).rejects.toMatchObject({ code: 'DHIS2_UNREADABLE' });
    expect(existsSync(join(tmp, 'vide-rejets.csv'))).toBe(false);
    await node.close();
  });
});
