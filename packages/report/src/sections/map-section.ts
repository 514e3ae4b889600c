import { quarterLabel } from '@oise/core';
import type { BuiltSection } from '../built-report.js';
import { renderMap } from '../render-map.js';
import {
  LEVEL_PLURALS,
  type ReportContext,
  formatOf,
  indicatorOrThrow,
  unitTitle,
} from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'map' }>;

export const MAP_SIZE = { width: 1100, height: 860 } as const;

/**
 * A choropleth of one indicator over the features of the `--boundaries` file (regions or
 * cercles), with the table of the values it shows. Without boundaries, a note says how to get it.
 */
export function buildMapSection(ctx: ReportContext, s: Definition): BuiltSection {
  const def = indicatorOrThrow(ctx, s.indicator);
  if (!ctx.boundaries) {
    return {
      title: s.title,
      sheetName: s.title,
      notes: [
        "Carte non produite : aucun fichier de limites n'a été donné. Relancez « oise report » avec --boundaries FICHIER.geojson (régions ou cercles).",
      ],
      tables: [],
      images: [],
    };
  }
  const features = ctx.boundaries.features;
  const known = (code: string) => {
    const u = ctx.hierarchy.get(code);
    return u !== undefined && ctx.hierarchy.isWithin(code, ctx.unit.code);
  };
  const values = new Map<string, number | null>(
    features.map((f) => [f.code, known(f.code) ? ctx.figures.get(def.code, f.code, ctx.period).value : null]),
  );
  const level = LEVEL_PLURALS[ctx.boundaries.level]?.toLowerCase() ?? ctx.boundaries.level;
  const title = `${def.labelFr} par ${ctx.boundaries.level === 'region' ? 'région' : ctx.boundaries.level}`;
  const { png, classes } = renderMap({
    id: `${ctx.stem}-carte`,
    title,
    subtitle: `${unitTitle(ctx.unit)} — ${quarterLabel(ctx.quarter)}`,
    legendTitle: `${def.labelFr} (${def.unit})`,
    features,
    values,
    method: s.method ?? 'quantile',
    fractionDigits: formatOf(def) === 'integer' ? 0 : 1,
    ...MAP_SIZE,
  });
  return {
    title: s.title,
    sheetName: s.title,
    notes: [
      `Carte par ${level.replace(/s$/, '')} : ${def.labelFr} (${def.unit}), ${quarterLabel(ctx.quarter)}. Classes par ${s.method === 'equal' ? 'intervalles égaux' : 'quantiles'} : ${classes.map((c) => c.label).join(' ; ') || 'aucune donnée'}. En gris : pas de données.`,
      `Limites : ${ctx.boundaries.file}`,
    ],
    tables: [
      {
        columns: [
          { header: 'Code', format: 'text', width: 12 },
          { header: 'Collectivité', format: 'text', width: 24 },
          { header: def.labelFr, unit: def.unit, key: def.code, format: formatOf(def), width: 20 },
        ],
        rows: features
          .filter((f) => known(f.code))
          .map((f) => ({
            cells: [f.code, ctx.hierarchy.get(f.code)?.name ?? f.name, values.get(f.code) ?? null],
          })),
      },
    ],
    images: [{ id: `${ctx.stem}-carte`, title, png, ...MAP_SIZE }],
  };
}
