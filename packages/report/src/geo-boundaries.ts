import { readFileSync } from 'node:fs';
import { OiseError } from '@oise/core';

/** A polygon ring: [longitude, latitude] pairs. */
export type Ring = [number, number][];

export interface BoundaryFeature {
  code: string;
  name: string;
  /** Polygons, each an outer ring followed by its holes. */
  polygons: Ring[][];
}

export interface Boundaries {
  file: string;
  /** The org-unit level the features describe, from their code property. */
  level: 'region' | 'cercle' | 'commune';
  features: BoundaryFeature[];
}

/** Property names tried, most detailed level first (the OCHA-derived files of ../shared/data). */
const CODE_KEYS = [
  { level: 'commune', code: 'commune_code', name: 'commune_name' },
  { level: 'cercle', code: 'cercle_code', name: 'cercle_name' },
  { level: 'region', code: 'region_code', name: 'region_name' },
] as const;

/**
 * Reads a GeoJSON FeatureCollection of Polygon/MultiPolygon features in WGS 84 whose
 * properties carry `region_code`/`region_name`, `cercle_code`/`cercle_name` or
 * `commune_code`/`commune_name`. A French error names the file (as `name`, by default its
 * path) and the feature at fault.
 */
export function readBoundaries(file: string, name: string = file): Boundaries {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new OiseError(
      'BOUNDARIES_UNREADABLE',
      `Le fichier de limites « ${name} » est illisible ou n'est pas du JSON : donnez un fichier GeoJSON (--boundaries).`,
      { file: name },
      { cause },
    );
  }
  const features = (doc as { type?: string; features?: unknown[] }).features;
  if (
    (doc as { type?: string }).type !== 'FeatureCollection' ||
    !Array.isArray(features) ||
    !features.length
  ) {
    throw new OiseError(
      'BOUNDARIES_INVALID',
      `Le fichier « ${name} » n'est pas une FeatureCollection GeoJSON non vide.`,
      { file: name },
    );
  }
  const props = features.map(
    (f) => ((f as { properties?: Record<string, unknown> }).properties ?? {}) as Record<string, unknown>,
  );
  const keys = CODE_KEYS.find((k) => props.every((p) => typeof p[k.code] === 'string'));
  if (!keys) {
    throw new OiseError(
      'BOUNDARIES_NO_CODE',
      `Les entités de « ${name} » n'ont pas toutes une propriété region_code, cercle_code ou commune_code : ajoutez le code P-code de chaque collectivité.`,
      { file: name },
    );
  }
  return {
    file,
    level: keys.level,
    features: features.map((f, index) => {
      const p = props[index]!;
      const geometry = (f as { geometry?: { type?: string; coordinates?: unknown } }).geometry;
      const polygons =
        geometry?.type === 'Polygon'
          ? [geometry.coordinates as Ring[]]
          : geometry?.type === 'MultiPolygon'
            ? (geometry.coordinates as Ring[][])
            : undefined;
      if (!polygons) {
        throw new OiseError(
          'BOUNDARIES_GEOMETRY',
          `Entité n° ${index + 1} (${String(p[keys.code])}) de « ${name} » : géométrie ${geometry?.type ?? 'absente'} ; seules Polygon et MultiPolygon sont acceptées.`,
          { file: name, feature: index + 1 },
        );
      }
      return { code: String(p[keys.code]), name: String(p[keys.name] ?? p[keys.code]), polygons };
    }),
  };
}
