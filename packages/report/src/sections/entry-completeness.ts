import { quarterLabel } from '@oise/core';
import type { BuiltColumn, BuiltSection } from '../built-report.js';
import { entryCompleteness, unitCompleteness } from '../completeness.js';
import {
  type ReportContext,
  chartImage,
  childUnits,
  enterableIndicators,
  unitTitle,
} from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'entry-completeness' }>;

/**
 * Completeness of each unit side by side. For a cercle's communes: indicators entered out of
 * those expected. Above: communes reporting (as `oise status` counts them), entries received
 * and expected, entries on time.
 */
export async function buildEntryCompleteness(ctx: ReportContext, s: Definition): Promise<BuiltSection> {
  const units = childUnits(ctx);
  const communes = units[0]?.level === 'commune';
  const columns: BuiltColumn[] = [
    { header: 'Code', format: 'text', width: 12 },
    { header: 'Collectivité', format: 'text', width: 24 },
  ];
  if (!communes)
    columns.push(
      { header: 'Communes ayant saisi', unit: 'nombre', format: 'integer', sum: true, width: 14 },
      { header: 'Communes attendues', unit: 'nombre', format: 'integer', sum: true, width: 14 },
    );
  columns.push(
    {
      header: communes ? 'Indicateurs saisis' : 'Saisies reçues',
      unit: 'nombre',
      format: 'integer',
      sum: true,
      width: 15,
    },
    {
      header: communes ? 'Indicateurs attendus' : 'Saisies attendues',
      unit: 'nombre',
      format: 'integer',
      sum: true,
      width: 15,
    },
    { header: 'Complétude', unit: '%', format: 'percent', width: 13 },
  );
  if (!communes)
    columns.push(
      { header: 'Saisies à temps', unit: 'nombre', format: 'integer', sum: true, width: 15 },
      { header: 'Ponctualité', unit: '%', format: 'percent', width: 13 },
    );
  const line = async (code: string, name: string) => {
    const e = entryCompleteness(ctx, code);
    if (communes) return { cells: [code, name, e.reporting, e.expected, e.rate], rate: e.rate };
    const c = await unitCompleteness(ctx, code);
    return {
      cells: [
        code,
        name,
        c.reporting,
        c.expected,
        e.reporting,
        e.expected,
        e.rate,
        e.onTime,
        e.reporting > 0 ? e.onTime / e.reporting : null,
      ],
      rate: e.rate,
    };
  };
  const rows = [];
  for (const u of units) rows.push(await line(u.code, u.name));
  const total = await line(ctx.unit.code, `Total ${unitTitle(ctx.unit)}`);
  const images =
    s.chart === false || units.length === 0
      ? []
      : [
          chartImage(ctx, {
            id: 'completude',
            kind: units.length > 12 ? 'horizontal-bar' : 'bar',
            title: communes ? 'Complétude de la saisie par commune' : 'Complétude des saisies',
            subtitle: `${unitTitle(ctx.unit)} — ${quarterLabel(ctx.quarter)}`,
            labels: units.map((u) => u.name),
            datasets: [
              {
                label: 'Complétude',
                data: rows.map((r) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10)),
              },
            ],
            unit: '%',
          }),
        ];
  return {
    title: s.title,
    sheetName: s.title,
    notes: [
      `${quarterLabel(ctx.quarter)} : valeurs reçues sur valeurs attendues pour les ${enterableIndicators(ctx).length} indicateurs saisis par les CCC (les taux sont calculés, jamais saisis)${communes ? '' : ' ; communes ayant au moins une valeur sur les communes attendues'}.`,
    ],
    tables: [{ columns, rows: rows.map((r) => ({ cells: r.cells })), total: { cells: total.cells } }],
    images,
  };
}
