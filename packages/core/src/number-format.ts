/**
 * French number formats on output (`1 234,5`) and tolerant parsing on input: `,` or `.`
 * decimals, spaces (also non-breaking) or `.`-grouped thousands as Excel users type them.
 */
const NARROW_NBSP = '\u202f';

/** One formatter per number of decimals: building an `Intl.NumberFormat` costs far more than using it. */
const FORMATTERS = new Map<number, Intl.NumberFormat>();

export function formatNumberFr(value: number, maximumFractionDigits = 2): string {
  let formatter = FORMATTERS.get(maximumFractionDigits);
  if (!formatter) {
    formatter = new Intl.NumberFormat('fr-FR', { maximumFractionDigits });
    FORMATTERS.set(maximumFractionDigits, formatter);
  }
  return formatter.format(value).replace(/\u202f/g, ' ');
}

/**
 * A count and its word, agreed in number as French writes it: singular for 0 and 1 (« 0 ligne »,
 * « 1 nouveau »), plural from 2 (« 4 955 lignes »). The plural is the singular plus « s » unless
 * given (« nouveau », « nouveaux » ; « ligne refusée », « lignes refusées »).
 */
export function countFr(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumberFr(n)} ${Math.abs(n) < 2 ? singular : plural}`;
}

/** Units of the catalog that are nouns to agree with the number (« 1 jour », « 12 jours »). */
const COUNTED_UNITS: Record<string, [string, string]> = {
  jours: ['jour', 'jours'],
  ans: ['an', 'ans'],
};

/**
 * A value with its unit from the catalog, as a sentence says it: « 1 200 FCFA », « 45,5 % »,
 * « 1 jour », « 12 jours ». A plain count (`nombre`, or no unit) is the number alone: the
 * indicator's label already says what is counted (« 4 955 », not « 4 955 nombre »).
 */
export function formatMeasureFr(value: number, unit: string): string {
  const counted = COUNTED_UNITS[unit];
  if (counted) return countFr(value, counted[0], counted[1]);
  if (unit === '' || unit === 'nombre') return formatNumberFr(value);
  return `${formatNumberFr(value)} ${unit}`;
}

export function formatPercentFr(ratio: number, fractionDigits = 1): string {
  return `${formatNumberFr(ratio * 100, fractionDigits)} %`;
}

/**
 * Parses a number as a French or English spreadsheet user writes it. Returns undefined for
 * anything that is not a plain number (letters, two decimal separators, empty).
 */
export function parseDecimal(raw: string): number | undefined {
  let text = raw.trim().replace(/[\u00a0\u202f ]/g, '');
  if (text === '') return undefined;
  // A single group (`1,234` or `1.234`) is read as a decimal: French users write decimal commas.
  if (/^[+-]?\d{1,3}((\.\d{3}){2,}(,\d+)?|(\.\d{3})+,\d+)$/.test(text)) {
    // 1.234,5 — dot-grouped thousands with a decimal comma
    text = text.replace(/\./g, '').replace(',', '.');
  } else if (/^[+-]?\d{1,3}((,\d{3}){2,}(\.\d+)?|(,\d{3})+\.\d+)$/.test(text)) {
    // 1,234.5 — comma-grouped thousands with a decimal point
    text = text.replace(/,/g, '');
  } else if (/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(text)) {
    text = text.replace(',', '.');
  } else {
    return undefined;
  }
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

export { NARROW_NBSP };
