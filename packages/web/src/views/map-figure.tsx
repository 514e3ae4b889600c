import type { BoundaryLevel } from '@oise/catalog';
import { classBreaks, colorOf } from '@oise/report';
import { raw } from 'hono/html';
import { CARTE_SCRIPT_PATH, D3_ARRAY_PATH, D3_GEO_PATH } from '../assets/carte-js.js';
import { LEVEL_PATHS, carteText } from '../messages/carte.js';
import { type Lang, text } from '../messages/lang.js';
import { formatCount, formatNumber } from './format.js';

/** One unit on a map: its figure (null = no data) and the text said for it (« 1 234 », « 45 % »). */
export interface MapValue {
  code: string;
  name: string;
  value: number | null;
  text: string;
  /** Where a click (or Enter) on the unit goes: its drill-down. */
  href?: string;
}

export interface MapFigureProps {
  /** The figure's id (unique on the page), also the PNG's file name. */
  id: string;
  level: BoundaryLevel;
  /** Only the units under this one (a region's cercles). */
  parent?: string;
  caption: string;
  /** The legend's heading, with the unit: « Communes ayant transmis (%) ». */
  legendTitle: string;
  values: MapValue[];
  /** Decimals of the class limits in the legend (default 1). */
  fractionDigits?: number;
  /** The page's language: the legend's words and numbers, the script's words (default French). */
  lang?: Lang;
}

/** The GeoJSON of a level's boundaries for the browser (`GET /carte/limites/:niveau`). */
export function boundariesHref(level: BoundaryLevel, parent?: string): string {
  const base = `/carte/limites/${LEVEL_PATHS[level]}`;
  return parent ? `${base}?parent=${encodeURIComponent(parent)}` : base;
}

/**
 * A choropleth map: a `<figure>` holding its data as a JSON block, the legend (classes by
 * report's `classBreaks`, in the page's numbers; hatched « pas de données »), the PNG button and a
 * `<figcaption>`. `/static/carte.js` draws the SVG from the level's stored boundaries with
 * d3-geo; without the script the legend and caption stay, and the figures are in the page's
 * table. Several maps may share a page (the scripts run once).
 */
export function MapFigure(props: MapFigureProps) {
  const numbers = props.values
    .map((v) => v.value)
    .filter((v): v is number => v !== null && Number.isFinite(v));
  const lang = props.lang ?? 'fr';
  const t = text(lang, carteText);
  const digits = props.fractionDigits ?? 1;
  const number = (n: number) => formatNumber(n, digits, lang);
  const classes = classBreaks(numbers, 'quantile', 5, digits, (from, to, last) =>
    to === undefined ? number(from) : t.classRange(number(from), number(to), last),
  );
  const noDataCount = props.values.filter((v) => v.value === null || !Number.isFinite(v.value)).length;
  const data = {
    caption: props.caption,
    legendTitle: props.legendTitle,
    classes: classes.map((c) => ({ color: c.color, label: c.label })),
    noDataCount,
    values: props.values.map((v) => ({
      code: v.code,
      name: v.name,
      text: v.text,
      color: v.value === null ? null : colorOf(v.value, classes),
      ...(v.href ? { href: v.href } : {}),
    })),
    text: {
      noData: t.noData,
      unavailable: t.unavailable,
      noBoundaries: t.noBoundaries,
      missingOutline: t.missingOutline,
      separator: t.separator,
    },
  };
  // A data block, not a script: `<` escaped so no value can close the element.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const hatchId = `${props.id}-hachures-legende`;
  return (
    <figure class="carte" id={props.id} data-carte={boundariesHref(props.level, props.parent)}>
      {/* Fetched while the scripts load (the same request as carte.js's `fetch`, so reused). */}
      <link
        rel="preload"
        href={boundariesHref(props.level, props.parent)}
        as="fetch"
        crossorigin="anonymous"
      />
      <div class="carte-dessin" data-carte-dessin="">
        <p>{t.loading}</p>
      </div>
      <p class="carte-etiquette" data-carte-etiquette="" hidden aria-hidden="true" />
      <script type="application/json" data-carte-donnees="">
        {raw(json)}
      </script>
      <div class="carte-legende">
        <p class="carte-legende-titre">{props.legendTitle}</p>
        <ul>
          {classes.map((c) => (
            <li key={c.label}>
              <svg width="22" height="14" aria-hidden="true" focusable="false">
                <rect width="22" height="14" fill={c.color} stroke="#555555" />
              </svg>{' '}
              {c.label}
            </li>
          ))}
          {noDataCount > 0 ? (
            <li>
              <svg width="22" height="14" aria-hidden="true" focusable="false">
                <defs>
                  <pattern
                    id={hatchId}
                    patternUnits="userSpaceOnUse"
                    width="6"
                    height="6"
                    patternTransform="rotate(45)"
                  >
                    <rect width="6" height="6" fill="#f4f4f4" />
                    <line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a8a" stroke-width="2" />
                  </pattern>
                </defs>
                <rect width="22" height="14" fill={`url(#${hatchId})`} stroke="#555555" />
              </svg>{' '}
              {t.noData} ({formatCount(noDataCount, lang)})
            </li>
          ) : null}
        </ul>
        <button type="button" data-carte-png="" hidden>
          {t.download}
        </button>
      </div>
      <figcaption>{props.caption}</figcaption>
      {/* Not deferred: the map is drawn while the rest of the page is parsed (carte-js.ts). */}
      <script src={D3_ARRAY_PATH} />
      <script src={D3_GEO_PATH} />
      <script src={CARTE_SCRIPT_PATH} />
    </figure>
  );
}
