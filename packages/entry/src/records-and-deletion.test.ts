import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { importEntryFiles } from './import-files.js';
import { writeEntryWorkbook } from './workbook-template.js';

const CERCLE = { code: 'ML0401', level: 'cercle' as const };

describe('record lists and deletions', () => {
  test('a training CSV is checked field by field; valid lines are stored with a stable id', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const path = join(tmp, 'formations.csv');
    writeFileSync(
      path,
      [
        'code_collectivite;periode;theme;date_debut;date_fin;jours;participants_f;participants_m;public_cible;financeur',
        'Konobougou;2025T1;Maîtrise d’ouvrage;14/02/2025;16/02/2025;3;4;11;Élus;ANICT',
        'ML040109;2025Q1;État civil;2025-03-02;2025-03-01;1;2;3;élus;',
        'ML040110;2025Q1;Budget;31/02/2025;;2;1;1;Journalistes;',
      ].join('\r\n'),
    );
    const result = await importEntryFiles(node.db, {
      node: CERCLE,
      files: [path],
      now: TEST_NOW,
      partial: true,
    });
    expect(result.files[0]).toMatchObject({ kind: 'trainings', stored: 1, refused: 2 });
    expect(result.findings.map((f) => [f.line, f.column, f.code])).toEqual([
      [3, 'E', 'DATES_INVERTED'],
      [4, 'D', 'DATE_INVALID'],
      [4, 'I', 'ENUM_INVALID'],
    ]);
    const rows = await node.db.selectFrom('training_action').selectAll().execute();
    expect(rows).toMatchObject([
      {
        org_unit_code: 'ML040106',
        start_date: '2025-02-14',
        end_date: '2025-02-16',
        days: 3,
        participants_f: 4,
        participants_m: 11,
        target_group: 'elus',
        funder: 'ANICT',
        revision: 1,
      },
    ]);
    expect(rows[0]!.id).toMatch(/^formation-[0-9a-f]{16}$/);
    await node.close();
  });

  test('clearing a pre-filled cell deletes the stored value (tombstone, revision + 1, journaled)', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const csv = join(tmp, 'v.csv');
    writeFileSync(
      csv,
      'code_collectivite;code_indicateur;periode;valeur\nML040101;SAN_CSCOM;2025Q1;2\nML040106;SAN_CSCOM;2025Q1;3\n',
    );
    await importEntryFiles(node.db, { node: CERCLE, files: [csv], now: TEST_NOW });
    const out = join(tmp, 'saisie.xlsx');
    expect(
      (await writeEntryWorkbook(node.db, { node: CERCLE, quarter: '2025Q1', now: TEST_NOW, out })).prefilled,
    ).toBe(2);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Santé')!;
    // Row 5 is the first commune (ML040101), column C the first entry column (SAN_CSCOM).
    expect(ws.getCell('A5').value).toBe('ML040101');
    expect(ws.getCell('C5').value).toBe(2);
    ws.getCell('C5').value = null;
    await wb.xlsx.writeFile(out);
    const result = await importEntryFiles(node.db, {
      node: CERCLE,
      files: [out],
      now: '2025-04-11T08:00:00.000Z',
    });
    expect(result.counts.dataValues).toMatchObject({ deleted: 1, unchanged: 1, inserted: 0 });
    const row = await node.db
      .selectFrom('data_value')
      .selectAll()
      .where('org_unit_code', '=', 'ML040101')
      .where('indicator_code', '=', 'SAN_CSCOM')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ deleted: 1, value: null, revision: 2, channel: 'xlsx' });
    const journal = await node.db
      .selectFrom('journal')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(journal).toMatchObject({
      table_name: 'data_value',
      old_value: '{"value":2,"comment":null}',
      new_value: null,
      old_revision: 1,
      new_revision: 2,
    });
    // Importing the same workbook again deletes nothing more.
    expect((await importEntryFiles(node.db, { node: CERCLE, files: [out], now: TEST_NOW })).journalRows).toBe(
      0,
    );
    await node.close();
  });
});
