import type { IndicatorDefinition } from '@oise/catalog';
import {
  addQuarters,
  countFr,
  formatNumberFr,
  formatQuarter,
  quarterLabel,
  quarterShortLabel,
} from '@oise/core';
import type { BuiltSection } from '../built-report.js';
import { describeChange } from '../figure-change.js';
import { type ReportContext, formatOf, indicatorOrThrow, unitTitle } from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'key-figures' }>;

/** The quarter before the report's, as `2024Q4`. */
export function previousPeriod(ctx: Pick<ReportContext, 'quarter'>): string {
  return formatQuarter(addQuarters(ctx.quarter, -1));
}

/** « Taux d'accouchements assistés (%) »; a plain count keeps its label alone. */
function labelWithUnit(def: IndicatorDefinition): string {
  return def.unit && def.unit !== 'nombre' ? `${def.labelFr} (${def.unit})` : def.labelFr;
}

/**
 * The unit's key figures of the quarter (as `oise query` gives them) beside the quarter before,
 * their difference and the change in words (`describeChange`: rates in points, the rest in %).
 */
export function buildKeyFigures(ctx: ReportContext, s: Definition): BuiltSection {
  const previous = previousPeriod(ctx);
  const defs = s.indicators.map((code) => indicatorOrThrow(ctx, code));
  const rows = defs.map((d) => {
    const current = ctx.figures.get(d.code, ctx.unit.code, ctx.period).value;
    const before = ctx.figures.get(d.code, ctx.unit.code, previous).value;
    const change = describeChange(current, before, { points: d.unit === '%' });
    return {
      cells: [labelWithUnit(d), current, before, change.difference, change.words],
      format: formatOf(d),
    };
  });
  const reported = rows.filter((r) => r.cells[1] !== null).length;
  return {
    title: s.title,
    sheetName: s.title,
    notes: [
      `${unitTitle(ctx.unit)}, ${quarterLabel(ctx.quarter)}, comparé au ${quarterLabel(previous)} : ${countFr(reported, 'chiffre')} sur ${formatNumberFr(defs.length)}. Les taux évoluent en points, les autres chiffres en pourcentage.`,
    ],
    tables: [
      {
        columns: [
          { header: 'Indicateur', format: 'text' },
          { header: quarterShortLabel(ctx.period), key: ctx.period, format: 'decimal' },
          { header: quarterShortLabel(previous), key: previous, format: 'decimal' },
          { header: 'Écart', format: 'decimal' },
          { header: 'Évolution', format: 'text' },
        ],
        rows,
        emptyText: 'Aucun indicateur.',
      },
    ],
    images: [],
  };
}
