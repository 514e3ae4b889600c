import { type IndicatorDefinition, sexLabels } from '@oise/catalog';
import { quarterLabel } from '@oise/core';
import type { BuiltImage, BuiltSection } from '../built-report.js';
import { SEX_COLORS } from '../chart-spec.js';
import {
  LEVEL_PLURALS,
  type ReportContext,
  chartImage,
  childUnits,
  formatOf,
  indicatorOrThrow,
  ofUnit,
  slug,
  unitTitle,
} from '../report-context.js';
import type { IndicatorChartDefinition, SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'indicator-table' }>;

/** The indicators of a section: the listed codes, or every numeric indicator of the domain. */
export function sectionIndicators(ctx: ReportContext, s: Definition): IndicatorDefinition[] {
  if (s.indicators?.length) return s.indicators.map((code) => indicatorOrThrow(ctx, code));
  return [...ctx.indicators.values()]
    .filter((d) => d.domain === s.domain && d.valueType !== 'text')
    .sort((a, b) => a.sortOrder - b.sortOrder);
}

/**
 * Units side by side (a cercle's communes, a region's cercles, Mali's regions), one column per
 * indicator with its unit, and the report unit's consolidated figure as the total row.
 */
export function buildIndicatorTable(ctx: ReportContext, s: Definition): BuiltSection {
  const defs = sectionIndicators(ctx, s);
  const units = childUnits(ctx);
  const figure = (d: IndicatorDefinition, unit: string) => ctx.figures.get(d.code, unit, ctx.period).value;
  const images: BuiltImage[] = (s.charts ?? []).map((c, i) => indicatorChart(ctx, s, c, i));
  return {
    title: s.title,
    sheetName: s.title,
    notes: [
      `${LEVEL_PLURALS[units[0]?.level ?? ''] ?? 'Collectivités'} ${ofUnit(ctx.unit)}, ${quarterLabel(ctx.quarter)}. Ligne de total : chiffre consolidé ${ofUnit(ctx.unit)} (somme, moyenne ou ratio selon la règle de chaque indicateur).`,
    ],
    tables: [
      {
        columns: [
          { header: 'Code', format: 'text', width: 12 },
          { header: 'Collectivité', format: 'text', width: 24 },
          ...defs.map((d) => ({
            header: d.labelFr,
            unit: d.unit,
            key: d.code,
            format: formatOf(d),
            width: 18,
          })),
        ],
        rows: units.map((u) => ({ cells: [u.code, u.name, ...defs.map((d) => figure(d, u.code))] })),
        total: {
          cells: [
            ctx.unit.code,
            `Total ${unitTitle(ctx.unit)}`,
            ...defs.map((d) => figure(d, ctx.unit.code)),
          ],
        },
        emptyText: 'Aucune collectivité sous cette unité.',
      },
    ],
    images,
  };
}

function indicatorChart(
  ctx: ReportContext,
  s: Definition,
  c: IndicatorChartDefinition,
  index: number,
): BuiltImage {
  const defs = c.indicators.map((code) => indicatorOrThrow(ctx, code));
  const units = childUnits(ctx);
  const first = defs[0]!;
  const bySex = c.bySex === true && first.disaggregation === 'sex';
  const datasets = bySex
    ? (['F', 'M'] as const).map((cat) => ({
        label: sexLabels(first)[cat],
        color: SEX_COLORS[cat],
        data: units.map((u) => ctx.figures.get(first.code, u.code, ctx.period, cat).value),
      }))
    : defs.map((d) => ({
        label: d.labelFr,
        data: units.map((u) => ctx.figures.get(d.code, u.code, ctx.period).value),
      }));
  return chartImage(ctx, {
    id: `${slug(s.title)}-${index + 1}`,
    kind: bySex ? 'stacked-bar' : units.length > 12 ? 'horizontal-bar' : 'bar',
    title: c.title ?? first.labelFr,
    subtitle: `${unitTitle(ctx.unit)} — ${quarterLabel(ctx.quarter)}`,
    labels: units.map((u) => u.name),
    datasets,
    unit: first.unit,
    ...(units.length > 12 ? { height: Math.max(480, 60 + units.length * 26) } : {}),
  });
}
