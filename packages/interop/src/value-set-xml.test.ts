import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFinding } from '@oise/core';
import { FIXTURES, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { adxToDhis2Period, dhis2ToAdxPeriod } from './adx-period.js';
import { parseValueSet, readValueSetFile } from './value-set-read.js';
import { valueSetAdx, valueSetXml } from './value-set-xml.js';

const DHIS2_FIXTURES = join(FIXTURES.catalog, '..', 'dhis2');
const DXF2_FIXTURE = join(DHIS2_FIXTURES, 'dxf2-valeurs-defauts.xml');
const ADX_FIXTURE = join(DHIS2_FIXTURES, 'adx-valeurs-defauts.xml');

/** The 1-based line of the n-th (0-based) `<dataValue` of a file. */
function dataValueLine(path: string, n: number): number {
  const lines = readFileSync(path, 'utf8').split('\n');
  const at = lines.map((l, i) => (l.includes('<dataValue ') ? i + 1 : 0)).filter((i) => i > 0);
  return at[n]!;
}

describe('DHIS2 XML (DXF2) data value sets', () => {
  test('set-level orgUnit and attributeOptionCombo fill the values that lack them; dataSet and completeDate are reported', () => {
    const set = readValueSetFile(DXF2_FIXTURE);
    expect(set.format).toBe('xml');
    expect(set.entries).toHaveLength(5);
    const [jan, feb, , konobougou, cscom] = set.entries;
    expect(jan!.value).toMatchObject({
      dataElement: 'kDNlGoYm33w',
      period: '202501',
      orgUnit: 'NNi98chFxP1',
      categoryOptionCombo: 'HllvX50cXC0',
      attributeOptionCombo: 'HllvX50cXC0',
      value: '38',
      storedBy: 'admin',
      comment: 'CPN & visites à domicile',
      followup: false,
    });
    expect(jan!.fields.orgUnit).toBe('orgUnit (jeu de valeurs)');
    expect(feb!.value.followup).toBe(true);
    expect(konobougou!.value.orgUnit).toBe('SUtTnwt2GPa');
    expect(cscom!.value).toMatchObject({ dataElement: 'ytV3eEGf3gM', period: '2025Q1', value: '2' });
    expect(set.entries.map((e) => e.ref)).toEqual(
      [0, 1, 2, 3, 4].map((index) => ({ line: dataValueLine(DXF2_FIXTURE, index), index })),
    );
    // The value's own org unit wins, as in DHIS2; dataSet and completeDate are reported, at the set's line.
    expect(set.findings.map((f) => [f.code, f.column, f.severity, f.line])).toEqual([
      ['DHIS2_SET_FIELD_IGNORED', 'dataSet', 'warning', 7],
      ['DHIS2_SET_FIELD_IGNORED', 'completeDate', 'warning', 7],
    ]);
  });

  test('a one-line file, as DHIS2 writes it, tells its values apart by their rank', () => {
    const text = valueSetXml(
      [
        {
          dataElement: 'kDNlGoYm33w',
          period: '2025Q1',
          orgUnit: 'NNi98chFxP1',
          categoryOptionCombo: 'HllvX50cXC0',
          value: '1',
        },
        {
          dataElement: 'kDNlGoYm33w',
          period: '2025Q1',
          orgUnit: 'SUtTnwt2GPa',
          categoryOptionCombo: 'HllvX50cXC0',
          value: '2',
        },
      ],
      { dataSet: 'QX4ZTUbOt3a' },
    ).replaceAll('\n  ', '');
    const set = parseValueSet(text, '/x/une-ligne.xml');
    expect(set.entries.map((e) => e.ref)).toEqual([
      { line: 2, index: 0 },
      { line: 2, index: 1 },
    ]);
    const shown = describeFinding({
      file: set.file,
      ...set.entries[1]!.ref,
      column: 'value',
      severity: 'error',
      code: 'X',
      message: 'm',
    });
    expect(shown).toBe('une-ligne.xml, ligne 2, dataValue n° 2, attribut value : [refusé X] m');
  });

  test('written as DHIS2 writes it: namespace, attributes escaped, followUp and deleted only when true', () => {
    const text = valueSetXml([
      {
        dataElement: 'kDNlGoYm33w',
        period: '2025Q1',
        orgUnit: 'NNi98chFxP1',
        categoryOptionCombo: 'HllvX50cXC0',
        value: '12',
        comment: 'a "b" <c> & d\nsuite',
        followup: true,
      },
    ]);
    expect(text).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0">',
        '  <dataValue dataElement="kDNlGoYm33w" period="2025Q1" orgUnit="NNi98chFxP1" categoryOptionCombo="HllvX50cXC0" value="12" comment="a &quot;b&quot; &lt;c&gt; &amp; d&#10;suite" followUp="true"/>',
        '</dataValueSet>',
        '',
      ].join('\n'),
    );
    expect(parseValueSet(text, 'v.xml').entries[0]!.value.comment).toBe('a "b" <c> & d\nsuite');
  });
});

describe('ADX messages', () => {
  test('each group gives its org unit and ISO period; category attributes make the combo; annotation is the value', () => {
    const set = readValueSetFile(ADX_FIXTURE);
    expect(set.format).toBe('adx');
    expect(set.entries).toHaveLength(8);
    expect(
      set.entries.map((e) => [e.value.orgUnit, e.value.period, e.value.categoryOptionCombo, e.value.value]),
    ).toEqual([
      ['allLiFtnRVh', '202501', 'SEXE=FEMININ', '6'],
      ['allLiFtnRVh', '202501', 'SEXE=MASCULIN', '9'],
      ['allLiFtnRVh', '202502', 'SEXE=FEMININ', '7'],
      ['allLiFtnRVh', '202502', 'SEXE=MASCULIN', '9'],
      ['allLiFtnRVh', '202503', 'SEXE=FEMININ', '7'],
      ['allLiFtnRVh', '202503', 'SEXE=MASCULIN', '9'],
      ['NNi98chFxP1', '2025Q1', '', '120'],
      ['NNi98chFxP1', '2025Q1', '', '2'],
    ]);
    expect(set.entries[5]!.value.comment).toBe('une mutation en mars');
    expect(set.entries[0]!.fields.categoryOptionCombo).toBe('SEXE');
    expect(set.entries[7]!.fields.value).toBe('annotation');
    expect(set.entries.every((e) => e.value.attributeOptionCombo === '')).toBe(true);
    expect(set.findings.map((f) => [f.code, f.column])).toEqual([
      ['DHIS2_SET_FIELD_IGNORED', 'dataSet de <group>'],
      ['DHIS2_SET_FIELD_IGNORED', 'completeDate de <group>'],
    ]);
  });

  test('a group period ADX cannot read, or an attribute category, is named', () => {
    const text = [
      '<adx xmlns="urn:ihe:qrph:adx:2015">',
      '  <group orgUnit="NNi98chFxP1" period="2025-01-15/P1M" dataSet="QX4ZTUbOt3a">',
      '    <dataValue dataElement="kDNlGoYm33w" value="3"/>',
      '  </group>',
      '  <group orgUnit="NNi98chFxP1" period="2025-04-01/P3M" mecanisme="FONDS_MONDIAL">',
      '    <dataValue dataElement="kDNlGoYm33w" value="3"/>',
      '  </group>',
      '</adx>',
    ].join('\n');
    const set = parseValueSet(text, 'a.adx.xml');
    const errors = set.findings.filter((f) => f.severity === 'error');
    expect(errors).toMatchObject([{ line: 2, column: 'period', code: 'DHIS2_PERIOD_INVALID' }]);
    expect(errors[0]!.message).toContain('ne commence pas au début d');
    expect(set.entries[1]!.value).toMatchObject({
      period: '2025Q2',
      attributeOptionCombo: 'mecanisme=FONDS_MONDIAL',
    });
  });

  test('written as DHIS2 writes ADX: a group per org unit and period, a text as value="0" with its annotation', () => {
    const base = { dataElement: 'bV3tGq9ZkLm', orgUnit: 'NNi98chFxP1', categoryOptionCombo: 'HllvX50cXC0' };
    const text = valueSetAdx(
      [
        { value: { ...base, period: '2025Q1', value: 'true', comment: 'voté & publié' }, options: [] },
        {
          value: { ...base, period: '2025Q1', dataElement: 'jnFDTe1aoQ9', value: '7' },
          options: [['SEXE', 'FEMININ']],
        },
        { value: { ...base, period: '202504', value: '3', followup: true }, options: [] },
      ],
      'QX4ZTUbOt3a',
    );
    expect(text.split('\n').slice(1, 8)).toEqual([
      '<adx xmlns="urn:ihe:qrph:adx:2015">',
      '  <group dataSet="QX4ZTUbOt3a" orgUnit="NNi98chFxP1" period="2025-01-01/P3M">',
      '    <dataValue dataElement="bV3tGq9ZkLm" value="0" comment="voté &amp; publié"><annotation>true</annotation></dataValue>',
      '    <dataValue dataElement="jnFDTe1aoQ9" SEXE="FEMININ" value="7"/>',
      '  </group>',
      '  <group dataSet="QX4ZTUbOt3a" orgUnit="NNi98chFxP1" period="2025-04-01/P1M">',
      '    <dataValue dataElement="bV3tGq9ZkLm" value="3" followup="true"/>',
    ]);
    const back = parseValueSet(text, 'retour.adx.xml').entries.map((e) => e.value);
    expect(back.map((v) => [v.period, v.categoryOptionCombo, v.value, v.comment, v.followup])).toEqual([
      ['2025Q1', '', 'true', 'voté & publié', false],
      ['2025Q1', 'SEXE=FEMININ', '7', '', false],
      ['202504', '', '3', '', true],
    ]);
  });

  test('ADX periods and DHIS2 periods, both ways', () => {
    const pairs: [string, string][] = [
      ['2025-01-01/P1M', '202501'],
      ['2025-12-01/P1M', '202512'],
      ['2025-01-01/P3M', '2025Q1'],
      ['2025-10-01/P3M', '2025Q4'],
      ['2025-01-15/P1D', '20250115'],
      ['2025-01-13/P7D', '2025W3'],
      ['2024-12-30/P7D', '2025W1'],
      ['2025-03-01/P2M', '202502B'],
      ['2025-07-01/P6M', '2025S2'],
      ['2025-01-01/P1Y', '2025'],
    ];
    for (const [adx, dhis2] of pairs) {
      expect(adxToDhis2Period(adx)).toEqual({ period: dhis2 });
      expect(dhis2ToAdxPeriod(dhis2)).toBe(adx);
    }
    for (const bad of [
      '2025-02-01/P3M',
      '2025-01-14/P7D',
      '2025-02-30/P1D',
      '2025-01/P1M',
      '2025-01-01/P5M',
      '2025-01-01',
    ])
      expect(adxToDhis2Period(bad)).toHaveProperty('error');
    expect(dhis2ToAdxPeriod('2025W54')).toBeUndefined();
    expect(dhis2ToAdxPeriod('2025Q5')).toBeUndefined();
  });
});

describe('XML safety and format detection', () => {
  test('an external entity is refused before anything is read from disk', ({ tmp }) => {
    const secret = join(tmp, 'secret.txt');
    writeFileSync(secret, 'CONTENU-SECRET-42');
    const values =
      '<dataValue dataElement="kDNlGoYm33w" period="2025Q1" orgUnit="NNi98chFxP1" value="1" comment="&x;"/>';
    for (const [name, text] of [
      [
        'doctype.xml',
        `<?xml version="1.0"?>\n<!DOCTYPE dataValueSet [\n<!ENTITY x SYSTEM "file://${secret}">\n]>\n<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0">${values}</dataValueSet>`,
      ],
      ['entite.xml', `<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0">\n${values}</dataValueSet>`],
    ] as const) {
      const file = join(tmp, name);
      writeFileSync(file, text);
      let error: unknown;
      try {
        readValueSetFile(file);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'DHIS2_XML_UNSAFE', context: { file: name } });
      const message = (error as Error).message;
      expect(message).toContain('OISE refuse les déclarations DOCTYPE et les entités XML');
      expect(message).not.toContain('CONTENU-SECRET');
      expect(JSON.stringify(error)).not.toContain('CONTENU-SECRET');
    }
  });

  test('a billion-laughs expansion is refused at once', ({ tmp }) => {
    const entities = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++)
      entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const file = join(tmp, 'rires.xml');
    writeFileSync(
      file,
      `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n${entities.join('\n')}\n]>\n<dataValueSet><dataValue dataElement="a" value="&lol9;"/></dataValueSet>`,
    );
    expect(() => readValueSetFile(file)).toThrow(
      expect.objectContaining({ code: 'DHIS2_XML_UNSAFE', context: { file: 'rires.xml', line: 13 } }),
    );
  });

  test('neither a value set nor ADX: the message names what was found', () => {
    const refused = (text: string, name = 'x.txt') => {
      try {
        parseValueSet(text, `/d/${name}`);
      } catch (e) {
        return e as Error & { code: string };
      }
      throw new Error('not refused');
    };
    expect(refused('<html lang="fr"><body/></html>', 'page.xml')).toMatchObject({ code: 'DHIS2_UNREADABLE' });
    expect(refused('<html lang="fr"><body/></html>', 'page.xml').message).toContain(
      "l'élément racine est <html>",
    );
    expect(refused('%PDF-1.7 …').message).toContain('un document PDF');
    expect(refused('PK\u0003\u0004…', 'v.csv').message).toContain('une archive ZIP');
    expect(refused('code;periode;valeur\nA;2025Q1;3').message).toContain('séparé par des points-virgules');
    expect(refused('bonjour').message).toContain('première ligne « bonjour »');
    const broken = refused(
      '<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0">\n<dataValue value="1">\n</dataValueSet>',
    );
    expect(broken).toMatchObject({ code: 'DHIS2_UNREADABLE', context: { line: 3 } });
    expect(broken.message).toContain('XML mal formé');
    // The extension does not decide: XML content named .csv is read as XML, and the reverse.
    expect(parseValueSet('<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0"/>', '/d/v.csv').format).toBe(
      'xml',
    );
    expect(parseValueSet('kDNlGoYm33w,2025Q1,NNi98chFxP1,HllvX50cXC0,,5\n', '/d/v.xml').format).toBe('csv');
  });
});
