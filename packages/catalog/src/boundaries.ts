import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { OiseError, countFr, formatNumberFr } from '@oise/core';
import type { Database } from '@oise/schema';
import type { Kysely } from 'kysely';
import { loadHierarchy } from './hierarchy.js';

/** A polygon ring: [longitude, latitude] pairs, the last equal to the first. */
export type Ring = [number, number][];

/** The levels a boundary file describes. */
export type BoundaryLevel = 'region' | 'cercle' | 'commune';

export interface BoundaryFeature {
  code: string;
  name: string;
  /** Polygons, each an exterior ring (clockwise, as d3-geo draws it) followed by its holes. */
  polygons: Ring[][];
}

/** A checked boundary file: its name, the level its features describe, the features. */
export interface BoundaryFile {
  file: string;
  level: BoundaryLevel;
  features: BoundaryFeature[];
}

/** The largest boundary file read (OCHA's communes of Mali: 1.2 Mo). */
export const BOUNDARY_FILE_MAX_BYTES = 16 * 1024 * 1024;

/**
 * How far (degrees) a simplified outline may stray from the file's: 0.001° is about 110 m, under
 * half a pixel on the smallest area a map shows (a cercle's communes, about 1.5° across 640 px);
 * on the national commune map it is a thirtieth of a pixel.
 */
export const BOUNDARY_TOLERANCE_DEGREES = 0.001;

/** Decimals kept in stored coordinates: 1e-5° is about 1 m, far below the tolerance. */
const COORDINATE_DECIMALS = 5;

/** Property names tried, most detailed level first (the OCHA-derived files of ../shared/data). */
const CODE_KEYS = [
  { level: 'commune', code: 'commune_code', name: 'commune_name' },
  { level: 'cercle', code: 'cercle_code', name: 'cercle_name' },
  { level: 'region', code: 'region_code', name: 'region_name' },
] as const;

/**
 * Reads and checks a GeoJSON FeatureCollection of Polygon/MultiPolygon features in WGS 84 whose
 * properties carry `region_code`/`region_name`, `cercle_code`/`cercle_name` or
 * `commune_code`/`commune_name`: at most `maxBytes`, rings of numeric longitude/latitude in
 * range and closed. Rings come back rewound for d3-geo (`rewindPolygons`) and simplified
 * (`simplifyPolygons`, `BOUNDARY_TOLERANCE_DEGREES`): the maps draw several times fewer points. A French error
 * names the file (`name`, by default its base name) and the feature at fault.
 */
export function readBoundaryFile(
  path: string,
  name: string = basename(path),
  maxBytes = BOUNDARY_FILE_MAX_BYTES,
): BoundaryFile {
  let doc: unknown;
  try {
    const size = statSync(path).size;
    if (size > maxBytes) {
      throw new OiseError(
        'BOUNDARIES_TOO_LARGE',
        `Le fichier de limites « ${name} » fait ${formatNumberFr(size / 1024 / 1024, 1)} Mo : au plus ${formatNumberFr(maxBytes / 1024 / 1024, 0)} Mo sont acceptés. Simplifiez les contours (par exemple avec mapshaper) puis recommencez.`,
        { file: name, size, maxBytes },
      );
    }
    doc = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    if (cause instanceof OiseError) throw cause;
    throw new OiseError(
      'BOUNDARIES_UNREADABLE',
      `Le fichier de limites « ${name} » est illisible ou n'est pas du JSON : donnez un fichier GeoJSON.`,
      { file: name },
      { cause },
    );
  }
  const features = (doc as { type?: string; features?: unknown[] } | null)?.features;
  if (
    (doc as { type?: string } | null)?.type !== 'FeatureCollection' ||
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
    (f) =>
      ((f as { properties?: Record<string, unknown> } | null)?.properties ?? {}) as Record<string, unknown>,
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
    file: name,
    level: keys.level,
    features: features.map((f, index) => {
      const p = props[index]!;
      const code = String(p[keys.code]);
      const geometry = (f as { geometry?: { type?: string; coordinates?: unknown } }).geometry;
      const where = `Entité n° ${index + 1} (${code}) de « ${name} »`;
      const fail = (what: string): never => {
        throw new OiseError('BOUNDARIES_GEOMETRY', `${where} : ${what}`, { file: name, feature: index + 1 });
      };
      const polygons =
        geometry?.type === 'Polygon'
          ? [geometry.coordinates]
          : geometry?.type === 'MultiPolygon'
            ? geometry.coordinates
            : fail(
                `géométrie ${geometry?.type ?? 'absente'} ; seules Polygon et MultiPolygon sont acceptées.`,
              );
      if (!Array.isArray(polygons) || polygons.length === 0) fail('aucun polygone.');
      for (const polygon of polygons as unknown[]) {
        if (!Array.isArray(polygon) || polygon.length === 0) fail('polygone sans anneau.');
        for (const ring of polygon as unknown[]) {
          const problem = ringProblem(ring);
          if (problem) fail(problem);
        }
      }
      return {
        code,
        name: String(p[keys.name] ?? code),
        polygons: simplifyPolygons(rewindPolygons(polygons as Ring[][])),
      };
    }),
  };
}

/** Why a ring cannot be drawn (French), or null. */
function ringProblem(ring: unknown): string | null {
  if (!Array.isArray(ring) || ring.length < 4) return 'anneau de moins de 4 points.';
  for (const point of ring) {
    if (!Array.isArray(point) || point.length < 2) return 'point sans longitude et latitude.';
    const [lon, lat] = point as unknown[];
    if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat))
      return `coordonnée non numérique (${String(lon)}, ${String(lat)}).`;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90)
      return `coordonnée hors limites (longitude ${lon}, latitude ${lat}) : attendu des degrés WGS 84.`;
  }
  const first = ring[0] as number[];
  const last = ring[ring.length - 1] as number[];
  if (first[0] !== last[0] || first[1] !== last[1])
    return "anneau non fermé (le dernier point n'est pas le premier).";
  return null;
}

/** Twice the signed area of a ring in the lon/lat plane: positive when counter-clockwise. */
export function ringSignedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x1, y1] = ring[j]!;
    const [x2, y2] = ring[i]!;
    sum += (x1 - x2) * (y1 + y2);
  }
  return sum;
}

/**
 * Winds rings as d3-geo expects: exterior rings clockwise, holes counter-clockwise. RFC 7946
 * files (OCHA's among them) have the opposite, and d3-geo then draws the globe minus the unit.
 */
export function rewindPolygons(polygons: Ring[][]): Ring[][] {
  return polygons.map((rings) =>
    rings.map((ring, i) => {
      const clockwise = ringSignedArea(ring) < 0;
      return (i === 0) === clockwise ? ring : [...ring].reverse();
    }),
  );
}

/**
 * Douglas–Peucker simplification of a closed ring: the points kept are within `tolerance`
 * (degrees, in the lon/lat plane) of the outline, rounded to `COORDINATE_DECIMALS`. The ring
 * stays closed (first point = last), wound as before, with at least 4 points; when the
 * simplified ring would not be (a tiny islet, a sliver), the original ring is kept.
 */
export function simplifyRing(ring: Ring, tolerance: number = BOUNDARY_TOLERANCE_DEGREES): Ring {
  if (ring.length <= 4) return ring;
  // The first point is the ring's start and end; split the ring at its farthest point so that
  // both halves are open chains (a closed chain has no base segment to measure from).
  const last = ring.length - 1;
  const [x0, y0] = ring[0]!;
  let far = 1;
  let farDistance = -1;
  for (let i = 1; i < last; i++) {
    const d = (ring[i]![0] - x0) ** 2 + (ring[i]![1] - y0) ** 2;
    if (d > farDistance) [far, farDistance] = [i, d];
  }
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[far] = keep[last] = 1;
  const limit = tolerance * tolerance;
  const stack: [number, number][] = [
    [0, far],
    [far, last],
  ];
  while (stack.length > 0) {
    const [a, b] = stack.pop()!;
    const [ax, ay] = ring[a]!;
    const [bx, by] = ring[b]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length = dx * dx + dy * dy;
    let worst = -1;
    let worstDistance = -1;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = ring[i]!;
      const t = length === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / length));
      const d = (px - ax - t * dx) ** 2 + (py - ay - t * dy) ** 2;
      if (d > worstDistance) [worst, worstDistance] = [i, d];
    }
    if (worstDistance > limit) {
      keep[worst] = 1;
      stack.push([a, worst], [worst, b]);
    }
  }
  const scale = 10 ** COORDINATE_DECIMALS;
  const round = (v: number) => Math.round(v * scale) / scale;
  const out: Ring = [];
  for (let i = 0; i < ring.length; i++) {
    if (!keep[i]) continue;
    const point: [number, number] = [round(ring[i]![0]), round(ring[i]![1])];
    const previous = out[out.length - 1];
    if (!previous || previous[0] !== point[0] || previous[1] !== point[1]) out.push(point);
  }
  const area = ringSignedArea(ring);
  const simplifiedArea = ringSignedArea(out);
  const closed =
    out.length >= 4 && out[0]![0] === out[out.length - 1]![0] && out[0]![1] === out[out.length - 1]![1];
  return closed && Math.sign(simplifiedArea) === Math.sign(area) && simplifiedArea !== 0 ? out : ring;
}

/** `simplifyRing` on every ring of every polygon. */
export function simplifyPolygons(
  polygons: Ring[][],
  tolerance: number = BOUNDARY_TOLERANCE_DEGREES,
): Ring[][] {
  return polygons.map((rings) => rings.map((ring) => simplifyRing(ring, tolerance)));
}

export interface BoundaryFileImport {
  file: string;
  level: BoundaryLevel;
  /** Features whose P-code is a unit of that level in the territory. */
  kept: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Features left out: their code is not a unit of that level in the territory. */
  outside: { code: string; name: string }[];
}

/**
 * Stores the boundaries of checked files in one transaction (national writes them; they travel
 * down with the territory). A feature is kept when its P-code is a unit of the file's level in
 * the territory; the others are listed in `outside`, never stored and never a reason to refuse
 * the file. An outline that changed gets the next revision.
 */
export async function importBoundaries(
  db: Kysely<Database>,
  files: BoundaryFile[],
  options: { owner: string; now: string },
): Promise<BoundaryFileImport[]> {
  const hierarchy = await loadHierarchy(db);
  return db.transaction().execute(async (trx) => {
    const before = new Map(
      (await trx.selectFrom('org_unit_boundary').selectAll().execute()).map((r) => [r.code, r]),
    );
    const results: BoundaryFileImport[] = [];
    for (const file of files) {
      const result: BoundaryFileImport = {
        file: file.file,
        level: file.level,
        kept: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        outside: [],
      };
      for (const feature of file.features) {
        if (hierarchy.get(feature.code)?.level !== file.level) {
          result.outside.push({ code: feature.code, name: feature.name });
          continue;
        }
        result.kept++;
        const geometry = JSON.stringify(feature.polygons);
        const row = { level: file.level, name: feature.name, geometry, source: file.file };
        const old = before.get(feature.code);
        if (!old) {
          await trx
            .insertInto('org_unit_boundary')
            .values({
              code: feature.code,
              ...row,
              owner: options.owner,
              revision: 1,
              updated_at: options.now,
            })
            .execute();
          result.inserted++;
        } else if (old.geometry === geometry && old.name === feature.name && old.level === file.level) {
          result.unchanged++;
        } else {
          await trx
            .updateTable('org_unit_boundary')
            .set({ ...row, revision: old.revision + 1, updated_at: options.now })
            .where('code', '=', feature.code)
            .execute();
          result.updated++;
        }
        before.set(feature.code, { ...old!, ...row, code: feature.code });
      }
      results.push(result);
    }
    return results;
  });
}

/**
 * The stored boundaries of one level, of the units within `within` (a unit's code; all when
 * absent), by code. Names are the territory's current ones where it has the unit.
 */
export async function storedBoundaries(
  db: Kysely<Database>,
  level: BoundaryLevel,
  within?: string,
): Promise<BoundaryFeature[]> {
  return (await boundaryRows(db, level, within)).map((r) => ({
    code: r.code,
    name: r.name,
    polygons: JSON.parse(r.geometry) as Ring[][],
  }));
}

/** How many boundaries the node holds per level, and the newest change (for caching). */
export async function boundaryStamp(
  db: Kysely<Database>,
): Promise<{ counts: Record<BoundaryLevel, number>; lastSeq: number }> {
  const rows = await db
    .selectFrom('org_unit_boundary')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.max('local_seq').as('seq')])
    .groupBy('level')
    .execute();
  const counts: Record<BoundaryLevel, number> = { region: 0, cercle: 0, commune: 0 };
  let lastSeq = 0;
  for (const r of rows) {
    counts[r.level] = Number(r.n);
    lastSeq = Math.max(lastSeq, Number(r.seq ?? 0));
  }
  return { counts, lastSeq };
}

const LEVEL_WORDS: Record<BoundaryLevel, { one: string; many: string; a: string }> = {
  region: { one: 'région', many: 'régions', a: 'une région' },
  cercle: { one: 'cercle', many: 'cercles', a: 'un cercle' },
  commune: { one: 'commune', many: 'communes', a: 'une commune' },
};

/**
 * One file's import in French, for `oise territory boundaries import` and Réglages → Territoire:
 * what was kept, then every feature left out by its P-code and name.
 */
export function boundaryImportLines(result: BoundaryFileImport): string[] {
  const words = LEVEL_WORDS[result.level];
  const lines = [
    `${result.file} : limites de ${countFr(result.kept, words.one, words.many)} du territoire (${countFr(result.inserted, 'ajoutée')}, ${countFr(result.updated, 'modifiée')}, ${countFr(result.unchanged, 'inchangée')}).`,
  ];
  if (result.outside.length > 0) {
    const n = result.outside.length;
    lines.push(
      `${countFr(n, 'entité')} hors du territoire, non ${n > 1 ? 'enregistrées' : 'enregistrée'} (leur code n'est pas ${words.a} du territoire) :`,
      ...result.outside.map((o) => `- ${o.code} ${o.name}`),
    );
  }
  return lines;
}

/**
 * The stored boundaries of one level (within `within`) as the text of a GeoJSON
 * FeatureCollection for the browser: MultiPolygons whose rings are wound for d3-geo, each
 * feature's `properties` its code and name. The stored geometry text is used as it is (no
 * parse and re-serialise of 701 communes).
 */
export async function boundariesGeoJson(
  db: Kysely<Database>,
  level: BoundaryLevel,
  within?: string,
): Promise<string> {
  const features = (await boundaryRows(db, level, within)).map(
    (r) =>
      `{"type":"Feature","id":${JSON.stringify(r.code)},"properties":${JSON.stringify({ code: r.code, name: r.name })},"geometry":{"type":"MultiPolygon","coordinates":${r.geometry}}}`,
  );
  return `{"type":"FeatureCollection","features":[${features.join(',')}]}`;
}

/** The stored rows of a level within a unit, by code, named as the territory names them now. */
async function boundaryRows(
  db: Kysely<Database>,
  level: BoundaryLevel,
  within: string | undefined,
): Promise<{ code: string; name: string; geometry: string }[]> {
  const rows = await db
    .selectFrom('org_unit_boundary')
    .select(['code', 'name', 'geometry'])
    .where('level', '=', level)
    .orderBy('code')
    .execute();
  const hierarchy = await loadHierarchy(db);
  return rows
    .filter((r) => !within || r.code.startsWith(within) || hierarchy.isWithin(r.code, within))
    .map((r) => ({ ...r, name: hierarchy.get(r.code)?.name ?? r.name }));
}
