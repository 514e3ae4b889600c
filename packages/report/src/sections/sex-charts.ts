import type { BuiltImage } from '../built-report.js';
import { SEX_COLORS } from '../chart-spec.js';
import { type ReportContext, chartImage } from '../report-context.js';

/** A doughnut of women and men (« Femmes : 96 (33 %) »), as the reports show shares by sex. */
export function sexDoughnut(
  ctx: ReportContext,
  chart: { id: string; title: string; subtitle: string; label: string },
  women: number,
  men: number,
): BuiltImage {
  return chartImage(ctx, {
    ...chart,
    kind: 'doughnut',
    labels: ['Femmes', 'Hommes'],
    datasets: [{ label: chart.label, data: [women, men], color: `${SEX_COLORS.F},${SEX_COLORS.M}` }],
    width: 760,
    height: 420,
  });
}

/** Bars stacked by sex, one per label, women first. */
export function sexStackedBars(
  ctx: ReportContext,
  chart: { id: string; title: string; subtitle: string; unit: string },
  bars: { label: string; f: number; m: number }[],
): BuiltImage {
  return chartImage(ctx, {
    ...chart,
    kind: 'stacked-bar',
    labels: bars.map((b) => b.label),
    datasets: (['F', 'M'] as const).map((cat) => ({
      label: cat === 'F' ? 'Femmes' : 'Hommes',
      color: SEX_COLORS[cat],
      data: bars.map((b) => (cat === 'F' ? b.f : b.m)),
    })),
  });
}
