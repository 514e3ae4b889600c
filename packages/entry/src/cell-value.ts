import { formatNumberFr, parseDecimal } from '@oise/core';

/** What a cell or CSV field holds once read: exceljs gives numbers, booleans and dates too. */
export type CellInput = string | number | boolean | Date | null | undefined;

export type ValueKind = 'integer' | 'number' | 'percentage' | 'text' | 'boolean';

export type ParsedValue =
  | { kind: 'empty' }
  | { kind: 'ok'; value: number | null; valueText: string | null }
  | { kind: 'error'; code: string; message: string };

/** The text of a cell as a person sees it (numbers in full, dates as ISO). */
export function cellText(raw: CellInput): string {
  if (raw === null || raw === undefined) return '';
  if (raw instanceof Date) return raw.toISOString().slice(0, 10);
  if (typeof raw === 'number') return String(raw);
  if (typeof raw === 'boolean') return raw ? 'oui' : 'non';
  return raw.trim();
}

const TRUE_WORDS = new Set(['oui', 'o', 'yes', 'y', 'vrai', 'true', '1', 'x']);
const FALSE_WORDS = new Set(['non', 'n', 'no', 'faux', 'false', '0']);

/** Reads a yes/no answer (oui/non, yes/no, vrai/faux, 1/0); undefined when it is none. */
export function parseBoolean(raw: CellInput): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return raw === 1 ? true : raw === 0 ? false : undefined;
  const text = cellText(raw).toLowerCase();
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return undefined;
}

/** Reads a number as typed in French or English (`1 234,5`, `1234.5`); undefined otherwise. */
export function parseNumberCell(raw: CellInput): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'boolean' || raw instanceof Date) return undefined;
  return parseDecimal(cellText(raw));
}

/**
 * Reads one indicator value according to its value type. Never throws: a bad value comes back
 * as an error with a French message saying what to type instead.
 */
export function parseIndicatorValue(raw: CellInput, valueType: ValueKind): ParsedValue {
  const text = cellText(raw);
  if (text === '') return { kind: 'empty' };
  switch (valueType) {
    case 'text':
      return { kind: 'ok', value: null, valueText: text };
    case 'boolean': {
      const b = parseBoolean(raw);
      return b === undefined
        ? {
            kind: 'error',
            code: 'VALUE_NOT_BOOLEAN',
            message: `« ${text} » n'est pas une réponse oui/non : écrivez oui ou non (ou 1 ou 0).`,
          }
        : { kind: 'ok', value: b ? 1 : 0, valueText: null };
    }
    case 'percentage': {
      const n = parseNumberCell(typeof raw === 'string' ? raw.replace(/%\s*$/, '') : raw);
      return n === undefined
        ? {
            kind: 'error',
            code: 'VALUE_NOT_NUMBER',
            message: `« ${text} » n'est pas un pourcentage : écrivez un nombre entre 0 et 100, par exemple 45 ou 45,5.`,
          }
        : { kind: 'ok', value: n, valueText: null };
    }
    case 'integer': {
      const n = parseNumberCell(raw);
      if (n === undefined)
        return {
          kind: 'error',
          code: 'VALUE_NOT_NUMBER',
          message: `« ${text} » n'est pas un nombre : écrivez un nombre entier sans lettres, par exemple 12.`,
        };
      if (!Number.isInteger(n))
        return {
          kind: 'error',
          code: 'VALUE_NOT_INTEGER',
          message: `« ${text} » n'est pas un nombre entier : cet indicateur compte des unités, écrivez par exemple ${formatNumberFr(Math.round(n), 0)} (sans décimale ni point de milliers).`,
        };
      return { kind: 'ok', value: n, valueText: null };
    }
    case 'number': {
      const n = parseNumberCell(raw);
      return n === undefined
        ? {
            kind: 'error',
            code: 'VALUE_NOT_NUMBER',
            message: `« ${text} » n'est pas un nombre : écrivez un nombre, par exemple 1250 ou 12,5.`,
          }
        : { kind: 'ok', value: n, valueText: null };
    }
  }
}

/** Reads a date (Excel date cell, ISO `2025-02-14` or French `14/02/2025`) as ISO; undefined otherwise. */
export function parseDateCell(raw: CellInput): string | undefined {
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString().slice(0, 10);
  const text = cellText(raw);
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (fr) [d, m, y] = [Number(fr[1]), Number(fr[2]), Number(fr[3])];
  else return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return date.toISOString().slice(0, 10);
}
