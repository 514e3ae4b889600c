import { describe, expect, it } from 'vitest';
import { monthsOfPeriod, monthsOfQuarter, parseDhis2Period, periodInQuarters } from './dhis2-period.js';

const span = (text: string) => {
  const p = parseDhis2Period(text);
  return p ? `${p.type} ${p.start}..${p.end}` : 'none';
};

describe('DHIS2 periods', () => {
  it('reads each period type DHIS2 writes', () => {
    expect(span('20250115')).toBe('Daily 2025-01-15..2025-01-15');
    expect(span('202502')).toBe('Monthly 2025-02-01..2025-02-28');
    expect(span('202401B')).toBe('BiMonthly 2024-01-01..2024-02-29');
    expect(span('202506B')).toBe('BiMonthly 2025-11-01..2025-12-31');
    expect(span('2025Q2')).toBe('Quarterly 2025-04-01..2025-06-30');
    expect(span('2025NovQ1')).toBe('QuarterlyNov 2024-11-01..2025-01-31');
    expect(span('2025S2')).toBe('SixMonthly 2025-07-01..2025-12-31');
    expect(span('2025AprilS1')).toBe('SixMonthlyApril 2025-04-01..2025-09-30');
    expect(span('2025NovS1')).toBe('SixMonthlyNov 2024-11-01..2025-04-30');
    expect(span('2025')).toBe('Yearly 2025-01-01..2025-12-31');
    expect(span('2025July')).toBe('FinancialJuly 2025-07-01..2026-06-30');
    expect(span('2025april')).toBe('FinancialApril 2025-04-01..2026-03-31');
  });

  it('numbers weeks as DHIS2 does: week 1 holds January 4th, on the type weekday', () => {
    // 2025-01-04 is a Saturday: the Monday week 1 starts on 2024-12-30.
    expect(span('2025W1')).toBe('Weekly 2024-12-30..2025-01-05');
    expect(span('2025W3')).toBe('Weekly 2025-01-13..2025-01-19');
    expect(span('2020W53')).toBe('Weekly 2020-12-28..2021-01-03');
    expect(span('2025W53')).toBe('none');
    expect(span('2025WedW1')).toBe('WeeklyWednesday 2025-01-01..2025-01-07');
    expect(span('2025SunW1')).toBe('WeeklySunday 2024-12-29..2025-01-04');
    expect(span('2025BiW1')).toBe('BiWeekly 2024-12-30..2025-01-12');
    expect(span('2025BiW2')).toBe('BiWeekly 2025-01-13..2025-01-26');
  });

  it('refuses what is no period', () => {
    for (const t of ['202513', '20250230', '202507B', '2025Q5', '2025W0', 'janvier', '2025T1', ''])
      expect(parseDhis2Period(t), t).toBeUndefined();
  });

  it('places periods on quarters: inside, straddling two, or longer', () => {
    const place = (t: string) => periodInQuarters(parseDhis2Period(t)!);
    expect(place('202503')).toEqual({ kind: 'inside', quarter: '2025Q1', isQuarter: false });
    expect(place('2025Q1')).toEqual({ kind: 'inside', quarter: '2025Q1', isQuarter: true });
    expect(place('202501B')).toEqual({ kind: 'inside', quarter: '2025Q1', isQuarter: false });
    expect(place('202502B')).toEqual({ kind: 'straddles', quarters: ['2025Q1', '2025Q2'] });
    expect(place('2025W1')).toEqual({ kind: 'straddles', quarters: ['2024Q4', '2025Q1'] });
    expect(place('2025W14')).toEqual({ kind: 'straddles', quarters: ['2025Q1', '2025Q2'] });
    expect(place('2025W13')).toEqual({ kind: 'inside', quarter: '2025Q1', isQuarter: false });
    expect(place('2025NovQ1')).toEqual({ kind: 'straddles', quarters: ['2024Q4', '2025Q1'] });
    expect(place('2025S1')).toEqual({ kind: 'longer', calendarYear: null });
    expect(place('2025')).toEqual({ kind: 'longer', calendarYear: 2025 });
    expect(place('2025July')).toEqual({ kind: 'longer', calendarYear: null });
  });

  it('lists the months a period has days in', () => {
    expect(monthsOfPeriod(parseDhis2Period('2025W5')!)).toEqual(['2025-01', '2025-02']);
    expect(monthsOfPeriod(parseDhis2Period('2025NovQ1')!)).toEqual(['2024-11', '2024-12', '2025-01']);
    expect(monthsOfQuarter({ year: 2025, quarter: 4 })).toEqual(['2025-10', '2025-11', '2025-12']);
  });
});
