import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, TEST_NOW, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { compareValueSet } from './compare-value-set.js';
import { idSchemes } from './dhis2-ids.js';
import { exportValueSet } from './export-value-set.js';
import { importValueSet } from './import-value-set.js';
import { loadMapping } from './mapping-file.js';
import {
  BAROUELI_T1,
  CERCLE,
  MAPPING_FIXTURE,
  exchangeable,
  fixtureMapping,
  freshNode,
  sourceNode,
  storedValues,
} from './test-support/cercle-values.js';
import { valueSetAdxWith, valueSetXml } from './value-set-xml.js';

const DHIS2_FIXTURES = join(FIXTURES.catalog, '..', 'dhis2');

describe('DHIS2 XML and ADX: export, import on another node, compare', () => {
  test('each format round-trips to the same stored values, and compare finds 0 gaps', async ({ tmp }) => {
    const source = await sourceNode(tmp);
    const mapping = await fixtureMapping(source);
    const exported = await exportValueSet(source.db, { mapping, period: '2025Q1', level: 'commune' });
    const sent = BAROUELI_T1.length - 1 - 3; // less the unmapped budget and two F/M totals
    expect(exported.dataValues).toHaveLength(sent);
    const expected = exchangeable(await storedValues(source));
    const files = {
      xml: join(tmp, 'valeurs.xml'),
      adx: join(tmp, 'valeurs.adx.xml'),
    };
    writeFileSync(files.xml, valueSetXml(exported.dataValues, { dataSet: mapping.dataSet }));
    const adx = valueSetAdxWith(exported.dataValues, mapping);
    writeFileSync(files.adx, adx);
    expect(adx).toContain('<group dataSet="QX4ZTUbOt3a" orgUnit="NNi98chFxP1" period="2025-01-01/P3M">');
    expect(adx).toContain('<dataValue dataElement="jnFDTe1aoQ9" SEXE="FEMININ" value="12"/>');

    for (const format of ['xml', 'adx'] as const) {
      const target = await freshNode(tmp, `cible-${format}`);
      const targetMapping = await fixtureMapping(target);
      const imported = await importValueSet(target.db, {
        node: CERCLE,
        path: files[format],
        mapping: targetMapping,
        now: TEST_NOW,
      });
      expect(imported.format).toBe(format);
      expect(imported.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(imported).toMatchObject({ accepted: true, written: true, stored: sent, refused: 0 });
      expect(await storedValues(target)).toEqual(expected);

      const compared = await compareValueSet(target.db, { mapping: targetMapping, path: files[format] });
      expect(compared).toMatchObject({
        format,
        compared: sent,
        identical: sent,
        different: 0,
        onlyInDhis2: 0,
        onlyInOise: 0,
        unmapped: 0,
      });
      expect(compared.gaps).toEqual([]);
      // The source, which exported them, has the same figures too.
      const back = await compareValueSet(source.db, { mapping, path: files[format] });
      expect(back).toMatchObject({ identical: sent, different: 0, onlyInDhis2: 0, onlyInOise: 0 });
      await target.close();
    }
    await source.close();
  });

  test('the DXF2 and ADX fixtures import with their set-level defaults, months made into quarters', async ({
    tmp,
  }) => {
    const node = await freshNode(tmp, 'cible');
    const mapping = await fixtureMapping(node);
    for (const [name, format, entries] of [
      ['dxf2-valeurs-defauts.xml', 'xml', 5],
      ['adx-valeurs-defauts.xml', 'adx', 8],
    ] as const) {
      const path = join(DHIS2_FIXTURES, name);
      const result = await importValueSet(node.db, { node: CERCLE, path, mapping, now: TEST_NOW });
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(result).toMatchObject({ format, accepted: true, entries });
    }
    const rows = (await storedValues(node)).map((r) => [
      r.org_unit_code,
      r.indicator_code,
      r.category,
      r.value,
    ]);
    expect(rows).toEqual([
      // 38 + 41 + 41 (a flow: the sum of the months), then the ADX quarter, identical.
      ['ML040101', 'SAN_CPN', '', 120],
      ['ML040101', 'SAN_CSCOM', '', 2],
      ['ML040106', 'SAN_CPN', '', 95],
      // Teachers are a stock: the last month.
      ['ML040110', 'EDU_ENSEIGNANTS', 'F', 7],
      ['ML040110', 'EDU_ENSEIGNANTS', 'M', 9],
    ]);
    await node.close();
  });

  test('an ADX export needs the data set and the category options; a mapping of before ADX says which', async ({
    tmp,
  }) => {
    const source = await sourceNode(tmp);
    const old = join(tmp, 'ancienne.csv');
    writeFileSync(
      old,
      readFileSync(MAPPING_FIXTURE, 'utf8')
        .split('\n')
        .filter((l) => !l.startsWith('jeu;'))
        .map((l) => l.replace(/;SEXE;(FEMININ|MASCULIN)$/, '').replace(';categorie_dhis2;option_dhis2', ''))
        .join('\n'),
    );
    const mapping = await loadMapping(source.db, old, idSchemes('uid'));
    const exported = await exportValueSet(source.db, { mapping, period: '2025Q1', level: 'commune' });
    expect(exported.dataValues.length).toBeGreaterThan(0);
    expect(() => valueSetAdxWith(exported.dataValues, mapping)).toThrow(
      expect.objectContaining({
        code: 'DHIS2_ADX_MAPPING',
        message: expect.stringMatching(
          /ligne « jeu;;ID_DU_JEU_DHIS2;libellé »[\s\S]*lignes categorie F et M/,
        ),
      }),
    );
    // The XML export of the same mapping works: no data set on the set.
    expect(valueSetXml(exported.dataValues, { dataSet: mapping.dataSet })).toContain(
      '<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0">',
    );
    await source.close();
  });

  test('in a one-line DHIS2 XML file, a refused value is named by its rank and only it is set aside', async ({
    tmp,
  }) => {
    const node = await freshNode(tmp, 'cible');
    const mapping = await fixtureMapping(node);
    const value = (orgUnit: string, v: string) => ({
      dataElement: mapping.dataElementOf('SAN_CSCOM')!,
      period: '2025Q1',
      orgUnit: mapping.orgUnitOf(orgUnit)!,
      categoryOptionCombo: 'HllvX50cXC0',
      value: v,
    });
    const file = join(tmp, 'dhis2.xml');
    const values = [value('ML040101', '2'), value('ML040106', '45'), value('ML040109', '1')];
    writeFileSync(file, valueSetXml(values).replaceAll('\n  ', ''));
    const refused = await importValueSet(node.db, { node: CERCLE, path: file, mapping, now: TEST_NOW });
    expect(refused).toMatchObject({ accepted: false, refused: 1 });
    expect(refused.findings).toMatchObject([
      { line: 2, index: 1, column: 'value', code: 'VALUE_OUT_OF_BOUNDS', severity: 'error' },
    ]);
    const partial = await importValueSet(node.db, {
      node: CERCLE,
      path: file,
      mapping,
      now: TEST_NOW,
      partial: true,
    });
    expect(partial).toMatchObject({ accepted: true, refused: 1 });
    expect((await storedValues(node)).map((r) => [r.org_unit_code, r.value])).toEqual([
      ['ML040101', 2],
      ['ML040109', 1],
    ]);
    const rejects = readFileSync(partial.rejectsFile!, 'utf8')
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(rejects).toHaveLength(2);
    expect(rejects[1]).toMatch(/^ligne 2, dataValue n° 2;/);
    expect(rejects[1]).toContain('hors des bornes');
    await node.close();
  });
});
