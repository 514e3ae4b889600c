import { countFr, formatDateFr, formatNumberFr, formatPercentFr } from '@oise/core';
import type { BuiltCell, BuiltReport, ColumnFormat, RatedCompleteness } from './built-report.js';

/** The lines a brief document opens with, the same in its workbook and its printable page. */
export interface BriefHeading {
  /** « Synthèse pour le CLO de Barouéli — 1er trimestre 2025 ». */
  title: string;
  /** The committee, the unit and the date of the document. */
  subtitle: string;
  /** The quarter's completeness in one sentence. */
  summary: string;
}

/** « de Ségou », « d'Ansongo »: French elides « de » before a vowel. */
function ofName(name: string): string {
  return /^[aeiouàâéèêëîïôöûü]/i.test(name) ? `d'${name}` : `de ${name}`;
}

function rated(c: RatedCompleteness): string {
  return c.rate === null ? 'sans objet' : formatPercentFr(c.rate);
}

/**
 * The heading of a brief document: its title names the committee and the quarter (« Synthèse
 * pour le CRO de Ségou — 1er trimestre 2025 »; at national, « Synthèse pour le CNO — … »), then
 * who it is for and how complete the quarter's data are.
 */
export function briefHeading(report: BuiltReport): BriefHeading {
  const { cover } = report;
  const national = cover.levelLabel === 'National';
  const committee = report.committee ? `${report.committee.name} (${report.committee.code}) — ` : '';
  const c = cover.completeness;
  const e = cover.entries;
  return {
    title: `${report.title}${national ? '' : ` ${ofName(cover.unitName)}`} — ${cover.quarterLabel}`,
    subtitle: `${committee}${national ? cover.unitName : `${cover.levelLabel} ${ofName(cover.unitName)}`} (${cover.unitCode}) — document du ${formatDateFr(cover.generatedAt)}`,
    summary: `Données du trimestre : ${countFr(c.reporting, 'commune')} sur ${formatNumberFr(c.expected)} ${c.reporting < 2 ? 'a' : 'ont'} saisi (${rated(c)}) ; saisies reçues : ${formatNumberFr(e.reporting)} sur ${formatNumberFr(e.expected)} (${rated(e)}).`,
  };
}

/** A cell as text, in French: `1 234`, `45,5`, `12,5 %`, « 15 avril 2025 »; empty: an em dash. */
export function cellText(value: BuiltCell, format: ColumnFormat): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'string') return format === 'date' ? formatDateFr(value) : value;
  if (format === 'integer') return formatNumberFr(value, 0);
  if (format === 'percent') return formatPercentFr(value);
  return formatNumberFr(value, 1);
}

/** The format a row's cell is written in: the row's own (a trend or key-figure row) over the column's. */
export function cellFormat(column: ColumnFormat, row: ColumnFormat | undefined): ColumnFormat {
  return row && column !== 'text' && column !== 'percent' ? row : column;
}
