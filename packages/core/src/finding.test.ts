import { describe, expect, it } from 'vitest';
import { describeFinding, makeFinding } from './finding.js';

describe('findings', () => {
  it('point at a line of a file or a sheet, with its column letter', () => {
    const f = makeFinding(
      { file: 'saisie.xlsx', sheet: 'Santé', line: 4, column: 'E' },
      'error',
      'VALUE_NEGATIVE',
      'valeur négative.',
    );
    expect(describeFinding(f)).toBe(
      'saisie.xlsx, feuille « Santé », ligne 4, colonne E : [refusé VALUE_NEGATIVE] valeur négative.',
    );
    const cells = makeFinding({ file: 's.xlsx', line: 7, column: 'AA, AC et AE' }, 'error', 'X', 'm.');
    expect(describeFinding(cells)).toBe('s.xlsx, ligne 7, colonnes AA, AC et AE : [refusé X] m.');
    const whole = makeFinding({ file: 'v.csv', line: 1, column: '' }, 'warning', 'X', 'ligne entière.');
    expect(describeFinding(whole)).toBe('v.csv, ligne 1 : [attention X] ligne entière.');
  });

  it('point at an entry of a JSON data value set by its index and property', () => {
    const f = makeFinding(
      { file: 'valeurs.json', index: 3, column: 'value' },
      'error',
      'VALUE_NEGATIVE',
      'négative.',
    );
    expect(describeFinding(f)).toBe(
      'valeurs.json, dataValues[3], champ value : [refusé VALUE_NEGATIVE] négative.',
    );
    expect(describeFinding({ ...f, column: '' })).toBe(
      'valeurs.json, dataValues[3] : [refusé VALUE_NEGATIVE] négative.',
    );
  });

  it('carry only the place they know, in a stable key order (what --json prints)', () => {
    const f = makeFinding({ file: 'v.csv', line: 2, column: 'C' }, 'error', 'X', 'm');
    expect(JSON.stringify(f)).toBe(
      '{"file":"v.csv","line":2,"column":"C","severity":"error","code":"X","message":"m"}',
    );
    const json = makeFinding({ file: 'v.json', index: 0, column: '' }, 'warning', 'Y', 'm');
    expect(Object.keys(json)).toEqual(['file', 'index', 'column', 'severity', 'code', 'message']);
  });
});
