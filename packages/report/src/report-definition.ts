import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { OiseError } from '@oise/core';

/**
 * Where the standard report definitions live: the `@oise/reports` package (the repository's
 * `reports/` folder), found by Node's package resolution from this module, so the same from the
 * TypeScript sources and from the bundled command line (whose chunks sit elsewhere).
 */
export const REPORTS_DIR = dirname(createRequire(import.meta.url).resolve('@oise/reports/package.json'));

/** The standard reports, by the level of the node that produces them. */
export const STANDARD_REPORTS = {
  cercle: ['ccc-activity.json', 'synthese-clo.json'],
  region: ['regional-synthesis.json', 'synthese-cro.json'],
  national: ['national-consolidated.json', 'synthese-cno.json'],
} as const;

/** A chart of one or more indicators, by unit (bars) or by quarter (lines). */
export interface IndicatorChartDefinition {
  indicators: string[];
  title?: string;
  /** Bars split by sex (stacked F/M) for sex-disaggregated indicators. */
  bySex?: boolean;
}

/** One section of a report: one sheet of the workbook, with its tables and charts. */
export type SectionDefinition =
  | {
      type: 'indicator-table';
      title: string;
      /** Explicit indicator codes, or every numeric indicator of a domain. */
      indicators?: string[];
      domain?: string;
      charts?: IndicatorChartDefinition[];
    }
  | { type: 'entry-completeness'; title: string; chart?: boolean }
  | { type: 'quarter-statuses'; title: string }
  | { type: 'csr-notes'; title: string }
  | { type: 'csr-feedback'; title: string }
  | { type: 'ccc-activities'; title: string; chart?: boolean }
  | { type: 'trainings'; title: string; detail?: boolean; chart?: boolean }
  | {
      type: 'trend';
      title: string;
      quarters: number;
      indicators: string[];
      charts?: IndicatorChartDefinition[];
    }
  | { type: 'officials'; title: string; chart?: boolean }
  | {
      type: 'key-figures';
      title: string;
      /** The unit's figures of the quarter beside the quarter before, with the change in words. */
      indicators: string[];
    }
  | { type: 'missing-units'; title: string }
  | { type: 'committee-notes'; title: string }
  | { type: 'partnerships'; title: string; chart?: boolean }
  | {
      type: 'map';
      title: string;
      /** Indicators to map when they have data (the node's `report.map-indicators` replaces them). */
      indicators?: string[];
      /** One map per domain: its indicator above, else its first indicator with data. */
      domains?: boolean;
      /** A map of the quarter's completeness (communes reporting out of those expected). */
      completeness?: boolean;
      method?: 'quantile' | 'equal';
    };

export type SectionType = SectionDefinition['type'];

/** A standard report: which level produces it, its title and its sections in order. */
export interface ReportDefinition {
  id: string;
  level: 'cercle' | 'region' | 'national';
  title: string;
  /** File names start with it: `<fileStem>-<unit>-<quarter>.xlsx`. */
  fileStem: string;
  /**
   * `brief`: a short document on one A4 portrait sheet, and a printable HTML file beside the
   * workbook (the committees' syntheses). By default a cover and one landscape sheet per section.
   */
  layout?: 'brief';
  /** The orientation committee the document is for (CLO, CRO, CNO) and its name in full. */
  committee?: { code: string; name: string };
  sections: SectionDefinition[];
}

const SECTION_TYPES: readonly SectionType[] = [
  'indicator-table',
  'entry-completeness',
  'quarter-statuses',
  'csr-notes',
  'csr-feedback',
  'ccc-activities',
  'trainings',
  'trend',
  'officials',
  'partnerships',
  'map',
  'key-figures',
  'missing-units',
  'committee-notes',
];

/**
 * Reads and checks one report definition (JSON). Indicator codes are checked against the
 * catalog when the report is generated; here, the shape. French errors name the file and section.
 */
export function readReportDefinition(file: string): ReportDefinition {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new OiseError(
      'REPORT_DEFINITION_UNREADABLE',
      `La définition de rapport « ${file} » est illisible ou n'est pas du JSON valide.`,
      { file },
      { cause },
    );
  }
  return checkReportDefinition(doc, file);
}

/** Checks the shape of a parsed report definition; `file` names it in errors. */
export function checkReportDefinition(doc: unknown, file: string): ReportDefinition {
  const bad = (what: string, section?: number): never => {
    throw new OiseError(
      'REPORT_DEFINITION_INVALID',
      `Définition de rapport « ${file} »${section === undefined ? '' : `, section n° ${section + 1}`} : ${what}`,
      { file, ...(section === undefined ? {} : { section: section + 1 }) },
    );
  };
  const d = doc as Partial<ReportDefinition>;
  if (typeof d !== 'object' || d === null) return bad('un objet JSON est attendu.');
  for (const key of ['id', 'title', 'fileStem'] as const)
    if (typeof d[key] !== 'string' || !d[key]) bad(`le champ « ${key} » (texte) est obligatoire.`);
  if (!['cercle', 'region', 'national'].includes(String(d.level)))
    bad('le champ « level » doit valoir cercle, region ou national.');
  if (d.layout !== undefined && d.layout !== 'brief')
    bad('le champ « layout » vaut « brief » ou est absent.');
  if (
    d.committee !== undefined &&
    (typeof d.committee?.code !== 'string' || typeof d.committee?.name !== 'string')
  )
    bad('le champ « committee » demande « code » et « name » (texte).');
  if (!Array.isArray(d.sections) || d.sections.length === 0)
    bad('la liste « sections » est vide ou absente.');
  d.sections!.forEach((s, i) => {
    if (!SECTION_TYPES.includes(s?.type))
      bad(`type « ${String(s?.type)} » inconnu (${SECTION_TYPES.join(', ')}).`, i);
    if (typeof s.title !== 'string' || !s.title) bad('le champ « title » est obligatoire.', i);
    if (s.type === 'indicator-table' && !s.indicators?.length && !s.domain)
      bad('donnez « indicators » (liste de codes) ou « domain ».', i);
    if (s.type === 'trend' && (!s.indicators?.length || !(s.quarters >= 2 && s.quarters <= 40)))
      bad('une tendance demande « indicators » et « quarters » (2 à 40).', i);
    if (s.type === 'key-figures' && !s.indicators?.length)
      bad('les chiffres clés demandent « indicators » (liste de codes).', i);
    if (s.type === 'map' && !s.indicators?.length && !s.domains && !s.completeness)
      bad('une carte demande « indicators », « domains » ou « completeness ».', i);
  });
  return d as ReportDefinition;
}
