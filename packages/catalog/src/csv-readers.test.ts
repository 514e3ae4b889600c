import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { DEFAULT_CATALOG_PATH, readIndicatorCatalog } from './indicator-catalog.js';
import { readTerritoryFile } from './territory-import.js';

/** Windows-1252 bytes of a text (the accents of « Barouéli »), as an older Excel saves a CSV. */
const cp1252 = (text: string) => Buffer.from(text.replace(/é/g, '\u00e9'), 'latin1');

// Both catalog files go through core's one reader of Excel's CSV (readExcelCsv): the same
// encodings, separators, blank lines and line numbers for the territory and the indicators.
describe("the catalog's CSV files, read as Excel saves them", () => {
  test('a territory saved by French Excel (Windows-1252, « ; », CRLF, blank lines) keeps its names and lines', ({
    tmp,
  }) => {
    const file = join(tmp, 'territoire.csv');
    writeFileSync(
      file,
      cp1252(
        [
          'region_code;region_name;cercle_code;cercle_name;commune_code;commune_name',
          'ML04;Ségou;ML0401;Barouéli;ML040101;Barouéli',
          ';;;;;',
          '',
          'ML04;Ségou;ML0401;Barouéli;ML040199;',
        ].join('\r\n'),
      ),
    );
    const error = (() => {
      try {
        readTerritoryFile(file);
      } catch (e) {
        return e as { code: string; context: { findings: { line: number; message: string }[] } };
      }
    })();
    expect(error?.code).toBe('TERRITORY_INVALID');
    // The line a spreadsheet shows (5), blank lines counted.
    expect(error?.context.findings).toEqual([
      expect.objectContaining({ line: 5, message: 'nom vide pour « ML040199 ».' }),
    ]);
    writeFileSync(file, cp1252(readFileSync(file, 'latin1').split('\r\n').slice(0, 2).join('\r\n')));
    expect(readTerritoryFile(file).map((u) => u.name)).toEqual(['Mali', 'Ségou', 'Barouéli', 'Barouéli']);
  });

  test('a territory with an unclosed quote is refused naming its line', ({ tmp }) => {
    const file = join(tmp, 'territoire.csv');
    writeFileSync(
      file,
      'region_code,region_name,cercle_code,cercle_name,commune_code,commune_name\nML04,Ségou,ML0401,"Barouéli,ML040101,Barouéli\n',
    );
    expect(() => readTerritoryFile(file)).toThrowError(
      expect.objectContaining({
        code: 'TERRITORY_CSV_INVALID',
        message: expect.stringContaining('ligne 2 : guillemet non refermé'),
      }),
    );
  });

  test('the indicator catalog reads the same from UTF-8 with BOM and CRLF as from the shipped file', ({
    tmp,
  }) => {
    const shipped = readIndicatorCatalog();
    expect(shipped.length).toBeGreaterThan(100);
    const file = join(tmp, 'indicateurs.csv');
    const text = readFileSync(DEFAULT_CATALOG_PATH, 'utf8');
    const lines = text.split(/\r?\n/);
    // A blank line after the header: the next definitions' lines are still those Excel shows.
    writeFileSync(file, `\ufeff${[lines[0], '', ...lines.slice(1)].join('\r\n')}`);
    expect(readIndicatorCatalog(file)).toEqual(shipped);
    writeFileSync(file, [lines[0], '', lines[1]?.replace(';sante;', ';santé publique;')].join('\r\n'));
    expect(() => readIndicatorCatalog(file)).toThrowError(
      /indicateurs\.csv, ligne 3 : domaine « santé publique » inconnu/,
    );
  });
});
