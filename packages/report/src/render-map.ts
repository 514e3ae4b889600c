import { createCanvas } from '@napi-rs/canvas';
import { type ClassMethod, NO_DATA_COLOR, type ValueClass, classBreaks, colorOf } from './class-breaks.js';
import { ensureReportFonts } from './fonts.js';
import type { BoundaryFeature, Ring } from './geo-boundaries.js';

/** A choropleth: one value per feature code (null or absent = no data). */
export interface MapSpec {
  id: string;
  title: string;
  subtitle?: string;
  /** Legend heading, with the unit: « Élèves inscrits (nombre) ». */
  legendTitle: string;
  features: BoundaryFeature[];
  values: ReadonlyMap<string, number | null>;
  method?: ClassMethod;
  fractionDigits?: number;
  /** Write each unit's name on the map (default: when there are at most 15 features). */
  labels?: boolean;
  width: number;
  height: number;
}

export interface RenderedMap {
  png: Buffer;
  classes: ValueClass[];
}

const LEGEND_WIDTH = 300;
const TITLE_HEIGHT = 70;
const MARGIN = 20;

/**
 * Draws a choropleth: equirectangular projection corrected by cos(latitude) at the map's
 * centre, classes by quantiles or equal intervals on a sequential palette, grey for units
 * without data, a French legend and the title.
 */
export function renderMap(spec: MapSpec): RenderedMap {
  const family = ensureReportFonts();
  const values = spec.features
    .map((f) => spec.values.get(f.code))
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const classes = classBreaks(values, spec.method ?? 'quantile', 5, spec.fractionDigits ?? 1);
  const canvas = createCanvas(spec.width, spec.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, spec.width, spec.height);

  // Projection: x = lon · cos(lat0), y = -lat, scaled to fit the map area.
  let minLon = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const f of spec.features)
    for (const poly of f.polygons)
      for (const [lon, lat] of poly[0] ?? []) {
        minLon = Math.min(minLon, lon);
        maxLon = Math.max(maxLon, lon);
        minLat = Math.min(minLat, lat);
        maxLat = Math.max(maxLat, lat);
      }
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const areaW = spec.width - LEGEND_WIDTH - 2 * MARGIN;
  const areaH = spec.height - TITLE_HEIGHT - 2 * MARGIN;
  const scale = Math.min(areaW / ((maxLon - minLon) * k || 1), areaH / (maxLat - minLat || 1));
  const offX = MARGIN + (areaW - (maxLon - minLon) * k * scale) / 2;
  const offY = TITLE_HEIGHT + MARGIN + (areaH - (maxLat - minLat) * scale) / 2;
  const project = (lon: number, lat: number): [number, number] => [
    offX + (lon - minLon) * k * scale,
    offY + (maxLat - lat) * scale,
  ];
  const tracePolygon = (rings: Ring[]) => {
    for (const ring of rings) {
      ring.forEach(([lon, lat], i) => {
        const [x, y] = project(lon, lat);
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.closePath();
    }
  };

  for (const f of spec.features) {
    ctx.beginPath();
    for (const poly of f.polygons) tracePolygon(poly);
    ctx.fillStyle = colorOf(spec.values.get(f.code), classes);
    ctx.fill('evenodd');
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = spec.features.length > 20 ? 0.8 : 1.5;
    ctx.stroke();
  }
  ctx.beginPath();
  for (const f of spec.features) for (const poly of f.polygons) tracePolygon(poly.slice(0, 1));
  ctx.strokeStyle = '#555555';
  ctx.lineWidth = 0.6;
  ctx.stroke();

  if (spec.labels ?? spec.features.length <= 15) {
    ctx.font = `bold 14px "${family}"`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const f of spec.features) {
      const [x, y] = labelPoint(f, project);
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.85)';
      ctx.strokeText(f.name, x, y);
      ctx.fillStyle = '#111111';
      ctx.fillText(f.name, x, y);
    }
  }

  // Title
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#111111';
  ctx.font = `bold 20px "${family}"`;
  ctx.fillText(spec.title, MARGIN, 32, spec.width - 2 * MARGIN);
  if (spec.subtitle) {
    ctx.font = `14px "${family}"`;
    ctx.fillStyle = '#444444';
    ctx.fillText(spec.subtitle, MARGIN, 56, spec.width - 2 * MARGIN);
  }

  // Legend: the classes (high first), then « Pas de données ».
  const lx = spec.width - LEGEND_WIDTH + 10;
  let ly = TITLE_HEIGHT + MARGIN + 10;
  ctx.fillStyle = '#111111';
  ctx.font = `bold 14px "${family}"`;
  for (const line of wrap(spec.legendTitle, 30)) {
    ctx.fillText(line, lx, ly);
    ly += 20;
  }
  ly += 6;
  ctx.font = `14px "${family}"`;
  const entries = [
    ...[...classes].reverse().map((c) => ({ color: c.color, label: c.label })),
    { color: NO_DATA_COLOR, label: 'Pas de données' },
  ];
  for (const e of entries) {
    ctx.fillStyle = e.color;
    ctx.fillRect(lx, ly - 14, 28, 18);
    ctx.strokeStyle = '#555555';
    ctx.lineWidth = 1;
    ctx.strokeRect(lx, ly - 14, 28, 18);
    ctx.fillStyle = '#111111';
    ctx.fillText(e.label, lx + 38, ly);
    ly += 28;
  }
  return { png: canvas.toBuffer('image/png'), classes };
}

/** The centre of the bounding box of the feature's largest outer ring. */
function labelPoint(
  f: BoundaryFeature,
  project: (lon: number, lat: number) => [number, number],
): [number, number] {
  let best: Ring = [];
  let bestArea = -1;
  for (const poly of f.polygons) {
    const ring = poly[0] ?? [];
    let area = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
      area += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
    if (Math.abs(area) > bestArea) {
      bestArea = Math.abs(area);
      best = ring;
    }
  }
  const lons = best.map((p) => p[0]);
  const lats = best.map((p) => p[1]);
  return project((Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2);
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && (line + ' ' + word).length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
