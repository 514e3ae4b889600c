import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_NOW, makeTestNode, test, writeZipFile } from '@oise/testkit';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { cercleQuarter } from './cercle-quarter.js';
import { type ImportProgress, importEntryFiles } from './import-files.js';
import { XLSX_MAX_INFLATED_BYTES, checkXlsxBounds } from './xlsx-bounds.js';

const CERCLE = { code: 'ML0401', level: 'cercle' as const };
const MIB = 1024 * 1024;

describe('an xlsx is bounded before exceljs inflates it', () => {
  test('a real workbook passes; a zip declaring too much, or inflating beyond what it declares, does not', async ({
    tmp,
  }) => {
    const real = join(tmp, 'vrai.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Feuille').getCell('A1').value = 'bonjour';
    await wb.xlsx.writeFile(real);
    const ok = await checkXlsxBounds(real);
    expect(ok.kind).toBe('ok');
    expect(ok.kind === 'ok' && ok.entries).toBeGreaterThan(3);

    // Honest about its size, but far more than a workbook: refused from the central directory alone.
    const big = join(tmp, 'gros.xlsx');
    writeZipFile(big, [{ name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(2 * MIB) }]);
    expect(await checkXlsxBounds(big, { maxInflatedBytes: MIB })).toMatchObject({
      kind: 'too-large',
      entries: 1,
      inflated: 2 * MIB,
    });
    expect(XLSX_MAX_INFLATED_BYTES).toBe(128 * MIB);
    // Too many parts: refused before anything is inflated.
    expect(await checkXlsxBounds(real, { maxEntries: 2 })).toMatchObject({ kind: 'too-large' });

    // A liar: says 1 Kio, inflates to 2 Mio.
    const liar = join(tmp, 'bombe.xlsx');
    writeZipFile(liar, [{ name: '[Content_Types].xml', data: Buffer.alloc(2 * MIB), declaredSize: 1024 }]);
    const lied = await checkXlsxBounds(liar);
    expect(lied.kind).toBe('too-large');

    const text = join(tmp, 'texte.xlsx');
    writeFileSync(text, 'ceci est une lettre, pas un classeur');
    expect(await checkXlsxBounds(text)).toEqual({ kind: 'not-zip' });
    const cut = join(tmp, 'coupe.xlsx');
    writeFileSync(cut, Buffer.from(await wb.xlsx.writeBuffer()).subarray(0, 300));
    expect(await checkXlsxBounds(cut)).toEqual({ kind: 'not-zip' });
  });

  test('the import refuses a zip bomb with a French finding and writes nothing; progress is told', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const bomb = join(tmp, 'saisie-bombe.xlsx');
    writeZipFile(bomb, [
      { name: '[Content_Types].xml', data: Buffer.alloc(32 * MIB), declaredSize: 2048 },
      { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
    ]);
    const refused = await importEntryFiles(node.db, {
      node: CERCLE,
      files: [bomb],
      now: TEST_NOW,
      partial: true,
    });
    expect(refused.findings).toMatchObject([{ code: 'WORKBOOK_TOO_LARGE', severity: 'error', line: 1 }]);
    expect(refused.findings[0]!.message).toMatch(/se décompresse en plus de 128 Mio.*rien n'en a été lu/);
    expect(refused.written).toBe(false);
    expect(await node.db.selectFrom('data_value').selectAll().execute()).toEqual([]);

    const csv = join(tmp, 'saisie.csv');
    writeFileSync(csv, 'code_collectivite;code_indicateur;periode;valeur\nML040101;SAN_CSCOM;2025Q1;5\n');
    const steps: ImportProgress[] = [];
    const done = await importEntryFiles(node.db, {
      node: CERCLE,
      files: [csv],
      now: TEST_NOW,
      onProgress: (p) => steps.push(p),
    });
    expect(done.written).toBe(true);
    expect(steps).toEqual([
      { done: 0, total: 3, step: 'lecture de saisie.csv' },
      { done: 1, total: 3, step: 'vérification de 1 ligne' },
      { done: 2, total: 3, step: 'enregistrement' },
    ]);
  });
});

describe('cercleQuarter', () => {
  test('the cercle of a quarter in its territory, or the French refusal of a region or a missing territory', async ({
    tmp,
  }) => {
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
    const q = await cercleQuarter(cercle.db, CERCLE, '2025T1', 'la saisie se fait');
    expect([q.quarter, q.previous, q.cercle.code, q.cercle.name]).toEqual([
      '2025Q1',
      '2024Q4',
      'ML0401',
      'Barouéli',
    ]);
    expect(q.hierarchy.descendantsAt('ML0401', 'commune').length).toBeGreaterThan(0);
    await expect(
      cercleQuarter(
        cercle.db,
        { code: 'ML04', level: 'region' },
        '2025Q1',
        'les fiches de collecte se préparent',
      ),
    ).rejects.toMatchObject({
      code: 'TEMPLATE_NOT_CERCLE',
      message: expect.stringMatching(
        /^les fiches de collecte se préparent sur le nœud d'un cercle \(CCC\) ; ce nœud est régional\./,
      ),
    });
    await expect(
      cercleQuarter(cercle.db, { code: 'ML0499', level: 'cercle' }, '2025Q1', 'la saisie se fait'),
    ).rejects.toMatchObject({ code: 'TEMPLATE_NO_TERRITORY' });
  });
});
