import { type Quarter, formatQuarter, quarterOf } from './quarter.js';

/**
 * DHIS2's period types (dhis2-core `org.hisp.dhis.period`, ISO formats of `getIsoFormat()`),
 * on the ISO calendar. Weeks follow `DateUnitPeriodTypeParser`: week 1 is the week, starting
 * on the type's weekday, that holds January 4th (`WeekFields.of(day, 4)`).
 */
export type Dhis2PeriodType =
  | 'Daily'
  | 'Weekly'
  | 'WeeklyWednesday'
  | 'WeeklyThursday'
  | 'WeeklyFriday'
  | 'WeeklySaturday'
  | 'WeeklySunday'
  | 'BiWeekly'
  | 'Monthly'
  | 'BiMonthly'
  | 'Quarterly'
  | 'QuarterlyNov'
  | 'SixMonthly'
  | 'SixMonthlyApril'
  | 'SixMonthlyNov'
  | 'Yearly'
  | 'FinancialFeb'
  | 'FinancialApril'
  | 'FinancialJuly'
  | 'FinancialAug'
  | 'FinancialSep'
  | 'FinancialOct'
  | 'FinancialNov';

/** A DHIS2 period as read: its type, and its first and last day (ISO dates, both included). */
export interface Dhis2Period {
  text: string;
  type: Dhis2PeriodType;
  start: string;
  end: string;
}

/** The type in French, for messages: « mensuelle », « hebdomadaire »… */
export const DHIS2_PERIOD_TYPE_FR: Record<Dhis2PeriodType, string> = {
  Daily: 'journalière',
  Weekly: 'hebdomadaire',
  WeeklyWednesday: 'hebdomadaire (semaines du mercredi)',
  WeeklyThursday: 'hebdomadaire (semaines du jeudi)',
  WeeklyFriday: 'hebdomadaire (semaines du vendredi)',
  WeeklySaturday: 'hebdomadaire (semaines du samedi)',
  WeeklySunday: 'hebdomadaire (semaines du dimanche)',
  BiWeekly: 'bi-hebdomadaire',
  Monthly: 'mensuelle',
  BiMonthly: 'bimestrielle',
  Quarterly: 'trimestrielle',
  QuarterlyNov: 'trimestrielle (trimestres de novembre)',
  SixMonthly: 'semestrielle',
  SixMonthlyApril: "semestrielle (semestres d'avril)",
  SixMonthlyNov: 'semestrielle (semestres de novembre)',
  Yearly: 'annuelle',
  FinancialFeb: 'annuelle (exercice de février)',
  FinancialApril: "annuelle (exercice d'avril)",
  FinancialJuly: 'annuelle (exercice de juillet)',
  FinancialAug: "annuelle (exercice d'août)",
  FinancialSep: 'annuelle (exercice de septembre)',
  FinancialOct: "annuelle (exercice d'octobre)",
  FinancialNov: 'annuelle (exercice de novembre)',
};

const WEEK_STARTS: Record<string, { type: Dhis2PeriodType; day: number }> = {
  '': { type: 'Weekly', day: 1 },
  WED: { type: 'WeeklyWednesday', day: 3 },
  THU: { type: 'WeeklyThursday', day: 4 },
  FRI: { type: 'WeeklyFriday', day: 5 },
  SAT: { type: 'WeeklySaturday', day: 6 },
  SUN: { type: 'WeeklySunday', day: 7 },
};

const FINANCIAL: Record<string, { type: Dhis2PeriodType; month: number }> = {
  FEB: { type: 'FinancialFeb', month: 2 },
  APRIL: { type: 'FinancialApril', month: 4 },
  JULY: { type: 'FinancialJuly', month: 7 },
  AUG: { type: 'FinancialAug', month: 8 },
  SEP: { type: 'FinancialSep', month: 9 },
  OCT: { type: 'FinancialOct', month: 10 },
  NOV: { type: 'FinancialNov', month: 11 },
};

const DAY = 86_400_000;

function utc(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** First day of `months` months starting at `year`-`month` (month may run past 12). */
function monthSpan(year: number, month: number, months: number): { start: string; end: string } {
  return { start: iso(utc(year, month, 1)), end: iso(utc(year, month + months, 1) - DAY) };
}

/** Monday-based ISO weekday 1–7 of a UTC day. */
function weekday(ms: number): number {
  return ((new Date(ms).getUTCDay() + 6) % 7) + 1;
}

/** First day of week 1 of `year` for weeks starting on `day`: the week holding January 4th. */
function firstWeekStart(year: number, day: number): number {
  const jan4 = utc(year, 1, 4);
  return jan4 - ((weekday(jan4) - day + 7) % 7) * DAY;
}

function weeks(
  year: number,
  n: number,
  day: number,
  length: number,
): { start: string; end: string } | undefined {
  if (n < 1) return undefined;
  const start = firstWeekStart(year, day) + (n - 1) * 7 * DAY;
  if (start + (length * 7 - 7) * DAY >= firstWeekStart(year + 1, day)) return undefined;
  return { start: iso(start), end: iso(start + length * 7 * DAY - DAY) };
}

/**
 * Reads a DHIS2 period (`20250115`, `2025W3`, `2025WedW3`, `2025BiW2`, `202501`, `202501B`,
 * `2025Q1`, `2025NovQ1`, `2025S1`, `2025AprilS1`, `2025NovS1`, `2025`, `2025April`…), case
 * folded; undefined when it is none of DHIS2's types or names a day, week or month that does
 * not exist.
 */
export function parseDhis2Period(text: string): Dhis2Period | undefined {
  const t = text.trim().toUpperCase();
  const out = (type: Dhis2PeriodType, span: { start: string; end: string } | undefined) =>
    span ? { text: text.trim(), type, ...span } : undefined;
  let m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const ms = utc(y, mo, d);
    if (mo < 1 || mo > 12 || iso(ms) !== `${m[1]}-${m[2]}-${m[3]}`) return undefined;
    return out('Daily', { start: iso(ms), end: iso(ms) });
  }
  m = /^(\d{4})(\d{2})(B?)$/.exec(t);
  if (m) {
    const [y, n] = [Number(m[1]), Number(m[2])];
    if (m[3]) return n >= 1 && n <= 6 ? out('BiMonthly', monthSpan(y, n * 2 - 1, 2)) : undefined;
    return n >= 1 && n <= 12 ? out('Monthly', monthSpan(y, n, 1)) : undefined;
  }
  m = /^(\d{4})(WED|THU|FRI|SAT|SUN)?W(\d{1,2})$/.exec(t);
  if (m) {
    const start = WEEK_STARTS[m[2] ?? '']!;
    return out(start.type, weeks(Number(m[1]), Number(m[3]), start.day, 1));
  }
  m = /^(\d{4})BIW(\d{1,2})$/.exec(t);
  if (m) return out('BiWeekly', weeks(Number(m[1]), Number(m[2]) * 2 - 1, 1, 2));
  m = /^(\d{4})(NOV)?Q([1-4])$/.exec(t);
  if (m) {
    const [y, q] = [Number(m[1]), Number(m[3])];
    // November quarters: 2025NovQ1 is November 2024 to January 2025.
    return m[2]
      ? out('QuarterlyNov', monthSpan(y - 1, 11 + (q - 1) * 3, 3))
      : out('Quarterly', monthSpan(y, q * 3 - 2, 3));
  }
  m = /^(\d{4})(APRIL|NOV)?S([12])$/.exec(t);
  if (m) {
    const [y, s] = [Number(m[1]), Number(m[3])];
    if (m[2] === 'APRIL') return out('SixMonthlyApril', monthSpan(y, 4 + (s - 1) * 6, 6));
    if (m[2] === 'NOV') return out('SixMonthlyNov', monthSpan(y - 1, 11 + (s - 1) * 6, 6));
    return out('SixMonthly', monthSpan(y, s * 6 - 5, 6));
  }
  m = /^(\d{4})(FEB|APRIL|JULY|AUG|SEP|OCT|NOV)?$/.exec(t);
  if (m) {
    const y = Number(m[1]);
    if (!m[2]) return out('Yearly', monthSpan(y, 1, 12));
    const f = FINANCIAL[m[2]]!;
    return out(f.type, monthSpan(y, f.month, 12));
  }
  return undefined;
}

/** Where a DHIS2 period sits against OISE's quarters. */
export type PeriodInQuarters =
  /** Wholly inside one quarter (a quarter itself, a month, a week, a day…). */
  | { kind: 'inside'; quarter: string; isQuarter: boolean }
  /** Over two quarters, as a week or a two-month period can be: named by both. */
  | { kind: 'straddles'; quarters: [string, string] }
  /** Longer than a quarter: a semester or a year (`calendarYear` when it is January to December). */
  | { kind: 'longer'; calendarYear: number | null };

/** Places a DHIS2 period on OISE's quarters (the calendar rule import and compare share). */
export function periodInQuarters(p: Dhis2Period): PeriodInQuarters {
  const first: Quarter = quarterOf(p.start);
  const last: Quarter = quarterOf(p.end);
  const a = formatQuarter(first);
  const b = formatQuarter(last);
  if (a === b) return { kind: 'inside', quarter: a, isQuarter: p.type === 'Quarterly' };
  const days = (Date.parse(`${p.end}T00:00:00Z`) - Date.parse(`${p.start}T00:00:00Z`)) / DAY + 1;
  if (days > 92)
    return { kind: 'longer', calendarYear: p.type === 'Yearly' ? Number(p.start.slice(0, 4)) : null };
  return { kind: 'straddles', quarters: [a, b] };
}

/** The months (`2025-01`) a period has days in, in order. */
export function monthsOfPeriod(p: Pick<Dhis2Period, 'start' | 'end'>): string[] {
  const out: string[] = [];
  let y = Number(p.start.slice(0, 4));
  let m = Number(p.start.slice(5, 7));
  const last = p.end.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) return out;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

/** The three months of a quarter (`2025Q1` → `2025-01`, `2025-02`, `2025-03`). */
export function monthsOfQuarter(q: Quarter): string[] {
  return monthsOfPeriod(monthSpan(q.year, q.quarter * 3 - 2, 3));
}

/** The French month names, January first. */
export const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** « janvier 2025 » for `2025-01`. */
export function monthLabelFr(month: string): string {
  return `${MONTHS_FR[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}
