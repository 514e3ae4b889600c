import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node } from '@oise/node';
import { FIXTURES, TEST_NOW, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { compareValueSet } from './compare-value-set.js';
import { idSchemes } from './dhis2-ids.js';
import { exportValueSet } from './export-value-set.js';
import { writeGapsFile } from './gaps-file.js';
import { importValueSet } from './import-value-set.js';
import { loadMapping } from './mapping-file.js';
import { CERCLE, freshNode, sourceNode, storedValues } from './test-support/cercle-values.js';
import { valueSetCsv, valueSetJson } from './value-set.js';

const DIR = join(FIXTURES.catalog, '..', 'dhis2');
const fixture = (name: string) => join(DIR, name);

async function monthlyMapping(node: Node) {
  return loadMapping(node.db, fixture('correspondances.csv'), idSchemes('uid'));
}

async function importFile(
  node: Node,
  path: string,
  extra: { incompleteMonths?: boolean; dryRun?: boolean } = {},
) {
  return importValueSet(node.db, {
    node: CERCLE,
    path,
    mapping: await monthlyMapping(node),
    now: TEST_NOW,
    ...extra,
  });
}

/** `unit indicator category = value (comment)` for each live stored value. */
async function stored(node: Node): Promise<string[]> {
  return (await storedValues(node)).map(
    (r) =>
      `${r.org_unit_code} ${r.indicator_code}${r.category ? ` ${r.category}` : ''} ${r.period} = ${r.value ?? r.value_text}${r.comment ? ` (${r.comment})` : ''}`,
  );
}

describe('DHIS2 months, weeks and days folded into quarters', () => {
  test('a monthly JSON: each indicator by its time rule (sum, last, average, yes/no), comments joined, follow-up kept, set-level defaults', async ({
    tmp,
  }) => {
    const node = await freshNode(tmp, 'cible');
    const r = await importFile(node, fixture('mensuel-2025T1.json'));
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.accepted).toBe(true);
    expect(r.importCount).toEqual({ imported: 6, updated: 0, deleted: 0, ignored: 0 });
    expect(await stored(node)).toEqual([
      'ML040101 EDU_ENSEIGNANTS F 2025Q1 = 13',
      'ML040101 EDU_ENSEIGNANTS M 2025Q1 = 21',
      'ML040101 GOV_BUDGET_VOTE 2025Q1 = 1',
      'ML040101 HYD_DELAI_REPARATION 2025Q1 = 20',
      'ML040101 SAN_CPN 2025Q1 = 120 ([suivi DHIS2] février 2025 : rupture de fiches CPN ; mars 2025 : campagne foraine)',
      'ML040106 SAN_CSCOM 2025Q1 = 3',
    ]);
    expect(
      r.quartersFromMonths.map((q) => `${q.indicator} ${q.rule} ${q.value} ${q.recomputed}`).sort(),
    ).toEqual([
      'EDU_ENSEIGNANTS last 13 false',
      'EDU_ENSEIGNANTS last 21 false',
      'GOV_BUDGET_VOTE last true false',
      'HYD_DELAI_REPARATION average 20 false',
      'SAN_CPN sum 120 false',
      'SAN_CSCOM last 3 false',
    ]);
    // dataSet and completeDate are reported, not silently dropped.
    expect(r.conflicts.filter((c) => c.code === 'DHIS2_SET_FIELD_IGNORED').map((c) => c.column)).toEqual([
      'dataSet',
      'completeDate',
    ]);
    expect(r.conflicts.every((c) => !c.message.includes('[object'))).toBe(true);

    // A later file carrying the months again recomputes the quarter from that file's months.
    const changed = join(tmp, 'mensuel-corrige.json');
    writeFileSync(
      changed,
      readFileSync(fixture('mensuel-2025T1.json'), 'utf8').replace(
        '"period": "202502", "categoryOptionCombo": "HllvX50cXC0", "value": "35"',
        '"period": "202502", "categoryOptionCombo": "HllvX50cXC0", "value": "30"',
      ),
    );
    const again = await importFile(node, changed);
    expect(again.importCount).toEqual({ imported: 0, updated: 1, deleted: 0, ignored: 5 });
    expect(
      again.quartersFromMonths.filter((q) => q.recomputed).map((q) => `${q.indicator} ${q.value}`),
    ).toEqual(['SAN_CPN 115']);
    await node.close();
  });

  test('weekly data (header as DHIS2 2.43 writes it) and daily data (no header, by position) are summed or averaged', async ({
    tmp,
  }) => {
    const node = await freshNode(tmp, 'cible');
    const weekly = await importFile(node, fixture('hebdomadaire-2025T1.csv'));
    expect(weekly.accepted).toBe(true);
    expect(weekly.importCount.imported).toBe(1);
    const daily = await importFile(node, fixture('journalier-sans-en-tete-2025T1.csv'));
    expect(daily.accepted).toBe(true);
    expect(await stored(node)).toEqual([
      'ML040109 SAN_CPN 2025Q1 = 150',
      'ML040110 HYD_DELAI_REPARATION 2025Q1 = 9',
      'ML040110 SAN_CPN 2025Q1 = 20',
    ]);
    await node.close();
  });

  test('a quarter with a month missing is refused (« 2 mois sur 3 »), unless incomplete months are allowed; then its comment says which', async ({
    tmp,
  }) => {
    const node = await freshNode(tmp, 'cible');
    const refused = await importFile(node, fixture('mois-manquant-2025T1.csv'));
    expect(refused.accepted).toBe(false);
    expect(refused.refused).toBe(2);
    expect(refused.conflicts).toEqual([
      {
        line: 2,
        column: 'B',
        severity: 'error',
        code: 'DHIS2_QUARTER_INCOMPLETE',
        message:
          'SAN_CPN, ML040112, 2025T1 : trimestre incomplet, 2 mois sur 3 (janvier 2025, mars 2025 ; février 2025 manque) ; ajoutez au fichier le mois qui manque, ou relancez avec --mois-incomplets pour enregistrer la valeur de ces mois (son commentaire le dira).',
      },
    ]);
    expect(await stored(node)).toEqual([]);
    const kept = await importFile(node, fixture('mois-manquant-2025T1.csv'), { incompleteMonths: true });
    expect(kept.accepted).toBe(true);
    expect(await stored(node)).toEqual([
      'ML040112 SAN_CPN 2025Q1 = 48 (valeur DHIS2 de 2 mois sur 3 (janvier 2025, mars 2025 ; février 2025 manque))',
    ]);
    // February arrives: the three months make the quarter again, and the old note goes with them.
    const complete = join(tmp, 'trois-mois.csv');
    writeFileSync(
      complete,
      `${readFileSync(fixture('mois-manquant-2025T1.csv'), 'utf8')}kDNlGoYm33w,202502,XefgNiGbV4z,HllvX50cXC0,,20,admin,,,false,false\n`,
    );
    const recomputed = await importFile(node, complete);
    expect(recomputed.quartersFromMonths).toMatchObject([{ recomputed: true, value: '68', missing: [] }]);
    expect(await stored(node)).toEqual(['ML040112 SAN_CPN 2025Q1 = 68']);
    await node.close();
  });

  test('weeks and two-month periods over two quarters, semesters and years are refused and named', async ({
    tmp,
  }) => {
    const node = await freshNode(tmp, 'cible');
    const csv = join(tmp, 'periodes.csv');
    writeFileSync(
      csv,
      [
        'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value',
        'kDNlGoYm33w,2025W14,NNi98chFxP1,HllvX50cXC0,,5',
        'kDNlGoYm33w,202502B,SUtTnwt2GPa,HllvX50cXC0,,5',
        'kDNlGoYm33w,2025S1,oCnFiO8UAHB,HllvX50cXC0,,5',
        'kDNlGoYm33w,2025,allLiFtnRVh,HllvX50cXC0,,5',
        'kDNlGoYm33w,2025M1,XefgNiGbV4z,HllvX50cXC0,,5',
      ].join('\n'),
    );
    const r = await importFile(node, csv, { dryRun: true });
    expect(r.conflicts.map((c) => [c.line, c.column, c.code])).toEqual([
      [2, 'B', 'DHIS2_PERIOD_STRADDLES'],
      [3, 'B', 'DHIS2_PERIOD_STRADDLES'],
      [4, 'B', 'DHIS2_PERIOD_TOO_LONG'],
      [5, 'B', 'DHIS2_PERIOD_TOO_LONG'],
      [6, 'B', 'DHIS2_PERIOD_INVALID'],
    ]);
    expect(r.conflicts[0]!.message).toContain(
      'la période 2025W14 (hebdomadaire, du 2025-03-31 au 2025-04-06) est à cheval sur 2025T1 et 2025T2',
    );
    expect(r.conflicts[1]!.message).toContain('202502B (bimestrielle, du 2025-03-01 au 2025-04-30)');
    expect(r.conflicts[2]!.message).toContain(
      "la période 2025S1 est semestrielle, plus longue qu'un trimestre",
    );
    expect(r.conflicts[3]!.message).toContain("la période 2025 est annuelle, plus longue qu'un trimestre");
    await node.close();
  });
});

describe('DHIS2 value details', () => {
  test('CSV spacing and quotes as DHIS2 reads them, booleans t/F, follow-up kept and exported', async ({
    tmp,
  }) => {
    const node = await freshNode(tmp, 'cible');
    const r = await importFile(node, fixture('details-2025T1.csv'));
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(await stored(node)).toEqual([
      'ML040101 SAN_CSCOM 2025Q1 = 2 ([suivi DHIS2] ouvert, puis agrandi)',
      'ML040106 GOV_BUDGET_VOTE 2025Q1 = 1',
      'ML040109 GOV_BUDGET_VOTE 2025Q1 = 0 ([suivi DHIS2] vote en mai)',
      'ML040110 SAN_CPN 2025Q1 = 64',
    ]);
    const exported = await exportValueSet(node.db, {
      mapping: await monthlyMapping(node),
      period: '2025Q1',
      level: 'commune',
    });
    const budget = exported.dataValues.filter((v) => v.dataElement === 'bV3tGq9ZkLm');
    expect(budget.map((v) => [v.value, v.followup ?? false, v.comment ?? ''])).toEqual([
      ['true', false, ''],
      ['false', true, 'vote en mai'],
    ]);
    const csv = valueSetCsv(exported.dataValues).split('\n');
    expect(csv[0]).toBe(
      'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,lastupdated,comment,followup,deleted',
    );
    expect(csv.find((l) => l.includes('vote en mai'))).toMatch(/,vote en mai,true,false$/);
    expect(
      JSON.parse(valueSetJson(exported.dataValues)).dataValues.filter(
        (v: { followUp?: boolean }) => v.followUp,
      ),
    ).toHaveLength(2);
    await node.close();
  });

  test('deletes (deleted: true, an empty value) become tombstones through the journal; unmapped or closed ones are findings', async ({
    tmp,
  }) => {
    const node = await freshNode(tmp, 'cible');
    await importFile(node, fixture('details-2025T1.csv'));
    const r = await importFile(node, fixture('suppressions-2025T1.json'));
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.deletes).toBe(2);
    expect(r.importCount).toEqual({ imported: 0, updated: 0, deleted: 2, ignored: 1 });
    expect(r.journalRows).toBe(2);
    const tombstones = await node.db
      .selectFrom('data_value')
      .select(['org_unit_code', 'indicator_code', 'revision', 'channel'])
      .where('deleted', '=', 1)
      .orderBy('org_unit_code')
      .execute();
    expect(tombstones).toEqual([
      { org_unit_code: 'ML040101', indicator_code: 'SAN_CSCOM', revision: 2, channel: 'dhis2' },
      { org_unit_code: 'ML040110', indicator_code: 'SAN_CPN', revision: 2, channel: 'dhis2' },
    ]);

    const unmapped = join(tmp, 'suppression-inconnue.json');
    writeFileSync(
      unmapped,
      JSON.stringify({
        dataValues: [
          {
            dataElement: 'Zz9Unknown1',
            period: '2025Q1',
            orgUnit: 'NNi98chFxP1',
            categoryOptionCombo: 'HllvX50cXC0',
            value: '',
            deleted: true,
          },
        ],
      }),
    );
    const refused = await importFile(node, unmapped);
    expect(refused.conflicts.map((c) => [c.index, c.code])).toEqual([[0, 'DHIS2_UNMAPPED_DATA_ELEMENT']]);

    await node.close();
  });
});

describe('DHIS2 monthly exchange end to end', () => {
  test('monthly compare against the CCC quarter lists the gaps per commune and quarter, with the months, in the gaps file', async ({
    tmp,
  }) => {
    const node = await sourceNode(tmp);
    // The CCC entered SAN_CPN 120 (Baraoueli); DHIS2's months make 40 + 35 + 45 = 120: identical.
    // SAN_CSCOM: CCC 3 (Konobougou), DHIS2 last month 3: identical.
    const r = await compareValueSet(node.db, {
      mapping: await monthlyMapping(node),
      path: fixture('mensuel-2025T1.json'),
    });
    expect(r.periods).toEqual(['2025Q1']);
    expect(r.identical).toBe(2);
    // Teachers: the CCC entered 12 F / 20 M, DHIS2's last month says 13 / 21. What only one side holds is listed too.
    expect(
      r.gaps.map(
        (g) =>
          `${g.kind} ${g.indicator} ${g.unitName}${g.category ? ` ${g.category}` : ''} ${g.oise ?? '-'} ${g.dhis2 ?? '-'}`,
      ),
    ).toEqual([
      'different EDU_ENSEIGNANTS Baraoueli F 12 13',
      'different EDU_ENSEIGNANTS Baraoueli M 20 21',
      'onlyInOise EDU_ENSEIGNANTS Sanando F 7 -',
      'onlyInOise EDU_ENSEIGNANTS Sanando M 9 -',
      'onlyInDhis2 GOV_BUDGET_VOTE Baraoueli - true',
      'onlyInDhis2 HYD_DELAI_REPARATION Baraoueli - 20',
      'onlyInOise SAN_CPN Konobougou 95 -',
      'onlyInOise SAN_CPN Saminé 64 -',
      'onlyInOise SAN_CSCOM Baraoueli 2 -',
      'onlyInOise SAN_CSCOM Saminé 1 -',
      'onlyInOise SAN_CSCOM Sanando 2 -',
      'onlyInOise SAN_CSCOM Tamani 1 -',
    ]);
    expect(r.gaps[0]!.months).toEqual(['2025-01', '2025-02', '2025-03']);
    const weekly = join(tmp, 'hebdo.csv');
    // Saminé entered 64 CPN; DHIS2's twelve weeks sum to 150.
    copyFileSync(fixture('hebdomadaire-2025T1.csv'), weekly);
    const w = await compareValueSet(node.db, { mapping: await monthlyMapping(node), path: weekly });
    const cpn = w.gaps.find((g) => g.indicator === 'SAN_CPN' && g.unit === 'ML040109');
    expect(cpn).toMatchObject({
      kind: 'different',
      unitName: 'Saminé',
      period: '2025Q1',
      oise: '64',
      dhis2: '150',
      gap: 86,
      months: ['2025-01', '2025-02', '2025-03'],
    });
    const gapsFile = join(tmp, 'ecarts.csv');
    writeGapsFile(gapsFile, w);
    const lines = readFileSync(gapsFile, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(lines[0]!.endsWith(';reference_dhis2;mois_dhis2')).toBe(true);
    expect(lines.find((l) => l.includes(';ML040109;'))).toContain(
      ';ligne 2;janvier 2025, février 2025, mars 2025',
    );
    await node.close();
  });

  test('compare takes calendar years against OISE years, and refuses a week over two quarters', async ({
    tmp,
  }) => {
    const node = await sourceNode(tmp);
    const csv = join(tmp, 'annee.csv');
    writeFileSync(
      csv,
      [
        'dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value',
        'kDNlGoYm33w,2025,NNi98chFxP1,HllvX50cXC0,,120',
        'kDNlGoYm33w,2025W14,SUtTnwt2GPa,HllvX50cXC0,,5',
        'kDNlGoYm33w,2025S1,oCnFiO8UAHB,HllvX50cXC0,,5',
      ].join('\n'),
    );
    const r = await compareValueSet(node.db, { mapping: await monthlyMapping(node), path: csv });
    expect(r.periods).toEqual(['2025']);
    // Baraoueli's 120 CPN of 2025T1 are OISE's 2025 so far (a flow: the sum of its quarters).
    expect(r.gaps.find((g) => g.unit === 'ML040101' && g.indicator === 'SAN_CPN')).toBeUndefined();
    expect(r.identical).toBe(1);
    expect(r.findings.map((f) => [f.line, f.code])).toEqual([
      [3, 'DHIS2_PERIOD_STRADDLES'],
      [4, 'DHIS2_PERIOD_TOO_LONG'],
    ]);
    expect(r.findings[1]!.message).toContain('OISE compare des trimestres et des années civiles');
    expect(r.unmapped).toBe(2);
    await node.close();
  });

  test('round trip: monthly import, export JSON and CSV, import on another node, compare: 0 gaps', async ({
    tmp,
  }) => {
    const first = await freshNode(tmp, 'premier');
    await importFile(first, fixture('mensuel-2025T1.json'));
    await importFile(first, fixture('details-2025T1.csv'));
    const mapping = await monthlyMapping(first);
    const exported = await exportValueSet(first.db, { mapping, period: '2025Q1', level: 'commune' });
    const files = {
      json: join(tmp, 'export.json'),
      csv: join(tmp, 'export.csv'),
    };
    writeFileSync(files.json, valueSetJson(exported.dataValues));
    writeFileSync(files.csv, valueSetCsv(exported.dataValues));
    const expected = await stored(first);
    for (const [name, file] of Object.entries(files)) {
      const other = await freshNode(tmp, `autre-${name}`);
      const r = await importFile(other, file);
      expect(r.accepted, name).toBe(true);
      expect(await stored(other), name).toEqual(expected);
      const c = await compareValueSet(other.db, { mapping, path: file });
      expect([c.compared, c.gaps.length], name).toEqual([exported.dataValues.length, 0]);
      await other.close();
    }
    await first.close();
  });
});
