import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { idSchemes, isDhis2Uid } from './dhis2-ids.js';
import { loadMapping, parseMappingText } from './mapping-file.js';
import { MAPPING_FIXTURE, fixtureMapping, freshNode } from './test-support/cercle-values.js';

const CONTEXT = {
  indicators: new Set(['SAN_CSCOM', 'SAN_CPN', 'EDU_ENSEIGNANTS']),
  units: new Set(['ML', 'ML04', 'ML0401', 'ML040101', 'ML040106']),
  schemes: idSchemes('uid'),
};

describe('DHIS2 mapping file', () => {
  test('the example mapping is clean against the catalog and the demo territory', async ({ tmp }) => {
    const node = await freshNode(tmp, 'cercle');
    const mapping = await fixtureMapping(node);
    const rows = readFileSync(MAPPING_FIXTURE, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'))
      .slice(1);
    const territory = await node.db.selectFrom('org_unit').select('code').execute();
    expect(mapping.indicators.size).toBeGreaterThanOrEqual(12);
    expect(mapping.units.size).toBe(territory.length);
    // One `jeu` row besides the indicators, units and categories.
    expect(mapping.indicators.size + mapping.units.size + mapping.categories.size + 1).toBe(rows.length);
    expect(mapping.dataSet).toBe('QX4ZTUbOt3a');
    expect(mapping.adxOptionsOf('F')).toEqual([['SEXE', 'FEMININ']]);
    expect(mapping.adxOptionsOf('')).toEqual([]);
    expect(mapping.categoryOf('SEXE=MASCULIN')).toBe('M');
    expect(mapping.comboOf('')).toBe('HllvX50cXC0');
    expect([...mapping.indicators.values(), ...mapping.units.values()].every(isDhis2Uid)).toBe(true);
    await node.close();
  });

  test('names the line of every problem: duplicate, unknown code, malformed UID, unknown kind', () => {
    const text = [
      '# exemple',
      'type;code_oise;code_dhis2;libelle',
      'indicateur;SAN_CSCOM;ytV3eEGf3gM;CSCOM',
      'indicateur;san_cscom;DNBgtKCEB8o;encore',
      'indicateur;SAN_INCONNU;t8rpH16iYdy;',
      'indicateur;SAN_CPN;1abcdefghij;commence par un chiffre',
      'indicateur;EDU_ENSEIGNANTS;ytV3eEGf3gM;même UID',
      '',
      'collectivite;ML040199;m7th0fTN7Qz;',
      'collectivite;ML040101;abc;trop court',
      'categorie;X;OGuSzUM0bO2;',
      'element;SAN_CPN;kDNlGoYm33w;',
      'categorie;;HllvX50cXC0;total',
    ].join('\r\n');
    const { mapping, findings } = parseMappingText(text, '/x/correspondances.csv', CONTEXT);
    expect(mapping).toBeUndefined();
    expect(findings.map((f) => [f.line, f.column, f.code])).toEqual([
      [4, 'B', 'MAPPING_DUPLICATE'],
      [5, 'B', 'MAPPING_UNKNOWN_CODE'],
      [6, 'C', 'MAPPING_BAD_ID'],
      [7, 'C', 'MAPPING_DUPLICATE'],
      [9, 'B', 'MAPPING_UNKNOWN_CODE'],
      [10, 'C', 'MAPPING_BAD_ID'],
      [11, 'B', 'MAPPING_UNKNOWN_CODE'],
      [12, 'A', 'MAPPING_KIND'],
    ]);
    expect(findings[0]!.message).toContain('ligne 3');
    expect(findings[2]!.message).toContain("n'est pas un UID DHIS2 (11 caractères");
    expect(findings[3]!.message).toContain('déjà utilisé à la ligne 3');
    expect(findings.every((f) => f.file === 'correspondances.csv')).toBe(true);
  });

  test('a mapping file of before ADX (four columns, no jeu row) reads as it did; ADX columns are checked', () => {
    const before = [
      'type;code_oise;code_dhis2;libelle',
      'indicateur;SAN_CPN;kDNlGoYm33w;CPN',
      'categorie;F;OGuSzUM0bO2;Féminin',
      'categorie;M;XKBF3KRAT20;Masculin',
      'collectivite;ML040101;m7th0fTN7Qz;',
    ].join('\n');
    const old = parseMappingText(before, 'ancien.csv', CONTEXT);
    expect(old.findings).toEqual([]);
    expect(old.mapping!.comboOf('F')).toBe('OGuSzUM0bO2');
    expect(old.mapping!.categoryOf('XKBF3KRAT20')).toBe('M');
    expect(old.mapping!.dataSet).toBeUndefined();
    expect(old.mapping!.adxOptionsOf('F')).toBeUndefined();

    const adx = [
      'type;code_oise;code_dhis2;libelle;categorie_dhis2;option_dhis2',
      'jeu;;pBOMPrpg1QX;Santé',
      'categorie;F;OGuSzUM0bO2;Féminin;SEXE;F',
      'categorie;M;XKBF3KRAT20;Masculin;SEXE;F',
      'categorie;;HllvX50cXC0;total;SEXE;T',
      'indicateur;SAN_CPN;kDNlGoYm33w;CPN;;M',
      'jeu;;QX4ZTUbOt3a;un second jeu',
      'categorie;M;XKBF3KRAT20;Masculin;1SEXE;M',
    ].join('\n');
    const { mapping, findings } = parseMappingText(adx, 'adx.csv', CONTEXT);
    expect(mapping).toBeUndefined();
    expect(findings.map((f) => [f.line, f.column, f.code])).toEqual([
      [4, 'F', 'MAPPING_DUPLICATE'],
      [5, 'E', 'MAPPING_ADX_OPTION'],
      [6, 'F', 'MAPPING_ADX_OPTION'],
      [7, 'C', 'MAPPING_DUPLICATE'],
      [8, 'E', 'MAPPING_ADX_OPTION'],
    ]);
    expect(findings[1]!.message).toContain("le total n'a pas d'option en ADX");
    expect(findings[3]!.message).toContain('un seul jeu de données');
    expect(findings[4]!.message).toContain('ne peut pas être un attribut ADX');
  });

  test('with the code scheme, a P-code without a row is its own DHIS2 code', () => {
    const text =
      'type,code_oise,code_dhis2\nindicateur,SAN_CPN,CPN_TOTAL\ncollectivite,ML040106,OU_KONOBOUGOU\n';
    const { mapping, findings } = parseMappingText(text, 'm.csv', { ...CONTEXT, schemes: idSchemes('code') });
    expect(findings).toEqual([]);
    expect(mapping!.orgUnitOf('ML040101')).toBe('ML040101');
    expect(mapping!.unitOf('ML040101')).toBe('ML040101');
    expect(mapping!.orgUnitOf('ML040106')).toBe('OU_KONOBOUGOU');
    expect(mapping!.unitOf('ML040106')).toBeUndefined();
    expect(mapping!.unitOf('OU_KONOBOUGOU')).toBe('ML040106');
    expect(mapping!.comboOf('')).toBe('default');
    expect(mapping!.categoryOf('default')).toBe('');
    const uid = parseMappingText(text, 'm.csv', CONTEXT);
    expect(uid.findings.map((f) => f.code)).toEqual(['MAPPING_BAD_ID', 'MAPPING_BAD_ID']);
  });

  test('loadMapping refuses a bad file with every problem in one French message', async ({ tmp }) => {
    const node = await freshNode(tmp, 'cercle');
    const file = join(tmp, 'mauvais.csv');
    writeFileSync(
      file,
      'type;code_oise;code_dhis2\nindicateur;SAN_CPN;pas-un-uid\ncollectivite;ML999999;m7th0fTN7Qz\n',
    );
    await expect(loadMapping(node.db, file, idSchemes('uid'))).rejects.toMatchObject({
      code: 'DHIS2_MAPPING_INVALID',
      context: { file: 'mauvais.csv', line: 2 },
      message: expect.stringMatching(/2 problème\(s\)[\s\S]*ligne 2, colonne C[\s\S]*ligne 3, colonne B/),
    });
    await expect(loadMapping(node.db, join(tmp, 'absent.csv'), idSchemes('uid'))).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    await node.close();
  });
});
