import { formatQuarter, lastQuarters, quarterLabel, quarterShortLabel } from '@oise/core';
import type { BuiltSection } from '../built-report.js';
import {
  type ReportContext,
  chartImage,
  formatOf,
  indicatorOrThrow,
  slug,
  unitTitle,
} from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'trend' }>;

/** The quarters a trend section covers, oldest first, ending with the report's quarter. */
export function trendPeriods(ctx: Pick<ReportContext, 'quarter'>, quarters: number): string[] {
  return lastQuarters(ctx.quarter, quarters).map(formatQuarter);
}

/** The report unit's figures over the last quarters: one row per indicator, lines by quarter. */
export function buildTrend(ctx: ReportContext, s: Definition): BuiltSection {
  const periods = trendPeriods(ctx, s.quarters);
  const defs = s.indicators.map((code) => indicatorOrThrow(ctx, code));
  const table = {
    columns: [
      { header: 'Code', format: 'text' as const, width: 24 },
      { header: 'Indicateur', format: 'text' as const, width: 48 },
      { header: 'Unité', format: 'text' as const, width: 10 },
      ...periods.map((p) => ({
        header: quarterShortLabel(p),
        key: p,
        format: 'decimal' as const,
        width: 13,
      })),
    ],
    rows: defs.map((d) => ({
      cells: [
        d.code,
        d.labelFr,
        d.unit,
        ...periods.map((p) => ctx.figures.get(d.code, ctx.unit.code, p).value),
      ],
      format: formatOf(d),
    })),
  };
  const images = (s.charts ?? []).map((c, i) => {
    const chartDefs = c.indicators.map((code) => indicatorOrThrow(ctx, code));
    return chartImage(ctx, {
      id: `${slug(s.title)}-${i + 1}`,
      kind: 'line',
      title: c.title ?? chartDefs[0]!.labelFr,
      subtitle: `${unitTitle(ctx.unit)} — ${quarterShortLabel(periods[0]!)} à ${quarterShortLabel(periods[periods.length - 1]!)}`,
      labels: periods.map(quarterShortLabel),
      datasets: chartDefs.map((d) => ({
        label: d.labelFr,
        data: periods.map((p) => ctx.figures.get(d.code, ctx.unit.code, p).value),
      })),
      unit: chartDefs[0]!.unit,
    });
  });
  return {
    title: s.title,
    sheetName: s.title,
    notes: [
      `${unitTitle(ctx.unit)} : évolution sur ${periods.length} trimestres jusqu'au ${quarterLabel(ctx.quarter)} (cellule vide : aucune donnée consolidée).`,
    ],
    tables: [table],
    images,
  };
}
