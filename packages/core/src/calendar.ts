import { type Quarter, addDays, quarterEnd, quarterStart } from './quarter.js';

/**
 * The quarter calendar: days after the quarter's last day by which each level must have sent.
 * Defaults from the design; a node may override them in its settings.
 */
export interface QuarterCalendar {
  cercleDueDays: number;
  regionDueDays: number;
  nationalDueDays: number;
}

export const DEFAULT_CALENDAR: QuarterCalendar = {
  cercleDueDays: 15,
  regionDueDays: 30,
  nationalDueDays: 45,
};

export interface QuarterDeadlines {
  opens: string;
  ends: string;
  cercleDue: string;
  regionDue: string;
  nationalDue: string;
}

export function quarterDeadlines(q: Quarter, calendar: QuarterCalendar = DEFAULT_CALENDAR): QuarterDeadlines {
  const ends = quarterEnd(q);
  return {
    opens: quarterStart(q),
    ends,
    cercleDue: addDays(ends, calendar.cercleDueDays),
    regionDue: addDays(ends, calendar.regionDueDays),
    nationalDue: addDays(ends, calendar.nationalDueDays),
  };
}

/** True when `receivedAt` (ISO date or timestamp) is on or before the due date `due` (ISO date). */
export function isOnTime(receivedAt: string, due: string): boolean {
  return receivedAt.slice(0, 10) <= due;
}
