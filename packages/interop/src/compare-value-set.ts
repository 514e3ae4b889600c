import { listIndicators } from '@oise/catalog';
import {
  type Finding,
  type OrgUnitLevel,
  UsageError,
  countFr,
  formatQuarterFr,
  makeFinding,
} from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { Dhis2Mapping } from './code-mapping.js';
import { dhis2Boolean, dhis2Number } from './dhis2-values.js';
import { type MappedEntry, mapEntry } from './entry-mapping.js';
import { dhis2KeyOf, dhis2ValueText } from './export-value-set.js';
import { type NodeFigure, nodeFigures } from './node-figures.js';
import { foldQuarterParts, monthsHeldFr } from './quarter-months.js';
import { type ValueSetFormat, readValueSetFile } from './value-set-read.js';
import { type EntryRef, entryRefPhrase } from './value-set.js';

/** How far apart two numbers may be and still count as identical. */
export type Tolerance = { absolute: number } | { relative: number };

/** `0`, `0.5` (absolute) or `5%` (relative to the OISE value); a usage error otherwise. */
export function parseTolerance(text: string | undefined): Tolerance {
  const t = (text ?? '0').trim().replace(',', '.');
  const m = /^(\d+(?:\.\d+)?)\s*(%?)$/.exec(t);
  if (!m)
    throw new UsageError(
      `tolérance « ${text} » illisible : écrivez un écart absolu (0, 2, 0,5) ou relatif (5%).`,
    );
  const n = Number(m[1]);
  return m[2] ? { relative: n / 100 } : { absolute: n };
}

export type GapKind = 'different' | 'onlyInDhis2' | 'onlyInOise';

/** One difference between DHIS2 and OISE, for one indicator × unit × period × category. */
export interface Gap {
  kind: GapKind;
  indicator: string;
  indicatorLabel: string;
  unit: string;
  unitName: string;
  period: string;
  category: string;
  dataElement: string;
  orgUnit: string;
  categoryOptionCombo: string;
  /** The values as each side writes them (null when the side has none). */
  oise: string | null;
  dhis2: string | null;
  /** DHIS2 − OISE, and that over the OISE value (null when not numeric, or OISE is 0). */
  gap: number | null;
  relativeGap: number | null;
  /** Where the DHIS2 value sits in its file (the first of its months, for a quarter made of months). */
  ref: EntryRef | null;
  /** The months (`2025-01`) of a DHIS2 value made from months, weeks or days; null otherwise. */
  months: string[] | null;
}

export interface CompareResult {
  file: string;
  format: ValueSetFormat;
  periods: string[];
  levels: OrgUnitLevel[];
  /** Keys seen on either side (identical + different + only in one). */
  compared: number;
  identical: number;
  different: number;
  onlyInDhis2: number;
  onlyInOise: number;
  /** DHIS2 values that could not be mapped (see findings), left out of the comparison. */
  unmapped: number;
  findings: Finding[];
  gaps: Gap[];
}

export interface CompareOptions {
  mapping: Dhis2Mapping;
  path: string;
  tolerance?: Tolerance;
  /** Only OISE units within this one (when the DHIS2 file covers part of the node's territory). */
  within?: string | undefined;
}

const key = (k: { indicator: string; unit: string; period: string; category: string }) =>
  `${k.indicator}|${k.unit}|${k.period}|${k.category}`;

/**
 * Cross-checks a DHIS2 data value set with what the node holds (« recoupement »): stored values
 * on communes, consolidated figures above. The OISE side is taken over the DHIS2 file's periods,
 * the levels of its org units and its data elements, within the mapping: a figure that export
 * would send and DHIS2 lacks is « absent de DHIS2 ». Writes nothing.
 */
export async function compareValueSet(db: Kysely<Database>, options: CompareOptions): Promise<CompareResult> {
  const { mapping } = options;
  const tolerance = options.tolerance ?? { absolute: 0 };
  const set = readValueSetFile(options.path);
  const findings: Finding[] = [...set.findings];
  const dhis2 = new Map<string, MappedEntry & { months?: string[] }>();
  const catalog = new Map((await listIndicators(db)).map((d) => [d.code, d]));
  let unmapped = 0;
  const parts: MappedEntry[] = [];
  const keep = (mapped: MappedEntry & { months?: string[] }) => {
    const k = key(mapped);
    const first = dhis2.get(k);
    if (first) {
      findings.push(
        makeFinding(
          { file: set.file, ...mapped.entry.ref, column: mapped.entry.fields.value },
          'warning',
          'DHIS2_DUPLICATE',
          `même indicateur, unité, période et catégorie que ${entryRefPhrase(first.entry.ref)} : seule la première valeur est comparée.`,
        ),
      );
      return;
    }
    dhis2.set(k, mapped);
  };
  for (const entry of set.entries) {
    const { mapped, findings: f } = mapEntry(entry, mapping, set.file, { allowYears: true });
    if (!mapped) {
      unmapped++;
      findings.push(...f);
      continue;
    }
    if (mapped.part) parts.push(mapped);
    else if (!entry.value.deleted) keep(mapped);
  }
  // Months, weeks and days are compared as the quarter they make, by each indicator's time rule.
  const folded = foldQuarterParts(parts, catalog, set.file);
  findings.push(...folded.findings);
  unmapped += new Set(folded.findings.map((f) => `${f.line ?? ''}|${f.index ?? ''}`)).size;
  for (const q of folded.quarters) {
    if (q.value === null) continue;
    const first = q.live[0]!;
    if (q.missing.length > 0)
      findings.push(
        makeFinding(
          { file: set.file, ...first.entry.ref, column: first.entry.fields.period },
          'warning',
          'DHIS2_QUARTER_INCOMPLETE',
          `${q.indicator}, ${q.unit}${q.category ? `, ${q.category}` : ''}, ${formatQuarterFr(q.period)} : comparé sur ${monthsHeldFr(q)} ; un écart peut venir du mois qui manque.`,
        ),
      );
    keep({
      ...first,
      entry: { ...first.entry, value: { ...first.entry.value, value: q.value } },
      months: q.months,
    });
  }

  const units = new Map(
    (
      await db.selectFrom('org_unit').select(['code', 'name', 'level']).where('deleted', '=', 0).execute()
    ).map((u) => [u.code, u]),
  );
  const mappedList = [...dhis2.values()];
  const periods = [...new Set(mappedList.map((m) => m.period))].sort();
  const levels = [...new Set(mappedList.map((m) => units.get(m.unit)?.level).filter((l) => l !== undefined))];
  const indicators = [...new Set(mappedList.map((m) => m.indicator))];
  const oise = new Map<string, NodeFigure>();
  for (const period of periods)
    for (const level of levels)
      for (const f of await nodeFigures(db, { period, level, within: options.within, indicators }))
        oise.set(key(f), f);

  const gaps: Gap[] = [];
  let identical = 0;
  const describe = (k: { indicator: string; unit: string; period: string; category: string }) => ({
    indicator: k.indicator,
    indicatorLabel: catalog.get(k.indicator)?.labelFr ?? k.indicator,
    unit: k.unit,
    unitName: units.get(k.unit)?.name ?? k.unit,
    period: k.period,
    category: k.category,
  });
  for (const [k, m] of dhis2) {
    const v = m.entry.value;
    const ids = {
      dataElement: v.dataElement,
      orgUnit: v.orgUnit,
      categoryOptionCombo: v.categoryOptionCombo,
    };
    const figure = oise.get(k);
    if (!figure) {
      gaps.push({
        kind: 'onlyInDhis2',
        ...describe(m),
        ...ids,
        oise: null,
        dhis2: v.value,
        gap: null,
        relativeGap: null,
        ref: m.entry.ref,
        months: m.months ?? null,
      });
      continue;
    }
    oise.delete(k);
    const def = catalog.get(m.indicator);
    const oiseText = dhis2ValueText(figure, def) ?? '';
    const d = numberOf(v.value, def?.valueType);
    const o = figure.value;
    if (d !== undefined && o !== null) {
      const gap = round(d - o);
      const limit = 'absolute' in tolerance ? tolerance.absolute : tolerance.relative * Math.abs(o);
      if (Math.abs(d - o) <= limit + 1e-9) identical++;
      else
        gaps.push({
          kind: 'different',
          ...describe(m),
          ...ids,
          oise: oiseText,
          dhis2: v.value,
          gap,
          relativeGap: o === 0 ? null : round(gap / Math.abs(o)),
          ref: m.entry.ref,
          months: m.months ?? null,
        });
    } else if (oiseText.trim() === v.value.trim()) identical++;
    else
      gaps.push({
        kind: 'different',
        ...describe(m),
        ...ids,
        oise: oiseText,
        dhis2: v.value,
        gap: null,
        relativeGap: null,
        ref: m.entry.ref,
        months: m.months ?? null,
      });
  }
  for (const figure of oise.values()) {
    const ids = dhis2KeyOf(figure, catalog.get(figure.indicator), mapping);
    if (typeof ids === 'string') continue;
    gaps.push({
      kind: 'onlyInOise',
      ...describe(figure),
      ...ids,
      oise: dhis2ValueText(figure, catalog.get(figure.indicator)) ?? '',
      dhis2: null,
      gap: null,
      relativeGap: null,
      ref: null,
      months: null,
    });
  }
  gaps.sort(
    (a, b) =>
      a.indicator.localeCompare(b.indicator) ||
      a.period.localeCompare(b.period) ||
      a.unit.localeCompare(b.unit) ||
      a.category.localeCompare(b.category),
  );
  const count = (kind: GapKind) => gaps.filter((g) => g.kind === kind).length;
  return {
    file: set.file,
    format: set.format,
    periods,
    levels,
    compared: identical + gaps.length,
    identical,
    different: count('different'),
    onlyInDhis2: count('onlyInDhis2'),
    onlyInOise: count('onlyInOise'),
    unmapped,
    findings,
    gaps,
  };
}

function numberOf(text: string, valueType: string | undefined): number | undefined {
  if (valueType === 'boolean') {
    const b = dhis2Boolean(text);
    return b === undefined ? undefined : b ? 1 : 0;
  }
  return dhis2Number(text);
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/** « 412 valeurs comparées : 398 identiques, 9 écarts, 3 absentes d'OISE, 2 absentes de DHIS2 ». */
export function compareSummaryFr(r: CompareResult): string {
  const s = `${countFr(r.compared, 'valeur comparée', 'valeurs comparées')} : ${countFr(r.identical, 'identique')}, ${countFr(r.different, 'écart')}, ${countFr(r.onlyInDhis2, "absente d'OISE", "absentes d'OISE")}, ${countFr(r.onlyInOise, 'absente de DHIS2', 'absentes de DHIS2')}`;
  return r.unmapped > 0
    ? `${s} ; ${countFr(r.unmapped, 'valeur DHIS2 sans correspondance, laissée', 'valeurs DHIS2 sans correspondance, laissées')} de côté`
    : s;
}

export function compareSummaryEn(r: CompareResult): string {
  const s = `${r.compared} values compared: ${r.identical} identical, ${r.different} differences, ${r.onlyInDhis2} missing from OISE, ${r.onlyInOise} missing from DHIS2`;
  return r.unmapped > 0 ? `${s}; ${r.unmapped} DHIS2 value(s) without mapping, left out` : s;
}
