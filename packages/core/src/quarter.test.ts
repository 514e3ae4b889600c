import { describe, expect, it } from 'vitest';
import { quarterDeadlines } from './calendar.js';
import {
  addQuarters,
  formatQuarter,
  formatQuarterFr,
  lastQuarters,
  normalizeQuarter,
  parsePeriod,
  quarterEnd,
  quarterLabel,
  quarterOf,
  quarterStart,
  tryParseQuarter,
} from './quarter.js';

describe('quarters', () => {
  it('reads 2025Q1, 2025T1 and loose spellings alike', () => {
    expect(normalizeQuarter('2025Q1')).toBe('2025Q1');
    expect(normalizeQuarter('2025T3')).toBe('2025Q3');
    expect(normalizeQuarter(' 2025 t4 ')).toBe('2025Q4');
    expect(normalizeQuarter('2025-Q2')).toBe('2025Q2');
    expect(tryParseQuarter('2025Q5')).toBeUndefined();
    expect(tryParseQuarter('T1 2025')).toBeUndefined();
    expect(() => normalizeQuarter('janvier')).toThrow(/par exemple 2025T1\./);
  });

  it('shows a quarter in French text as users write it (2025T1); a year passes through', () => {
    expect(formatQuarterFr('2025Q1')).toBe('2025T1');
    expect(formatQuarterFr({ year: 2024, quarter: 4 })).toBe('2024T4');
    expect(formatQuarterFr('2025t2')).toBe('2025T2');
    expect(formatQuarterFr('2025')).toBe('2025');
  });

  it('labels quarters in French and English', () => {
    expect(quarterLabel('2025Q1')).toBe('1er trimestre 2025');
    expect(quarterLabel('2024T2')).toBe('2e trimestre 2024');
    expect(quarterLabel('2024Q3', 'en')).toBe('3rd quarter 2024');
  });

  it('does quarter arithmetic across years', () => {
    expect(formatQuarter(addQuarters({ year: 2024, quarter: 4 }, 1))).toBe('2025Q1');
    expect(formatQuarter(addQuarters({ year: 2025, quarter: 1 }, -5))).toBe('2023Q4');
    expect(lastQuarters({ year: 2025, quarter: 2 }, 4).map(formatQuarter)).toEqual([
      '2024Q3',
      '2024Q4',
      '2025Q1',
      '2025Q2',
    ]);
    expect(quarterStart({ year: 2024, quarter: 1 })).toBe('2024-01-01');
    expect(quarterEnd({ year: 2024, quarter: 1 })).toBe('2024-03-31');
    expect(quarterEnd({ year: 2024, quarter: 4 })).toBe('2024-12-31');
    expect(formatQuarter(quarterOf('2025-08-15'))).toBe('2025Q3');
  });

  it('computes the calendar deadlines of the design', () => {
    const d = quarterDeadlines({ year: 2025, quarter: 1 });
    expect(d).toEqual({
      opens: '2025-01-01',
      ends: '2025-03-31',
      cercleDue: '2025-04-15',
      regionDue: '2025-04-30',
      nationalDue: '2025-05-15',
    });
  });

  it('parses years and quarters as periods', () => {
    expect(parsePeriod('2025')).toEqual({ kind: 'year', year: 2025 });
    expect(parsePeriod('2025T2')).toEqual({ kind: 'quarter', quarter: { year: 2025, quarter: 2 } });
  });
});
