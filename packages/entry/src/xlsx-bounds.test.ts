import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_NOW, makeTestNode, test, writeZipFile } from '@oise/testkit';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { cercleQuarter } from './cercle-quarter.js';
import { type ImportProgress, importEntryFiles } from './import-files.js';
import { TABLE_MAX_BYTES, TABLE_MAX_ROWS, readTableFile } from './table-file.js';
import { XLSX_MAX_CELLS, XLSX_MAX_INFLATED_BYTES, XLSX_MAX_ROWS, checkXlsxBounds } from './xlsx-bounds.js';

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
    expect(XLSX_MAX_INFLATED_BYTES).toBe(16 * MIB);
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
    expect(refused.findings[0]!.message).toMatch(/se décompresse en plus de 16 Mio.*rien n'en a été lu/);
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

describe('rows, cells and CSV size are bounded before anything is checked', () => {
  test('rows and cells of the sheets are counted as they inflate; a CSV is bounded before it is read', async ({
    tmp,
  }) => {
    // 3 000 rows of 7 cells, one sheet: counted exactly, whatever the chunk boundaries.
    const row = (r: number) =>
      `<row r="${r}">${Array.from({ length: 7 }, (_, c) => `<c r="${'ABCDEFG'[c]}${r}" t="n"><v>${c}</v></c>`).join('')}</row>`;
    const xml = `<worksheet><cols><col min="1"/></cols><sheetData>${Array.from({ length: 3000 }, (_, i) => row(i + 1)).join('')}</sheetData></worksheet>`;
    const sheet = join(tmp, 'feuille.xlsx');
    writeZipFile(sheet, [{ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(xml) }]);
    expect(await checkXlsxBounds(sheet)).toMatchObject({ kind: 'ok', rows: 3000, cells: 21_000 });
    expect(await checkXlsxBounds(sheet, { maxRows: 2999 })).toMatchObject({
      kind: 'too-large',
      limit: 'rows',
    });
    expect(await checkXlsxBounds(sheet, { maxCells: 20_000 })).toMatchObject({
      kind: 'too-large',
      limit: 'cells',
    });
    expect([XLSX_MAX_ROWS, XLSX_MAX_CELLS]).toEqual([40_000, 150_000]);

    // The same import path refuses it with the limit in French, nothing read.
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const many = join(tmp, 'saisie-lignes.xlsx');
    const rows = Array.from(
      { length: 41_000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`,
    );
    writeZipFile(many, [
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`<sheetData>${rows.join('')}</sheetData>`) },
    ]);
    const refused = await importEntryFiles(node.db, { node: CERCLE, files: [many], now: TEST_NOW });
    expect(refused.findings).toMatchObject([{ code: 'WORKBOOK_TOO_LARGE', severity: 'error' }]);
    expect(refused.findings[0]!.message).toMatch(/plus de 40 000 lignes \(la limite/);
    expect(refused.written).toBe(false);

    // A CSV past its size is refused from its size alone; past its rows, before any row is checked.
    const big = join(tmp, 'gros.csv');
    writeFileSync(big, Buffer.alloc(TABLE_MAX_BYTES + 1, 0x41));
    expect(readTableFile(big).findings).toMatchObject([{ code: 'CSV_TOO_LARGE' }]);
    expect(readTableFile(big).findings[0]!.message).toMatch(/limite de 8 Mio/);
    const long = join(tmp, 'long.csv');
    const line = 'ML040101;SAN_CSCOM;2025Q1;5\n';
    writeFileSync(
      long,
      `code_collectivite;code_indicateur;periode;valeur\n${line.repeat(TABLE_MAX_ROWS + 1)}`,
    );
    const table = readTableFile(long);
    expect(table.rows).toEqual([]);
    expect(table.findings[0]!.message).toMatch(/limite de 60 000/);
  });
});
