import { describe, expect, it } from 'vitest';
import { columnLetter } from './column-letters.js';

describe('columnLetter', () => {
  it('names columns as a spreadsheet does, past Z too', () => {
    expect([1, 2, 26, 27, 28, 52, 53, 702, 703, 16384].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
      'XFD',
    ]);
  });
});
