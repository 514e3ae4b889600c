/**
 * ADX periods (ISO 8601 start date and duration, `2025-01-01/P1M`) and DHIS2 period identifiers
 * (`202501`), both ways, as DHIS2's `AdxPeriod` reads and writes them: P1D daily, P7D weekly
 * (ISO weeks, starting on Monday), P1M monthly, P2M bi-monthly, P3M quarterly, P6M six-monthly,
 * P1Y yearly. OISE only takes a period that starts where its DHIS2 period starts (DHIS2 would
 * silently move `2025-01-15/P1M` to January; OISE says so instead).
 */

import { type Dhis2PeriodType, parseDhis2Period } from '@oise/core';

export type AdxPeriodResult = { period: string } | { error: string };

const DAY_MS = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function utcDate(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

/** Monday of ISO week 1 of an ISO week-year (the week holding 4 January). */
function isoWeekOneMonday(year: number): Date {
  const jan4 = utcDate(year, 1, 4);
  const weekday = (jan4.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(jan4.getTime() - weekday * DAY_MS);
}

/** `2025W3` of a Monday. */
function isoWeekOf(monday: Date): string {
  // The ISO week-year is the year of the week's Thursday.
  const thursday = new Date(monday.getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((monday.getTime() - isoWeekOneMonday(year).getTime()) / (7 * DAY_MS)) + 1;
  return `${year}W${week}`;
}

function parseIsoDate(text: string): Date | undefined {
  const parts = text.split('-');
  if (parts.length !== 3 || parts[0]!.length !== 4 || parts[1]!.length !== 2 || parts[2]!.length !== 2)
    return undefined;
  const [y, m, d] = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : Number.NaN)) as [number, number, number];
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return undefined;
  const date = utcDate(y, m, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? date
    : undefined;
}

/**
 * `2025-01-01/P1M` → `202501`, `2025-01-01/P3M` → `2025Q1`, `2025-01-13/P7D` → `2025W3`,
 * `2025-01-15/P1D` → `20250115`, `2025-03-01/P2M` → `202502B`, `2025-07-01/P6M` → `2025S2`,
 * `2025-01-01/P1Y` → `2025`; otherwise a French error saying what is wrong.
 */
export function adxToDhis2Period(text: string): AdxPeriodResult {
  const t = text.trim();
  const [start, duration, ...rest] = t.split('/');
  const date = start === undefined ? undefined : parseIsoDate(start);
  if (!date || duration === undefined || rest.length > 0)
    return {
      error: `« ${t} » n'est pas une période ADX : écrivez la date de début et la durée ISO 8601, par exemple 2025-01-01/P1M (un mois) ou 2025-01-01/P3M (un trimestre).`,
    };
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const day = date.getUTCDate();
  const misaligned = (what: string, example: string) => ({
    error: `la période ADX ${t} ne commence pas au début d'${what} : DHIS2 la rangerait dans la période qui contient ${start} ; écrivez le premier jour (par exemple ${example}).`,
  });
  switch (duration.toUpperCase()) {
    case 'P1D':
      return { period: `${year}${pad(month)}${pad(day)}` };
    case 'P7D':
      if (date.getUTCDay() !== 1)
        return {
          error: `la période ADX ${t} est une semaine qui ne commence pas un lundi : OISE lit les semaines ISO de DHIS2 (du lundi au dimanche) ; écrivez la date du lundi.`,
        };
      return { period: isoWeekOf(date) };
    case 'P1M':
      return day === 1
        ? { period: `${year}${pad(month)}` }
        : misaligned('un mois', `${year}-${pad(month)}-01/P1M`);
    case 'P2M':
      return day === 1 && month % 2 === 1
        ? { period: `${year}${pad((month + 1) / 2)}B` }
        : misaligned('un bimestre (janvier, mars, mai, juillet, septembre ou novembre)', `${year}-01-01/P2M`);
    case 'P3M':
      return day === 1 && month % 3 === 1
        ? { period: `${year}Q${(month + 2) / 3}` }
        : misaligned('un trimestre (1er janvier, avril, juillet ou octobre)', `${year}-01-01/P3M`);
    case 'P6M':
      return day === 1 && (month === 1 || month === 7)
        ? { period: `${year}S${month === 1 ? 1 : 2}` }
        : misaligned('un semestre (1er janvier ou 1er juillet)', `${year}-07-01/P6M`);
    case 'P1Y':
      return day === 1 && month === 1
        ? { period: `${year}` }
        : misaligned('une année civile', `${year}-01-01/P1Y`);
    default:
      return {
        error: `la durée « ${duration} » de la période ADX ${t} n'est pas lue : OISE lit P1D, P7D, P1M, P2M, P3M, P6M et P1Y, comme DHIS2.`,
      };
  }
}

/** The ISO 8601 duration of each DHIS2 period type, as dhis2-core's `getIso8601Duration`. */
const ISO_DURATION: Record<Dhis2PeriodType, string> = {
  Daily: 'P1D',
  Weekly: 'P7D',
  WeeklyWednesday: 'P7D',
  WeeklyThursday: 'P7D',
  WeeklyFriday: 'P7D',
  WeeklySaturday: 'P7D',
  WeeklySunday: 'P7D',
  BiWeekly: 'P14D',
  Monthly: 'P1M',
  BiMonthly: 'P2M',
  Quarterly: 'P3M',
  QuarterlyNov: 'P3M',
  SixMonthly: 'P6M',
  SixMonthlyApril: 'P6M',
  SixMonthlyNov: 'P6M',
  Yearly: 'P1Y',
  FinancialFeb: 'P1Y',
  FinancialApril: 'P1Y',
  FinancialJuly: 'P1Y',
  FinancialAug: 'P1Y',
  FinancialSep: 'P1Y',
  FinancialOct: 'P1Y',
  FinancialNov: 'P1Y',
};

/**
 * A DHIS2 period identifier as ADX writes it (dhis2-core's `AdxPeriod.serialize`: start date,
 * `/`, the type's ISO duration), read by @oise/core's `parseDhis2Period`: `2025Q1` →
 * `2025-01-01/P3M`, `202501` → `2025-01-01/P1M`, `2025` → `2025-01-01/P1Y`, `2025W3` →
 * `2025-01-13/P7D`. Undefined for what is not a DHIS2 period.
 */
export function dhis2ToAdxPeriod(period: string): string | undefined {
  const p = parseDhis2Period(period);
  return p ? `${p.start}/${ISO_DURATION[p.type]}` : undefined;
}
