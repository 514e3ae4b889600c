import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeTextFile } from '@oise/core';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { importEntryFiles } from './import-files.js';

const CSV =
  'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire\r\nML040101;SAN_CSCOM;2025T1;;3;Vérifié à Ségou\r\n';

describe('text encodings that Excel writes', () => {
  test('UTF-8, UTF-16 « Texte Unicode » and Windows-1252 « CSV (point-virgule) » all read the same', () => {
    const utf8 = Buffer.from(`\ufeff${CSV}`, 'utf8');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CSV, 'utf16le')]);
    // é and à have the same byte in Latin-1 and Windows-1252.
    const cp1252 = Buffer.from(CSV, 'latin1');
    expect(decodeTextFile(utf8).encoding).toBe('utf-8');
    expect(decodeTextFile(utf16)).toEqual({ text: CSV, encoding: 'utf-16le' });
    expect(decodeTextFile(cp1252)).toEqual({ text: CSV, encoding: 'windows-1252' });
  });

  test('a French Excel CSV saved in Windows-1252 imports with its accents intact', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const file = join(tmp, 'excel-ansi.csv');
    writeFileSync(file, Buffer.from(CSV, 'latin1'));
    const result = await importEntryFiles(node.db, {
      node: { code: 'ML0401', level: 'cercle' },
      files: [file],
      now: '2025-04-10T09:00:00.000Z',
    });
    expect(result.accepted).toBe(true);
    const row = await node.db.selectFrom('data_value').select(['value', 'comment']).executeTakeFirstOrThrow();
    expect(row).toEqual({ value: 3, comment: 'Vérifié à Ségou' });
    await node.close();
  });
});
