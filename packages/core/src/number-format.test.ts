import { describe, expect, it } from 'vitest';
import { formatNumberFr, formatPercentFr, parseDecimal } from './number-format.js';

describe('French numbers', () => {
  it('formats with a space for thousands and a decimal comma', () => {
    expect(formatNumberFr(1234.5)).toBe('1 234,5');
    expect(formatNumberFr(1234567)).toBe('1 234 567');
    expect(formatPercentFr(0.4567)).toBe('45,7 %');
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
});
