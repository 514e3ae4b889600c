import { type IndicatorDefinition, listIndicators } from '@oise/catalog';
import { type OrgUnitLevel, normalizeQuarter } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { Dhis2Mapping } from './code-mapping.js';
import { splitFollowup } from './dhis2-values.js';
import { type NodeFigure, nodeFigures } from './node-figures.js';
import { type Dhis2DataValue, compareDataValues } from './value-set.js';

export interface ExportValueSetOptions {
  mapping: Dhis2Mapping;
  /** `2025Q1` (also `2025T1`) or `2025`. */
  period: string;
  level: OrgUnitLevel;
  /** Only units within this one. */
  within?: string | undefined;
  /** Only these OISE indicators. */
  indicators?: string[] | undefined;
}

/** Why a figure stayed out of the value set. */
export interface ExportSkips {
  /** Its indicator has no `indicateur` row. */
  unmappedIndicator: number;
  /** Its unit has no `collectivite` row (under the `uid` scheme). */
  unmappedUnit: number;
  /** Its category (F or M) has no `categorie` row. */
  unmappedCategory: number;
  /** The total of a sex-disaggregated indicator: DHIS2 sums F and M itself. */
  disaggregatedTotal: number;
}

export interface ExportValueSetResult {
  period: string;
  level: OrgUnitLevel;
  /** Figures the node holds for the period and level. */
  figures: number;
  dataValues: Dhis2DataValue[];
  skipped: ExportSkips;
  unmappedIndicators: string[];
  unmappedUnits: string[];
}

/** A plain number as DHIS2 reads it: dot decimal, no grouping, no exponent. */
export function plainNumber(value: number): string {
  const short = String(Number(value.toPrecision(15)));
  return short.includes('e') ? value.toFixed(10).replace(/\.?0+$/, '') : short;
}

/** The DHIS2 text of a figure: `true`/`false` for yes/no indicators, the text for text ones. */
export function dhis2ValueText(figure: NodeFigure, def: IndicatorDefinition | undefined): string | undefined {
  if (figure.value === null) return figure.text ?? undefined;
  if (def?.valueType === 'boolean') return figure.value !== 0 ? 'true' : 'false';
  return plainNumber(figure.value);
}

/**
 * Decides, for one figure, its DHIS2 identifiers or why it stays out. Shared by export and
 * compare, so that « absent from DHIS2 » means « export would have sent it ».
 */
export function dhis2KeyOf(
  figure: Pick<NodeFigure, 'indicator' | 'unit' | 'category'>,
  def: IndicatorDefinition | undefined,
  mapping: Dhis2Mapping,
): { dataElement: string; orgUnit: string; categoryOptionCombo: string } | keyof ExportSkips {
  const dataElement = mapping.dataElementOf(figure.indicator);
  if (!dataElement) return 'unmappedIndicator';
  const orgUnit = mapping.orgUnitOf(figure.unit);
  if (!orgUnit) return 'unmappedUnit';
  const sexed = def?.disaggregation === 'sex';
  if (sexed && figure.category === '' && mapping.comboOf('F') && mapping.comboOf('M'))
    return 'disaggregatedTotal';
  const categoryOptionCombo = mapping.comboOf(figure.category);
  if (!categoryOptionCombo) return 'unmappedCategory';
  return { dataElement, orgUnit, categoryOptionCombo };
}

/**
 * The DHIS2 data value set of a period at a level: communes' stored values, or the consolidated
 * figures of cercles, regions or the country. Only what the mapping covers; the rest is counted
 * by reason. Sorted by data element, period, org unit and combo, so the same figures always
 * give the same file.
 */
export async function exportValueSet(
  db: Kysely<Database>,
  options: ExportValueSetOptions,
): Promise<ExportValueSetResult> {
  const period = /^\d{4}$/.test(options.period.trim())
    ? options.period.trim()
    : normalizeQuarter(options.period);
  const catalog = new Map((await listIndicators(db)).map((d) => [d.code, d]));
  const figures = await nodeFigures(db, {
    period,
    level: options.level,
    within: options.within,
    indicators: options.indicators,
  });
  const skipped: ExportSkips = {
    unmappedIndicator: 0,
    unmappedUnit: 0,
    unmappedCategory: 0,
    disaggregatedTotal: 0,
  };
  const unmappedIndicators = new Set<string>();
  const unmappedUnits = new Set<string>();
  const dataValues: Dhis2DataValue[] = [];
  for (const f of figures) {
    const def = catalog.get(f.indicator);
    const key = dhis2KeyOf(f, def, options.mapping);
    if (typeof key === 'string') {
      skipped[key]++;
      if (key === 'unmappedIndicator') unmappedIndicators.add(f.indicator);
      if (key === 'unmappedUnit') unmappedUnits.add(f.unit);
      continue;
    }
    const value = dhis2ValueText(f, def);
    if (value === undefined) continue;
    const dv: Dhis2DataValue = {
      dataElement: key.dataElement,
      period: f.period,
      orgUnit: key.orgUnit,
      categoryOptionCombo: key.categoryOptionCombo,
      value,
    };
    if (f.storedBy) dv.storedBy = f.storedBy;
    if (f.lastUpdated) dv.lastUpdated = f.lastUpdated;
    // The follow-up mark travels in the stored comment (see FOLLOWUP_TAG).
    const { comment, followup } = splitFollowup(f.comment);
    if (comment) dv.comment = comment;
    if (followup) dv.followup = true;
    dataValues.push(dv);
  }
  dataValues.sort(compareDataValues);
  return {
    period,
    level: options.level,
    figures: figures.length,
    dataValues,
    skipped,
    unmappedIndicators: [...unmappedIndicators].sort(),
    unmappedUnits: [...unmappedUnits].sort(),
  };
}
