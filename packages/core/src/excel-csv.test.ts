import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import { describe, expect, it } from 'vitest';
import {
  csvCell,
  csvNumberFr,
  csvText,
  excelCsvText,
  readExcelCsv,
  sniffDelimiter,
  writeExcelCsv,
} from './excel-csv.js';

/** Windows-1252 bytes of a text that only uses Latin-1 letters (as French Excel saves a CSV). */
const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('French-Excel CSV, read', () => {
  it('with trim, drops spaces and tabs around fields and unquotes a quoted field after them (as DHIS2 reads CSV)', () => {
    const t = readExcelCsv('a, b ,c\nx, "y, z" ,\t"q""r"\n', '/tmp/d.csv', { trim: true });
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows.map((r) => r.cells)).toEqual([['x', 'y, z', 'q"r']]);
  });

  it('reads a « CSV (séparateur : point-virgule) » of Excel: Windows-1252, CRLF, lines a spreadsheet shows', () => {
    const bytes = latin1('code ; nom\r\nML0402;Barouéli\r\n\r\n;;\r\nML0403;Bla\r\n');
    const table = readExcelCsv(bytes, '/tmp/x/communes.csv');
    expect(table).toMatchObject({
      file: 'communes.csv',
      delimiter: ';',
      header: ['code', 'nom'],
      headerLine: 1,
    });
    // The blank line and the `;;` line are skipped but counted.
    expect(table.rows).toEqual([
      { line: 2, cells: ['ML0402', 'Barouéli'] },
      { line: 5, cells: ['ML0403', 'Bla'] },
    ]);
    expect(table.unreadable).toEqual([]);
  });

  it('reads UTF-8 with a BOM and « Texte Unicode » (UTF-16 with tabs) alike', () => {
    const text = 'code\tnom\nML0402\tBarouéli\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const utf8 = Buffer.from(`\ufeff${text}`, 'utf8');
    for (const bytes of [utf16, utf8]) {
      const table = readExcelCsv(bytes, 'communes.txt');
      expect(table.delimiter).toBe('\t');
      expect(table.header).toEqual(['code', 'nom']);
      expect(table.rows).toEqual([{ line: 2, cells: ['ML0402', 'Barouéli'] }]);
    }
  });

  it('sniffs the separator on the first non-blank line (a file may open with an empty line)', () => {
    expect(sniffDelimiter('a;b;c')).toBe(';');
    expect(sniffDelimiter('a,b,c')).toBe(',');
    expect(sniffDelimiter('a\tb;c')).toBe('\t');
    expect(sniffDelimiter('valeur')).toBe(';');
    const table = readExcelCsv('\r\ncode,nom\r\nML0402,"Barouéli; centre"\r\n', 'c.csv');
    expect(table.delimiter).toBe(',');
    expect(table.headerLine).toBe(2);
    expect(table.rows).toEqual([{ line: 3, cells: ['ML0402', 'Barouéli; centre'] }]);
  });

  it('keeps the cells as written (a rejects file copies them back) and trims the header', () => {
    const table = readExcelCsv(' code ;nom\n ML0402 ; Barouéli\n', 'c.csv');
    expect(table.header).toEqual(['code', 'nom']);
    expect(table.rows[0]?.cells).toEqual([' ML0402 ', ' Barouéli']);
  });

  it('names the line where a record it cannot read starts, and reads the lines before it', () => {
    const table = readExcelCsv('code;nom\nML0402;Barouéli\nML0403;"Bla\nML0404;Ségou\n', 'c.csv');
    expect(table.rows).toEqual([{ line: 2, cells: ['ML0402', 'Barouéli'] }]);
    expect(table.unreadable).toEqual([{ line: 3, reason: 'guillemet non refermé' }]);
    // Blank lines before it count too.
    expect(readExcelCsv('code;nom\nML0402;Barouéli\n\n\nML0403;"Bla\n', 'c.csv').unreadable).toEqual([
      { line: 5, reason: 'guillemet non refermé' },
    ]);
  });

  it('skips `#` comment lines when asked, and the lines after them keep their numbers', () => {
    const text = '# correspondances\ntype;code\n  # une note\nindicateur;SAN_CPN\n';
    expect(readExcelCsv(text, 'm.csv', { comments: true })).toMatchObject({
      header: ['type', 'code'],
      headerLine: 2,
      rows: [{ line: 4, cells: ['indicateur', 'SAN_CPN'] }],
    });
    expect(readExcelCsv(text, 'm.csv').header).toEqual(['# correspondances']);
  });
});

describe('French-Excel CSV, write', () => {
  it('quotes a cell only when it holds a quote, a line break or the separator', () => {
    expect(csvCell('Barouéli', ';')).toBe('Barouéli');
    expect(csvCell('a;b', ';')).toBe('"a;b"');
    expect(csvCell('a;b', ',')).toBe('a;b');
    expect(csvCell('a,b', ',')).toBe('"a,b"');
    expect(csvCell('dit "non"', ';')).toBe('"dit ""non"""');
    expect(csvCell('deux\r\nlignes', ';')).toBe('"deux\r\nlignes"');
  });

  it('writes what a French Excel opens directly: BOM, CRLF after every line', () => {
    expect(
      excelCsvText([
        ['code', 'motif'],
        ['ML0402', 'valeur ; négative'],
      ]),
    ).toBe('\ufeffcode;motif\r\nML0402;"valeur ; négative"\r\n');
    expect(excelCsvText([['a', 'b,c']], ',')).toBe('\ufeffa,"b,c"\r\n');
    expect(
      csvText(
        [
          ['a', 'b'],
          ['1', '2'],
        ],
        ',',
        '\n',
      ),
    ).toBe('a,b\n1,2\n');
  });

  test('reads back what it wrote, cell for cell', ({ tmp }) => {
    const rows = [
      ['code', 'commentaire', 'valeur'],
      ['ML0402', 'dit "non" ; puis\r\noui', '1 234,5'],
      ['ML0403', '', '#12'],
    ];
    const path = join(tmp, 'aller-retour.csv');
    writeExcelCsv(path, rows);
    expect(readFileSync(path, 'utf8').startsWith('\ufeffcode;commentaire;valeur\r\n')).toBe(true);
    const back = readExcelCsv(readFileSync(path), path);
    expect([back.header, ...back.rows.map((r) => r.cells)]).toEqual(rows);
  });
});

describe('numbers in a French Excel CSV', () => {
  it('decimal comma, no grouping, empty for no figure', () => {
    expect([1250, 12.5, 0.1 + 0.2, -3.25, 1234567, null, Number.NaN].map(csvNumberFr)).toEqual([
      '1250',
      '12,5',
      '0,3',
      '-3,25',
      '1234567',
      '',
      '',
    ]);
  });
});
