import type { Hierarchy, HierarchyUnit, IndicatorDefinition } from '@oise/catalog';
import { OiseError, type Quarter, type QuarterCalendar, foldText } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import type { BuiltImage, ColumnFormat } from './built-report.js';
import { type ChartSpec, DEFAULT_CHART_SIZE } from './chart-spec.js';
import type { FigureBook } from './figure-book.js';
import type { Boundaries } from './geo-boundaries.js';
import { renderChart } from './render-chart.js';

/** Everything a section builder reads: the unit, the quarter, the catalog and the figures. */
export interface ReportContext {
  db: Kysely<Database>;
  hierarchy: Hierarchy;
  unit: HierarchyUnit;
  quarter: Quarter;
  period: string;
  now: string;
  calendar: QuarterCalendar;
  indicators: ReadonlyMap<string, IndicatorDefinition>;
  figures: FigureBook;
  boundaries?: Boundaries | undefined;
  /** The indicators the node asks maps of (`report.map-indicators`); undefined: the definition's. */
  mapIndicators?: readonly string[] | undefined;
  /** Prefix of the PNG ids: `ccc-ML0401-2025Q1`. */
  stem: string;
}

export const LEVEL_LABELS: Record<string, string> = {
  pays: 'National',
  region: 'Région',
  cercle: 'Cercle',
  commune: 'Commune',
};

/** Plural labels of the units a report puts side by side. */
export const LEVEL_PLURALS: Record<string, string> = {
  region: 'Régions',
  cercle: 'Cercles',
  commune: 'Communes',
};

/** « Cercle de Barouéli », « Région de Ségou », « Mali ». */
export function unitTitle(unit: HierarchyUnit): string {
  return unit.level === 'pays' ? unit.name : `${LEVEL_LABELS[unit.level]} de ${unit.name}`;
}

/** The unit after « de » in French: « du Mali », « de la région de Ségou », « du cercle de Barouéli ». */
export function ofUnit(unit: HierarchyUnit): string {
  if (unit.level === 'pays') return `du ${unit.name}`;
  if (unit.level === 'region') return `de la région de ${unit.name}`;
  if (unit.level === 'commune') return `de la commune de ${unit.name}`;
  return `du ${LEVEL_LABELS[unit.level]?.toLowerCase() ?? unit.level} de ${unit.name}`;
}

/** The units side by side in a report: a cercle's communes, a region's cercles, Mali's regions. */
export function childUnits(ctx: Pick<ReportContext, 'hierarchy' | 'unit'>): HierarchyUnit[] {
  return ctx.hierarchy.childrenOf(ctx.unit.code);
}

/** Codes of the unit and everything under it. */
export function subtreeCodes(ctx: ReportContext, code = ctx.unit.code): string[] {
  return [code, ...ctx.hierarchy.childrenOf(code).flatMap((c) => subtreeCodes(ctx, c.code))];
}

/** Indicators a CCC enters (ratios are computed, never entered). */
export function enterableIndicators(ctx: ReportContext): IndicatorDefinition[] {
  return [...ctx.indicators.values()].filter((d) => d.aggregation !== 'ratio' && d.valueType !== 'text');
}

export function indicatorOrThrow(ctx: ReportContext, code: string): IndicatorDefinition {
  const def = ctx.indicators.get(code);
  if (!def) {
    throw new OiseError(
      'REPORT_INDICATOR_UNKNOWN',
      `La définition du rapport cite l'indicateur « ${code} », absent du catalogue : corrigez le code dans reports/.`,
      { indicator: code },
    );
  }
  return def;
}

/** Integers and counts as `# ##0`, everything else with one decimal. */
export function formatOf(def: IndicatorDefinition): ColumnFormat {
  return def.valueType === 'integer' || def.valueType === 'boolean' ? 'integer' : 'decimal';
}

/** Renders a chart and wraps it for the workbook; ids are prefixed with the report stem. */
export function chartImage(
  ctx: ReportContext,
  spec: Omit<ChartSpec, 'width' | 'height'> & Partial<ChartSpec>,
): BuiltImage {
  const full: ChartSpec = { ...DEFAULT_CHART_SIZE, ...spec, id: `${ctx.stem}-${spec.id}` };
  return {
    id: full.id,
    title: full.title,
    png: renderChart(full),
    width: full.width,
    height: full.height,
    chart: full,
  };
}

/** Short id for file names: lower case, ASCII, dashes. */
export function slug(text: string): string {
  return foldText(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

/**
 * The child of the report unit that `code` lies under (the unit itself when `code` is the
 * report unit); undefined when outside the report.
 */
export function childOf(ctx: ReportContext, code: string): string | undefined {
  for (const u of ctx.hierarchy.ancestorsOf(code)) {
    if (u.code === ctx.unit.code) return u.code;
    if (u.parentCode === ctx.unit.code) return u.code;
  }
  return undefined;
}

/** Rows for a summary by child unit: the children in order, then the unit itself when used. */
export function groupRows(ctx: ReportContext, used: Set<string>): { code: string; name: string }[] {
  const rows = childUnits(ctx).map((u) => ({ code: u.code, name: u.name }));
  if (used.has(ctx.unit.code))
    rows.push({
      code: ctx.unit.code,
      name: `${ctx.unit.name} (niveau ${LEVEL_LABELS[ctx.unit.level]?.toLowerCase()})`,
    });
  return rows;
}
