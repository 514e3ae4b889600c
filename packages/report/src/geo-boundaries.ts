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
 * `commune_code`/`commune_name`. A French error names the file and the feature at fault.
 */
export function readBoundaries(file: string): Boundaries {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new OiseError(
      'BOUNDARIES_UNREADABLE',
      `Le fichier de limites « ${file} » est illisible ou n'est pas du JSON : donnez un fichier GeoJSON (--boundaries).`,
      { file },
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
      `Le fichier « ${file} » n'est pas une FeatureCollection GeoJSON non vide.`,
      { file },
    );
  }
  const props = features.map(
    (f) => ((f as { properties?: Record<string, unknown> }).properties ?? {}) as Record<string, unknown>,
  );
  const keys = CODE_KEYS.find((k) => props.every((p) => typeof p[k.code] === 'string'));
  if (!keys) {
    throw new OiseError(
      'BOUNDARIES_NO_CODE',
      `Les entités de « ${file} » n'ont pas toutes une propriété region_code, cercle_code ou commune_code : ajoutez le code P-code de chaque collectivité.`,
      { file },
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
          `Entité n° ${index + 1} (${String(p[keys.code])}) de « ${file} » : géométrie ${geometry?.type ?? 'absente'} ; seules Polygon et MultiPolygon sont acceptées.`,
          { file, feature: index + 1 },
        );
      }
      return { code: String(p[keys.code]), name: String(p[keys.name] ?? p[keys.code]), polygons };
    }),
  };
}
