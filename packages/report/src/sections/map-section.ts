import { basename } from 'node:path';
import type { IndicatorDefinition } from '@oise/catalog';
import { quarterLabel } from '@oise/core';
import type { BuiltColumn, BuiltImage, BuiltSection } from '../built-report.js';
import { unitCompleteness } from '../completeness.js';
import { type MapChoice, chooseMaps } from '../map-choice.js';
import { renderMap } from '../render-map.js';
import { type ReportContext, formatOf, slug, unitTitle } from '../report-context.js';
import type { SectionDefinition } from '../report-definition.js';

type Definition = Extract<SectionDefinition, { type: 'map' }>;

/** Drawn for an A4 landscape page with its caption above. */
export const MAP_SIZE = { width: 1100, height: 760 } as const;

const LEVEL_NAMES: Record<string, string> = { region: 'région', cercle: 'cercle', commune: 'commune' };

/**
 * Choropleths over the features of the boundary file (regions or cercles), with the table of
 * the values they show: the completeness of the quarter, then one indicator per domain (or the
 * ones of `report.map-indicators`), each only when it has data. Without boundaries, a note says
 * how to get them.
 */
export async function buildMapSection(ctx: ReportContext, s: Definition): Promise<BuiltSection> {
  if (!ctx.boundaries) {
    return {
      title: s.title,
      sheetName: s.title,
      notes: [
        "Carte non produite : le nœud n'a pas encore de limites. Au national, importez-les une fois (oise territory boundaries import --dir DOSSIER mali-regions.geojson …) : elles descendent avec le territoire ; ou relancez « oise report » avec --boundaries FICHIER.geojson (régions ou cercles).",
      ],
      tables: [],
      images: [],
    };
  }
  const features = ctx.boundaries.features;
  const known = features.filter(
    (f) => ctx.hierarchy.get(f.code) !== undefined && ctx.hierarchy.isWithin(f.code, ctx.unit.code),
  );
  const valuesOf = (def: IndicatorDefinition) =>
    new Map<string, number | null>(
      known.map((f) => [f.code, ctx.figures.get(def.code, f.code, ctx.period).value]),
    );
  const completeness = new Map<string, number | null>();
  if (s.completeness)
    for (const f of known) {
      const c = await unitCompleteness(ctx, f.code);
      completeness.set(f.code, c.rate);
    }
  const anyone = [...completeness.values()].some((v) => v !== null && v > 0);
  const { maps, notes } = chooseMaps(
    ctx,
    {
      indicators: ctx.mapIndicators ?? s.indicators ?? [],
      domains: s.domains === true,
      completeness: s.completeness === true && anyone,
    },
    (def) => [...valuesOf(def).values()].some((v) => v !== null),
  );
  if (s.completeness && !anyone)
    notes.unshift(
      `Carte de complétude non publiée : aucune commune n'a saisi au ${quarterLabel(ctx.quarter)}.`,
    );
  const level = LEVEL_NAMES[ctx.boundaries.level] ?? ctx.boundaries.level;
  const method = s.method ?? 'quantile';
  const columns: BuiltColumn[] = [
    { header: 'Code', format: 'text', width: 12 },
    { header: 'Collectivité', format: 'text', width: 22 },
  ];
  const series: (Map<string, number | null> | undefined)[] = [];
  const images: BuiltImage[] = [];
  maps.forEach((map, i) => {
    const drawn = drawMap(ctx, map, { level, method, completeness, valuesOf });
    columns.push(drawn.column);
    series.push(drawn.tableValues);
    images.push({ ...drawn.image, caption: `Carte ${i + 1} sur ${maps.length} — ${drawn.caption}` });
  });
  return {
    title: s.title,
    sheetName: s.title,
    notes: [
      maps.length === 0
        ? `Aucune carte : aucune donnée par ${level} au ${quarterLabel(ctx.quarter)}.`
        : `${maps.length} carte(s) par ${level}, ${quarterLabel(ctx.quarter)}${s.completeness ? ' : la complétude des données' : ''}${s.domains ? `${s.completeness ? ', puis' : ' :'} un indicateur par domaine (celui de report.map-indicators, sinon le premier qui a des données, les taux d'abord)` : ''}. Une carte sans aucune donnée n'est pas publiée. En gris : pas de données.`,
      ...notes,
      `Limites : ${basename(ctx.boundaries.file)}`,
    ],
    tables:
      maps.length === 0
        ? []
        : [
            {
              columns,
              rows: known.map((f) => ({
                cells: [
                  f.code,
                  ctx.hierarchy.get(f.code)?.name ?? f.name,
                  ...series.map((values) => values?.get(f.code) ?? null),
                ],
              })),
            },
          ],
    images,
  };
}

function drawMap(
  ctx: ReportContext,
  map: MapChoice,
  options: {
    level: string;
    method: 'quantile' | 'equal';
    completeness: ReadonlyMap<string, number | null>;
    valuesOf: (def: IndicatorDefinition) => Map<string, number | null>;
  },
): { image: BuiltImage; column: BuiltColumn; tableValues: Map<string, number | null>; caption: string } {
  const subtitle = `${unitTitle(ctx.unit)} — ${quarterLabel(ctx.quarter)}`;
  const byLevel = `par ${options.level}`;
  const what =
    map.kind === 'completeness'
      ? {
          id: `${ctx.stem}-carte-completude`,
          title: `Complétude des données ${byLevel}`,
          legend: 'Communes ayant saisi (%)',
          // The map classes percentages; the table keeps the share (0 to 1) as a percent cell.
          values: new Map([...options.completeness].map(([k, v]) => [k, v === null ? null : v * 100])),
          tableValues: new Map(options.completeness),
          column: {
            header: 'Communes ayant saisi',
            unit: '%',
            format: 'percent',
            width: 14,
          } as BuiltColumn,
          digits: 1,
          label:
            'Complétude des données (communes ayant saisi au moins une valeur sur les communes attendues)',
        }
      : (() => {
          const values = options.valuesOf(map.def);
          return {
            id: `${ctx.stem}-carte-${slug(map.def.code)}`,
            title: `${map.def.labelFr} ${byLevel}`,
            legend: `${map.def.labelFr} (${map.def.unit})`,
            values,
            tableValues: values,
            column: {
              header: map.def.labelFr,
              unit: map.def.unit,
              key: map.def.code,
              format: formatOf(map.def),
              width: 16,
            } as BuiltColumn,
            digits: formatOf(map.def) === 'integer' ? 0 : 1,
            label: `${map.def.labelFr} (${map.def.unit})${map.configured ? ', choisi dans report.map-indicators' : ''}`,
          };
        })();
  const { png, classes } = renderMap({
    id: what.id,
    title: what.title,
    subtitle,
    legendTitle: what.legend,
    features: ctx.boundaries!.features,
    values: what.values,
    method: options.method,
    fractionDigits: what.digits,
    ...MAP_SIZE,
  });
  const caption = `${what.label}, ${quarterLabel(ctx.quarter)}. Classes par ${options.method === 'equal' ? 'intervalles égaux' : 'quantiles'} : ${classes.map((c) => c.label).join(' ; ')}. En gris : pas de données.`;
  return {
    image: { id: what.id, title: what.title, png, ...MAP_SIZE },
    column: what.column,
    tableValues: what.tableValues,
    caption,
  };
}
