import { OiseError } from './errors.js';

/**
 * A calendar quarter, the period of every OISE figure. Written `2025Q1` in files, folder names,
 * `--json` and code; `2025T1` (French « trimestre ») is accepted on input and is what French
 * text shows (`formatQuarterFr`, or `quarterLabel` for « 1er trimestre 2025 »).
 */
export interface Quarter {
  readonly year: number;
  readonly quarter: 1 | 2 | 3 | 4;
}

const QUARTER_PATTERN = /^\s*(\d{4})\s*[-_ ]?\s*[QqTt]\s*([1-4])\s*$/;

export function tryParseQuarter(text: string): Quarter | undefined {
  const match = QUARTER_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  if (year < 1990 || year > 2100) return undefined;
  return { year, quarter: Number(match[2]) as Quarter['quarter'] };
}

export function parseQuarter(text: string): Quarter {
  const parsed = tryParseQuarter(text);
  if (!parsed) {
    throw new OiseError(
      'QUARTER_INVALID',
      `« ${text} » n'est pas un trimestre valide : écrivez l'année puis le trimestre, par exemple 2025T1.`,
    );
  }
  return parsed;
}

/** Canonical code: `2025Q1`. */
export function formatQuarter(q: Quarter): string {
  return `${q.year}Q${q.quarter}`;
}

/** Normalises `2025T1`, ` 2025 q1 ` … to `2025Q1`; throws a French error otherwise. */
export function normalizeQuarter(text: string): string {
  return formatQuarter(parseQuarter(text));
}

/**
 * A quarter as French text writes it: `2025Q1` → « 2025T1 ». A period that is not a quarter
 * (a year, `2025`) comes back as it is, so messages can pass any period through it.
 */
export function formatQuarterFr(q: Quarter | string): string {
  const value = typeof q === 'string' ? tryParseQuarter(q) : q;
  if (!value) return String(q);
  return `${value.year}T${value.quarter}`;
}

const ORDINALS_FR = ['1er', '2e', '3e', '4e'] as const;
const ORDINALS_EN = ['1st', '2nd', '3rd', '4th'] as const;

/** « 1er trimestre 2025 » (or "1st quarter 2025" in English). */
export function quarterLabel(q: Quarter | string, lang: 'fr' | 'en' = 'fr'): string {
  const value = typeof q === 'string' ? parseQuarter(q) : q;
  return lang === 'fr'
    ? `${ORDINALS_FR[value.quarter - 1]} trimestre ${value.year}`
    : `${ORDINALS_EN[value.quarter - 1]} quarter ${value.year}`;
}

/** Short label for chart axes: « T1 2025 ». */
export function quarterShortLabel(q: Quarter | string): string {
  const value = typeof q === 'string' ? parseQuarter(q) : q;
  return `T${value.quarter} ${value.year}`;
}

export function addQuarters(q: Quarter, n: number): Quarter {
  const index = q.year * 4 + (q.quarter - 1) + n;
  return { year: Math.floor(index / 4), quarter: ((index % 4) + 1) as Quarter['quarter'] };
}

export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.year * 4 + a.quarter - (b.year * 4 + b.quarter);
}

/** Quarters from `from` to `to`, both included, in order. */
export function quarterRange(from: Quarter, to: Quarter): Quarter[] {
  const out: Quarter[] = [];
  for (let q = from; compareQuarters(q, to) <= 0; q = addQuarters(q, 1)) out.push(q);
  return out;
}

/** The `n` quarters ending with `q` (oldest first). */
export function lastQuarters(q: Quarter, n: number): Quarter[] {
  return quarterRange(addQuarters(q, -(n - 1)), q);
}

/** First day of the quarter, ISO `YYYY-MM-DD`. */
export function quarterStart(q: Quarter): string {
  return isoDate(q.year, (q.quarter - 1) * 3 + 1, 1);
}

/** Last day of the quarter, ISO `YYYY-MM-DD`. */
export function quarterEnd(q: Quarter): string {
  const next = addQuarters(q, 1);
  const d = new Date(Date.UTC(next.year, (next.quarter - 1) * 3, 1) - 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The quarter a date (ISO string or Date, read in UTC — Bamako is UTC all year) falls in. */
export function quarterOf(date: Date | string): Quarter {
  const d = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  return { year: d.getUTCFullYear(), quarter: (Math.floor(d.getUTCMonth() / 3) + 1) as Quarter['quarter'] };
}

/** ISO date `days` after `iso`. */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A period is a quarter (`2025Q1`) or a year (`2025`). */
export type Period = { kind: 'quarter'; quarter: Quarter } | { kind: 'year'; year: number };

export function parsePeriod(text: string): Period {
  const trimmed = text.trim();
  if (/^\d{4}$/.test(trimmed)) return { kind: 'year', year: Number(trimmed) };
  return { kind: 'quarter', quarter: parseQuarter(trimmed) };
}

export function formatPeriod(p: Period): string {
  return p.kind === 'year' ? String(p.year) : formatQuarter(p.quarter);
}
