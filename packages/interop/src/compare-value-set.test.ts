import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { compareSummaryFr, compareValueSet, parseTolerance } from './compare-value-set.js';
import { exportValueSet } from './export-value-set.js';
import { writeGapsFile } from './gaps-file.js';
import { fixtureMapping, sourceNode } from './test-support/cercle-values.js';
import { valueSetCsv, valueSetJson } from './value-set.js';

describe('DHIS2 cross-check (recoupement)', () => {
  test('finds exactly the planted gaps, on communes and on the cercle', async ({ tmp }) => {
    const node = await sourceNode(tmp);
    const mapping = await fixtureMapping(node);
    const communes = await exportValueSet(node.db, { mapping, period: '2025Q1', level: 'commune' });
    const cercle = await exportValueSet(node.db, { mapping, period: '2025Q1', level: 'cercle' });
    const de = (c: string) => mapping.dataElementOf(c)!;
    const ou = (c: string) => mapping.orgUnitOf(c)!;
    const values = [...communes.dataValues, ...cercle.dataValues].map((v) => ({ ...v }));
    const find = (indicator: string, unit: string) =>
      values.findIndex((v) => v.dataElement === de(indicator) && v.orgUnit === ou(unit));
    values[find('SAN_CPN', 'ML040101')]!.value = '121'; // 120 in OISE
    values[find('SAN_CSCOM', 'ML0401')]!.value = '8'; // 9 in OISE
    values.splice(find('SAN_ACC_ASSISTES', 'ML040106'), 1); // absent from DHIS2
    values.push({
      dataElement: de('SAN_CPN'),
      period: '2025Q1',
      orgUnit: ou('ML040112'),
      categoryOptionCombo: 'HllvX50cXC0',
      value: '40',
    }); // absent from OISE
    values.push({
      dataElement: 'Zz9Unknown1',
      period: '2025Q1',
      orgUnit: ou('ML040112'),
      categoryOptionCombo: 'HllvX50cXC0',
      value: '1',
    }); // not in the mapping: left out
    const file = join(tmp, 'dhis2-export.json');
    writeFileSync(file, valueSetJson(values));

    const result = await compareValueSet(node.db, { mapping, path: file });
    const total = communes.dataValues.length + cercle.dataValues.length + 1;
    expect(result).toMatchObject({
      format: 'json',
      periods: ['2025Q1'],
      compared: total,
      identical: total - 4,
      different: 2,
      onlyInDhis2: 1,
      onlyInOise: 1,
      unmapped: 1,
    });
    expect(result.findings.map((f) => [f.index, f.code])).toEqual([
      [values.length - 1, 'DHIS2_UNMAPPED_DATA_ELEMENT'],
    ]);
    expect(result.gaps.map((g) => [g.kind, g.indicator, g.unit, g.oise, g.dhis2, g.gap])).toEqual([
      ['onlyInOise', 'SAN_ACC_ASSISTES', 'ML040106', '27', null, null],
      ['different', 'SAN_CPN', 'ML040101', '120', '121', 1],
      ['onlyInDhis2', 'SAN_CPN', 'ML040112', null, '40', null],
      ['different', 'SAN_CSCOM', 'ML0401', '9', '8', -1],
    ]);
    expect(result.gaps[1]!.relativeGap).toBeCloseTo(1 / 120, 6);
    expect(result.gaps[1]!.unitName).toBe('Baraoueli');
    expect(compareSummaryFr(result)).toBe(
      `${total} valeurs comparées : ${total - 4} identiques, 2 écarts, 1 absente d'OISE, 1 absente de DHIS2 ; 1 valeur DHIS2 sans correspondance, laissée de côté`,
    );

    const tolerant = await compareValueSet(node.db, { mapping, path: file, tolerance: parseTolerance('5%') });
    expect(tolerant.different).toBe(1);
    expect(parseTolerance('1')).toEqual({ absolute: 1 });
    expect(() => parseTolerance('beaucoup')).toThrow(/tolérance/);

    const gapsFile = join(tmp, 'écarts.csv');
    writeGapsFile(gapsFile, result);
    const text = readFileSync(gapsFile, 'utf8');
    expect(text.startsWith('\ufeffecart;code_indicateur;indicateur;')).toBe(true);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[2]!.split(';').slice(0, 11)).toEqual([
      'valeurs différentes',
      'SAN_CPN',
      'Nombre de consultations prénatales',
      'ML040101',
      'Baraoueli',
      '2025Q1',
      'total',
      '120',
      '121',
      '1',
      '0,83',
    ]);
    expect(lines[1]!.startsWith('absente de DHIS2;SAN_ACC_ASSISTES')).toBe(true);
    expect(lines[3]!.endsWith(`;dataValues[${values.length - 2}];`)).toBe(true);
    await node.close();
  });

  test('a DHIS2 CSV identical to the export has no gap; a sex-disaggregated total is not expected in DHIS2', async ({
    tmp,
  }) => {
    const node = await sourceNode(tmp);
    const mapping = await fixtureMapping(node);
    const communes = await exportValueSet(node.db, { mapping, period: '2025Q1', level: 'commune' });
    const file = join(tmp, 'dhis2.csv');
    writeFileSync(file, valueSetCsv(communes.dataValues));
    const result = await compareValueSet(node.db, { mapping, path: file });
    expect(result).toMatchObject({
      format: 'csv',
      compared: communes.dataValues.length,
      identical: communes.dataValues.length,
      gaps: [],
    });
    await node.close();
  });
});
