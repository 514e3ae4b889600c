import { formatNumberFr, quarterLabel, tryParseQuarter } from '@oise/core';

/*
 * How the pages write dates and sizes, in French. Timestamps are shown in Bamako's time (UTC+0
 * all year, named so a PC set to another zone still shows the node's time); due dates are
 * calendar days.
 */
const TIME_ZONE = 'Africa/Bamako';
const dateTime = new Intl.DateTimeFormat('fr-FR', {
  timeZone: TIME_ZONE,
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const dateOnly = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** French writes the first of the month as an ordinal: « 1er avril ». */
const firstOfMonth = (text: string) => text.replace(/^1 /, '1er ');

/** « 10 avril 2025 à 09:00 » for an ISO timestamp. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : firstOfMonth(dateTime.format(date));
}

/** « 15 avril 2025 », « 1er juillet 2025 » for an ISO date (`2025-04-15`) or a timestamp's date. */
export function formatDate(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : firstOfMonth(dateOnly.format(date));
}

/** « 1,2 Mo », « 830 octets ». */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${formatNumberFr(bytes, 0)} octet${bytes > 1 ? 's' : ''}`;
  if (bytes < 1024 * 1024) return `${formatNumberFr(bytes / 1024, 1)} Ko`;
  return `${formatNumberFr(bytes / (1024 * 1024), 1)} Mo`;
}

/** French numbers: « 1 234 ». */
export function formatCount(n: number): string {
  return formatNumberFr(n, 0);
}

/** A bundle's period: « 1er trimestre 2025 » for a quarter (`2025Q1`, `2025T1`), any other as it is. */
export function formatPeriod(period: string): string {
  return tryParseQuarter(period) ? quarterLabel(period) : period;
}
