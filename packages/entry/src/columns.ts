import { columnLetter } from '@oise/core';
import { foldName } from './text-normalize.js';

/** A column a file may hold, under its French name first, then the English and other accepted names. */
export interface ColumnSpec {
  field: string;
  names: string[];
  required: boolean;
}

export interface ColumnMap {
  /** 0-based position of each field found in the header. */
  index: Map<string, number>;
  /** Required fields the header lacks. */
  missing: ColumnSpec[];
}

/** Matches a header row to column specs, ignoring case, accents, spaces and underscores. */
export function mapColumns(header: string[], specs: ColumnSpec[]): ColumnMap {
  const folded = header.map((h) => foldName(h));
  const index = new Map<string, number>();
  for (const spec of specs) {
    const names = new Set(spec.names.map(foldName));
    const at = folded.findIndex((h) => names.has(h));
    if (at >= 0) index.set(spec.field, at);
  }
  return { index, missing: specs.filter((s) => s.required && !index.has(s.field)) };
}

/** The cell of `field` in a row ('' when absent: a row may stop early), and its column letter. */
export function cellOf(
  map: ColumnMap,
  cells: string[],
  field: string,
): { present: boolean; text: string; column: string } {
  const at = map.index.get(field);
  if (at === undefined) return { present: false, text: '', column: '' };
  return { present: at < cells.length, text: (cells[at] ?? '').trim(), column: columnLetter(at + 1) };
}

/** The data-value CSV of the design (French names first, English accepted). */
export const VALUE_COLUMNS: ColumnSpec[] = [
  { field: 'orgUnit', names: ['code_collectivite', 'org_unit', 'orgunit', 'collectivite'], required: true },
  { field: 'indicator', names: ['code_indicateur', 'indicator', 'indicateur'], required: true },
  { field: 'period', names: ['periode', 'period'], required: true },
  { field: 'category', names: ['categorie', 'category'], required: false },
  { field: 'value', names: ['valeur', 'value'], required: true },
  { field: 'comment', names: ['commentaire', 'comment'], required: false },
];

/** The partnership register as the guide publishes it (`partenariats-mali-seed.tsv`). */
export const PARTNERSHIP_COLUMNS: ColumnSpec[] = [
  { field: 'section', names: ['section'], required: true },
  { field: 'partner', names: ['collectivite_partenaire', 'partner', 'partenaire'], required: true },
  { field: 'malian', names: ['collectivite_malienne', 'malian_collectivity'], required: true },
  { field: 'region', names: ['region_malienne', 'malian_region'], required: false },
  { field: 'origin', names: ['origine', 'origin', 'depuis', 'since'], required: false },
  { field: 'address', names: ['adresse', 'address', 'contact'], required: false },
  { field: 'sectors', names: ['secteurs', 'sectors'], required: false },
  { field: 'status', names: ['statut', 'status'], required: false },
];
