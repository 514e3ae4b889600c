import { describe, expect, test } from 'vitest';
import { formatBytes, formatCount, formatDate, formatDateTime, formatPeriod } from './format.js';

describe('French formats of the pages', () => {
  test('dates in Bamako time, the first of the month as « 1er », sizes and counts with French digits', () => {
    expect(formatDateTime('2025-04-10T09:05:00.000Z')).toBe('10 avril 2025 à 09:05');
    expect(formatDateTime('2025-07-01T23:30:00.000Z')).toBe('1er juillet 2025 à 23:30');
    expect(formatDate('2025-04-15')).toBe('15 avril 2025');
    expect(formatDate('2025-10-01T00:00:00Z')).toBe('1er octobre 2025');
    expect(formatDate('pas une date')).toBe('pas une date');
    expect(formatBytes(1)).toBe('1 octet');
    expect(formatBytes(830)).toBe('830 octets');
    expect(formatBytes(9_523)).toBe('9,3 Ko');
    expect(formatBytes(5 * 1024 * 1024 + 200_000)).toBe('5,2 Mo');
    expect(formatCount(12_345)).toBe('12 345');
  });

  test('in English: en-GB dates still in Bamako time, English digits and units, English quarters', () => {
    expect(formatDateTime('2025-07-01T23:30:00.000Z', 'en')).toBe('1 July 2025 at 23:30');
    expect(formatDate('2025-04-15', 'en')).toBe('15 April 2025');
    expect(formatBytes(830, 'en')).toBe('830 bytes');
    expect(formatBytes(9_523, 'en')).toBe('9.3 KB');
    expect(formatCount(12_345, 'en')).toBe('12,345');
    expect(formatPeriod('2025Q1', 'en')).toBe('1st quarter 2025');
    expect(formatPeriod('2025Q1')).toBe('1er trimestre 2025');
  });
});
