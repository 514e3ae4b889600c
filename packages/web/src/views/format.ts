import { formatNumberFr, quarterLabel, tryParseQuarter } from '@oise/core';
import type { Lang } from '../messages/lang.js';

/*
 * How the pages write dates and sizes: in French by default, in English (en-GB) when the page is.
 * Timestamps are shown in Bamako's time (UTC+0 all year, named so a PC set to another zone still
 * shows the node's time); due dates are calendar days.
 */
const TIME_ZONE = 'Africa/Bamako';
const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };
/** The locale of a page's language, for the browser's `Intl` (a script's numbers): `fr-FR`, `en-GB`. */
export const localeOf = (lang: Lang): string => LOCALES[lang];

const dateTimes: Record<Lang, Intl.DateTimeFormat> = {
  fr: dateTimeFormat('fr'),
  en: dateTimeFormat('en'),
};
const datesOnly: Record<Lang, Intl.DateTimeFormat> = { fr: dateFormat('fr'), en: dateFormat('en') };

function dateTimeFormat(lang: Lang): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: TIME_ZONE,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

function dateFormat(lang: Lang): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
}

/** French writes the first of the month as an ordinal: « 1er avril ». */
const firstOfMonth = (text: string, lang: Lang) => (lang === 'fr' ? text.replace(/^1 /, '1er ') : text);

/** « 10 avril 2025 à 09:00 » (« 10 April 2025 at 09:00 ») for an ISO timestamp. */
export function formatDateTime(iso: string, lang: Lang = 'fr'): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : firstOfMonth(dateTimes[lang].format(date), lang);
}

/** « 15 avril 2025 », « 1er juillet 2025 » for an ISO date (`2025-04-15`) or a timestamp's date. */
export function formatDate(iso: string, lang: Lang = 'fr'): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : firstOfMonth(datesOnly[lang].format(date), lang);
}

/** « 1,2 Mo », « 830 octets » (« 1.2 MB », « 830 bytes »). */
export function formatBytes(bytes: number, lang: Lang = 'fr'): string {
  const [unit, kilo, mega] = lang === 'fr' ? ['octet', 'Ko', 'Mo'] : ['byte', 'KB', 'MB'];
  if (bytes < 1024) return `${formatNumber(bytes, 0, lang)} ${unit}${bytes > 1 ? 's' : ''}`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, 1, lang)} ${kilo}`;
  return `${formatNumber(bytes / (1024 * 1024), 1, lang)} ${mega}`;
}

/** French numbers: « 1 234 »; English ones: « 1,234 ». */
export function formatCount(n: number, lang: Lang = 'fr'): string {
  return formatNumber(n, 0, lang);
}

/** English formatters, one per number of decimals (as core keeps its French ones): a page formats thousands. */
const ENGLISH_NUMBERS = new Map<number, Intl.NumberFormat>();

/** A number with up to `digits` decimals: « 1 234,5 » or « 1,234.5 ». */
export function formatNumber(n: number, digits: number, lang: Lang = 'fr'): string {
  if (lang === 'fr') return formatNumberFr(n, digits);
  let formatter = ENGLISH_NUMBERS.get(digits);
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-GB', { maximumFractionDigits: digits });
    ENGLISH_NUMBERS.set(digits, formatter);
  }
  return formatter.format(n);
}

/** A quarter: « 1er trimestre 2025 », « 1st quarter 2025 ». */
export function formatQuarter(quarter: string, lang: Lang = 'fr'): string {
  return quarterLabel(quarter, lang);
}

/** A bundle's period: « 1er trimestre 2025 » for a quarter (`2025Q1`, `2025T1`), any other as it is. */
export function formatPeriod(period: string, lang: Lang = 'fr'): string {
  return tryParseQuarter(period) ? quarterLabel(period, lang) : period;
}

/** A count and its word: « 0 ligne », « 2 lignes » in French (singular below 2); « 1 row », « 0 rows » in English. */
export function formatCountOf(n: number, singular: string, plural: string, lang: Lang = 'fr'): string {
  const one = lang === 'fr' ? Math.abs(n) < 2 : Math.abs(n) === 1;
  return `${formatCount(n, lang)} ${one ? singular : plural}`;
}
