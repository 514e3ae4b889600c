/**
 * Dates and times as a person in Mali reads them: « 2 décembre 2026 à 06:30 », in the time zone
 * of Bamako. Timestamps are stored and sent as ISO strings (UTC); only what a person reads goes
 * through here. Bamako is UTC+0 all year, but the zone is named so that Intl says so.
 */
export const BAMAKO_TIME_ZONE = 'Africa/Bamako';

const DATE_TIME = new Intl.DateTimeFormat('fr-FR', {
  timeZone: BAMAKO_TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

// A calendar date (`2025-04-15`) is a day, not an instant: it is read as such, in UTC.
const DATE = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

type Parts = Partial<Record<Intl.DateTimeFormatPartTypes, string>>;

function partsOf(format: Intl.DateTimeFormat, date: Date): Parts {
  const parts: Parts = {};
  for (const p of format.formatToParts(date)) parts[p.type] = p.value;
  return parts;
}

/** « 1er avril 2025 »: French writes the first day of a month as an ordinal. */
function dayMonthYear(p: Parts): string {
  return `${p.day === '1' ? '1er' : p.day} ${p.month} ${p.year}`;
}

/**
 * An instant (ISO timestamp or Date) as « 2 décembre 2026 à 06:30 », Bamako time. Built from
 * Intl's parts, so the words do not depend on the ICU data of the Node version. Text that is
 * not a date comes back unchanged.
 */
export function formatDateTimeFr(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return String(instant);
  const p = partsOf(DATE_TIME, date);
  return `${dayMonthYear(p)} à ${p.hour}:${p.minute}`;
}

/**
 * A calendar date (`2025-04-15`, or the date of an ISO timestamp) as « 15 avril 2025 ». Text that
 * is not a date comes back unchanged.
 */
export function formatDateFr(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}/.test(isoDate) || Number.isNaN(date.getTime())) return isoDate;
  return dayMonthYear(partsOf(DATE, date));
}
