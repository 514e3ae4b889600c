import { describe, expect, it } from 'vitest';
import { formatDateFr, formatDateTimeFr } from './date-format.js';

describe('French dates and times (Africa/Bamako)', () => {
  it('writes an instant as a date and a time to the minute', () => {
    expect(formatDateTimeFr('2026-12-02T06:30:00.000Z')).toBe('2 décembre 2026 à 06:30');
    expect(formatDateTimeFr('2026-12-01T08:01:57.706Z')).toBe('1er décembre 2026 à 08:01');
    expect(formatDateTimeFr(new Date('2025-04-10T23:59:00Z'))).toBe('10 avril 2025 à 23:59');
    expect(formatDateTimeFr('2025-01-01T00:00:00Z')).toBe('1er janvier 2025 à 00:00');
  });

  it('writes a calendar date as a day, whatever the time zone of the machine', () => {
    expect(formatDateFr('2025-04-15')).toBe('15 avril 2025');
    expect(formatDateFr('2025-08-01')).toBe('1er août 2025');
    expect(formatDateFr('2025-02-14T23:30:00.000Z')).toBe('14 février 2025');
  });

  it('gives back text that is not a date', () => {
    expect(formatDateTimeFr('bientôt')).toBe('bientôt');
    expect(formatDateFr('—')).toBe('—');
  });
});
