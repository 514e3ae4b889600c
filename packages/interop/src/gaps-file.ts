import { monthLabelFr, writeExcelCsv } from '@oise/core';
import type { CompareResult, GapKind } from './compare-value-set.js';
import { plainNumber } from './export-value-set.js';
import { entryRefText } from './value-set.js';

const KIND_FR: Record<GapKind, string> = {
  different: 'valeurs différentes',
  onlyInDhis2: "absente d'OISE",
  onlyInOise: 'absente de DHIS2',
};

export const GAPS_HEADER = [
  'ecart',
  'code_indicateur',
  'indicateur',
  'code_collectivite',
  'collectivite',
  'periode',
  'categorie',
  'valeur_oise',
  'valeur_dhis2',
  'ecart_dhis2_moins_oise',
  'ecart_relatif_pct',
  'element_dhis2',
  'unite_dhis2',
  'coc_dhis2',
  'reference_dhis2',
  'mois_dhis2',
];

/** A number as French Excel reads it: decimal comma, no grouping. */
function fr(n: number | null): string {
  return n === null ? '' : plainNumber(n).replace('.', ',');
}

/** A DHIS2 number shown the French way; text left as it is. */
function frValue(text: string | null): string {
  if (text === null) return '';
  return /^[+-]?\d+\.\d+$/.test(text) ? text.replace('.', ',') : text;
}

/**
 * The gaps of a comparison as a CSV a French Excel opens directly: `;`, UTF-8 BOM, CRLF,
 * decimal commas; one line per gap, with its kind in French and where it sits in the DHIS2 file.
 */
export function writeGapsFile(path: string, result: CompareResult): void {
  const lines = [GAPS_HEADER];
  for (const g of result.gaps)
    lines.push([
      KIND_FR[g.kind],
      g.indicator,
      g.indicatorLabel,
      g.unit,
      g.unitName,
      g.period,
      g.category === '' ? 'total' : g.category,
      frValue(g.oise),
      frValue(g.dhis2),
      fr(g.gap),
      g.relativeGap === null ? '' : fr(Math.round(g.relativeGap * 10000) / 100),
      g.dataElement,
      g.orgUnit,
      g.categoryOptionCombo,
      g.ref === null ? '' : entryRefText(g.ref),
      g.months === null ? '' : g.months.map(monthLabelFr).join(', '),
    ]);
  writeExcelCsv(path, lines);
}
