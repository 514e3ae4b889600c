/**
 * French number formats on output (`1 234,5`) and tolerant parsing on input: `,` or `.`
 * decimals, spaces (also non-breaking) or `.`-grouped thousands as Excel users type them.
 */
const NARROW_NBSP = '\u202f';

export function formatNumberFr(value: number, maximumFractionDigits = 2): string {
  return new Intl.NumberFormat('fr-FR', { maximumFractionDigits }).format(value).replace(/\u202f/g, ' ');
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
