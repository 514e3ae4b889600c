import type { BoundaryFeature } from '@oise/catalog';
import { NO_DATA_COLOR, classBreaks, colorOf, frenchClassLabel } from '@oise/report';
import { geoMercator, geoPath } from 'd3-geo';
import { type Html, html, raw } from './html.js';

/** One unit on a map: its figure (null = no data) and the text said for it. */
export interface MapValue {
  code: string;
  name: string;
  value: number | null;
  text: string;
}

export interface SvgMapOptions {
  /** Unique on the page: the hatch pattern's id. */
  id: string;
  features: readonly BoundaryFeature[];
  values: readonly MapValue[];
  /** The unit drawn with a thick outline (the page's own). */
  highlight?: string | undefined;
  caption: string;
  legendTitle: string;
  fractionDigits: number;
}

const WIDTH = 640;

/**
 * A choropleth drawn now, as inline SVG (d3-geo's `geoPath()` without a context gives the path
 * strings): the same classes and colours as the reports and the pages (report's `classBreaks`,
 * `colorOf`), units without data hatched, the page's own unit with a thick black outline. The
 * SVG is one image (role="img", its aria-label the caption); the legend says every class in
 * words and the page's table gives the figures. Undefined when no unit has an outline.
 */
export function svgMap(options: SvgMapOptions): Html | undefined {
  const features = options.features.filter((f) => f.polygons.length > 0);
  if (features.length === 0) return undefined;
  const numbers = options.values
    .map((v) => v.value)
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const classes = classBreaks(
    numbers,
    'quantile',
    5,
    options.fractionDigits,
    frenchClassLabel(options.fractionDigits),
  );
  const byCode = new Map(options.values.map((v) => [v.code, v]));
  let west = Number.POSITIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (const f of features)
    for (const polygon of f.polygons)
      for (const ring of polygon)
        for (const [lon, lat] of ring) {
          west = Math.min(west, lon);
          east = Math.max(east, lon);
          south = Math.min(south, lat);
          north = Math.max(north, lat);
        }
  const box = {
    type: 'MultiPoint' as const,
    coordinates: [
      [west, south],
      [east, north],
    ],
  };
  const mercator = () =>
    geoMercator()
      .precision(0)
      .preclip((stream) => stream);
  const probe = geoPath(mercator().fitWidth(WIDTH - 16, box)).bounds(box);
  const height = Math.min(560, Math.max(200, Math.ceil(probe[1][1] - probe[0][1]) + 16));
  const path = geoPath(
    mercator().fitExtent(
      [
        [8, 8],
        [WIDTH - 8, height - 8],
      ],
      box,
    ),
  ).digits(1);
  const hatch = `${options.id}-hachures`;
  const shapes: string[] = [];
  let highlighted = '';
  for (const f of features) {
    const unit = byCode.get(f.code);
    const d = path({ type: 'MultiPolygon', coordinates: f.polygons }) ?? '';
    const fill = unit && unit.value !== null ? colorOf(unit.value, classes) : `url(#${hatch})`;
    const title = html`<title>${unit?.name ?? f.name} : ${unit?.text ?? 'pas de données'}</title>`;
    if (f.code === options.highlight)
      highlighted = html`<path d="${d}" fill="${fill}" stroke="#000000" stroke-width="3">${title}</path>`
        .text;
    else
      shapes.push(
        html`<path d="${d}" fill="${fill}" stroke="#6b6b6b" stroke-width="${features.length > 60 ? 0.4 : 0.8}">${title}</path>`
          .text,
      );
  }
  const noData = options.values.filter((v) => v.value === null).length;
  return html`<figure class="carte">
<svg viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${options.caption}" preserveAspectRatio="xMidYMid meet">
<defs><pattern id="${hatch}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a8a" stroke-width="2"/></pattern></defs>
<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>
${raw(shapes.join(''))}${raw(highlighted)}
</svg>
<div class="legende"><p class="legende-titre">${options.legendTitle}</p><ul>
${classes.map((c) => html`<li><span class="pastille" style="background:${c.color}" aria-hidden="true"></span> ${c.label}</li>`)}
${noData > 0 ? html`<li><span class="pastille hachures" style="background:${NO_DATA_COLOR}" aria-hidden="true"></span> pas de données (${noData})</li>` : ''}
${options.highlight ? html`<li><span class="pastille entouree" aria-hidden="true"></span> trait noir épais : la collectivité de cette page</li>` : ''}
</ul></div>
<figcaption>${options.caption}</figcaption>
</figure>`;
}
