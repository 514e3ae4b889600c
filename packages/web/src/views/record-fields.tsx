import type { RecordField, RecordKind, RecordUnit } from '@oise/entry';
import { type Lang, text } from '../messages/lang.js';
import { listesText } from '../messages/listes.js';
import { sentence } from './cell-state.js';
import { formatDate, formatNumber } from './format.js';

/** A list's name as a heading says it: « Élus locaux ». */
export function listTitle(kind: RecordKind): string {
  return sentence(kind.labelFr);
}

/** The address of a list, of its form and of a record's pages. */
export function listPath(kind: RecordKind, quarter?: string): string {
  return quarter ? `/listes/${kind.fileWord}?trimestre=${quarter}` : `/listes/${kind.fileWord}`;
}

export function recordPath(kind: RecordKind, id: string, action: 'modifier' | 'supprimer'): string {
  return `/listes/${kind.fileWord}/${encodeURIComponent(id)}/${action}`;
}

/** The fields a person fills in (the period is the list's quarter). */
export function formFields(kind: RecordKind): RecordField[] {
  return kind.fields.filter((f) => f.type !== 'period');
}

/** What a record's title column holds (« Awa Traoré »), to name it in buttons and messages. */
export function recordTitle(kind: RecordKind, row: Record<string, unknown>): string {
  return String(row[kind.titleColumn] ?? row.id ?? '');
}

/**
 * A stored field as a person reads it: the collectivity's name, the choice's (French) label,
 * « oui »/« non », a date and a number in the page's language; « — » when empty.
 */
export function fieldText(
  field: RecordField,
  value: unknown,
  units: RecordUnit[],
  lang: Lang = 'fr',
): string {
  if (value === null || value === undefined || value === '') return '—';
  switch (field.type) {
    case 'unit':
      return units.find((u) => u.code === value)?.label ?? String(value);
    case 'enum':
      return field.options?.find((o) => o.code === value)?.label ?? String(value);
    case 'boolean':
      return value ? text(lang, listesText).yes : text(lang, listesText).no;
    case 'date':
      return formatDate(String(value), lang);
    case 'integer':
    case 'number':
      return formatNumber(Number(value), 2, lang);
    default:
      return String(value);
  }
}

/** Whether a column is a figure (aligned right). */
export const isFigure = (field: RecordField) => field.type === 'integer' || field.type === 'number';
