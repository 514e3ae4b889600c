import { describe, expect, it } from 'vitest';
import { countFr, formatMeasureFr, formatNumberFr, formatPercentFr, parseDecimal } from './number-format.js';

describe('French numbers', () => {
  it('formats with a space for thousands and a decimal comma', () => {
    expect(formatNumberFr(1234.5)).toBe('1 234,5');
    expect(formatNumberFr(1234567)).toBe('1 234 567');
    expect(formatPercentFr(0.4567)).toBe('45,7 %');
  });

  it('keeps each precision its own (one formatter kept per number of decimals)', () => {
    const value = 1234.56789;
    const rounds = [0, 3, 1, 2, 0, 3].map((digits) => formatNumberFr(value, digits));
    expect(rounds).toEqual(['1 235', '1 234,568', '1 234,6', '1 234,57', '1 235', '1 234,568']);
  });

  it('reads what French and English spreadsheet users type', () => {
    expect(parseDecimal('12,5')).toBe(12.5);
    expect(parseDecimal('12.5')).toBe(12.5);
    expect(parseDecimal('1 234,5')).toBe(1234.5);
    expect(parseDecimal('1\u00a0234')).toBe(1234);
    expect(parseDecimal('1.234.567,25')).toBe(1234567.25);
    expect(parseDecimal('1,234,567.25')).toBe(1234567.25);
    expect(parseDecimal('-3')).toBe(-3);
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal('douze')).toBeUndefined();
    expect(parseDecimal('12,5,3')).toBeUndefined();
    expect(parseDecimal('1.2.3')).toBeUndefined();
  });

  it('agrees the word with the count: singular for 0 and 1, plural from 2', () => {
    expect(countFr(0, 'ligne')).toBe('0 ligne');
    expect(countFr(1, 'nouveau', 'nouveaux')).toBe('1 nouveau');
    expect(countFr(2, 'nouveau', 'nouveaux')).toBe('2 nouveaux');
    expect(countFr(4955, 'ligne enregistrée', 'lignes enregistrées')).toBe('4 955 lignes enregistrées');
  });

  it('says a value with its unit as a sentence does, never « nombre »', () => {
    expect(formatMeasureFr(4955, 'nombre')).toBe('4 955');
    expect(formatMeasureFr(12.5, '')).toBe('12,5');
    expect(formatMeasureFr(45.5, '%')).toBe('45,5 %');
    expect(formatMeasureFr(1200, 'FCFA')).toBe('1 200 FCFA');
    expect(formatMeasureFr(1, 'jours')).toBe('1 jour');
    expect(formatMeasureFr(12, 'jours')).toBe('12 jours');
    expect(formatMeasureFr(1, 'ans')).toBe('1 an');
  });
});
