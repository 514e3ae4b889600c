import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA, TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { importEntryFiles } from './import-files.js';
import { readMalianSide, regionHint } from './partnership-file.js';

describe('partnership import', () => {
  test('reads the Malian side and the region column as the guide writes them', () => {
    expect(readMalianSide('C. Douentza')).toEqual({ name: 'douentza', level: 'cercle' });
    expect(readMalianSide('Rég. Kayes')).toEqual({ name: 'kayes', level: 'region' });
    expect(readMalianSide('Commune de Ouagadou (cercle de Nara)')).toEqual({
      name: 'ouagadou',
      level: 'commune',
      cercle: 'nara',
    });
    expect(regionHint('3è')).toEqual({ code: 'ML03' });
    expect(regionHint('1 ere')).toEqual({ code: 'ML01' });
    expect(regionHint('D')).toEqual({ code: 'ML09', district: true });
    expect(regionHint('Mali)')).toBe('unreadable');
    expect(regionHint('2ème 1ère')).toBe('unreadable');
  });

  test.skipIf(!SHARED_DATA.available)(
    'accepts the guide’s list as published at national, listing unreadable rows with line and reason (needs ../shared/data)',
    async ({ tmp }) => {
      const node = await makeTestNode(tmp, 'national', 'ML', { territoryFile: SHARED_DATA.communes });
      const result = await importEntryFiles(node.db, {
        node: { code: 'ML', level: 'national' },
        files: [SHARED_DATA.partnerships],
        now: TEST_NOW,
      });
      expect(result.errors).toBe(0);
      expect(result.written).toBe(true);
      const stored = await node.db.selectFrom('partnership').selectAll().execute();
      const report = result.files[0]!;
      expect(report.kind).toBe('partnerships');
      expect(report.stored).toBe(stored.length);
      expect(report.stored + report.skipped).toBe(report.rows);
      expect(stored.length).toBeGreaterThan(60);
      const byCode = (code: string) => result.findings.filter((f) => f.code === code);
      // « Albens Nérékoro | Mali » (line 4): the Malian side is only the country.
      expect(byCode('PARTNERSHIP_MALI_ONLY').map((f) => f.line)).toContain(4);
      // « Campouriez | Sammanguiraye | Mali »: the region column holds the country, columns shifted.
      expect(byCode('PARTNERSHIP_SHIFTED_COLUMNS').length).toBeGreaterThan(0);
      expect(result.findings.every((f) => (f.line ?? 0) > 1 && f.message.length > 20)).toBe(true);
      const angouleme = stored.find((p) => p.partner_name === 'Angoulême');
      expect(angouleme).toMatchObject({
        partner_country: 'France',
        partner_level: 'commune',
        since_year: 1985,
        owner: 'ML',
      });
      expect(angouleme!.org_unit_code.startsWith('ML04')).toBe(true);
      const bamako = stored.find((p) => p.partner_name === 'Bordeaux');
      expect(bamako).toMatchObject({
        org_unit_code: 'ML09',
        since_year: 2000,
        url: 'http://www.mairie-bordeaux.fr',
      });
      const again = await importEntryFiles(node.db, {
        node: { code: 'ML', level: 'national' },
        files: [SHARED_DATA.partnerships],
        now: TEST_NOW,
      });
      expect(again.journalRows).toBe(0);
      await node.close();
    },
  );

  test('at a cercle, only the cercle’s partnerships go in; the others are reported as out of scope', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const path = join(tmp, 'partenariats.tsv');
    writeFileSync(
      path,
      [
        'section\tcollectivite_partenaire\tcollectivite_malienne\tregion_malienne\torigine\tadresse',
        'COMMUNES DE FRANCE\tVillefranche\tKonobougou\t4è\t1992 et 2001\tTel : 04 00 00 00 00',
        'COMMUNES DE FRANCE\tAngoulême\tSégou\t4è\t1985\thttp://www.mairie-angouleme.fr',
        'COMMUNES DE FRANCE\tEmerainville\tMali\tMali\t-\t',
        'COMMUNES DE FRANCE\tNulle part\tTombouctou-sur-Mer\t6è\t-\t',
      ].join('\r\n'),
    );
    const result = await importEntryFiles(node.db, {
      node: { code: 'ML0401', level: 'cercle' },
      files: [path],
      now: TEST_NOW,
    });
    expect(result.findings.map((f) => [f.line, f.code])).toEqual([
      [3, 'PARTNERSHIP_OUT_OF_SCOPE'],
      [4, 'PARTNERSHIP_MALI_ONLY'],
      [5, 'PARTNERSHIP_UNKNOWN_COLLECTIVITY'],
    ]);
    const stored = await node.db.selectFrom('partnership').selectAll().execute();
    expect(stored).toMatchObject([
      {
        org_unit_code: 'ML040106',
        partner_name: 'Villefranche',
        partner_country: 'France',
        since_year: 1992,
        contact: 'Tel : 04 00 00 00 00',
        owner: 'ML0401',
      },
    ]);
    await node.close();
  });
});
