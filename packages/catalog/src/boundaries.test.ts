import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA, openTestDatabase, test } from '@oise/testkit';
import { geoArea, geoBounds } from 'd3-geo';
import { describe, expect } from 'vitest';
import {
  BOUNDARY_TOLERANCE_DEGREES,
  type BoundaryFeature,
  type Ring,
  boundariesGeoJson,
  boundaryImportLines,
  boundaryStamp,
  importBoundaries,
  readBoundaryFile,
  rewindPolygons,
  ringSignedArea,
  simplifyRing,
  storedBoundaries,
} from './boundaries.js';
import { type TerritoryUnit, importTerritory, readTerritoryFile } from './territory-import.js';

const NOW = '2025-01-01T00:00:00Z';

/** A square ring, counter-clockwise as RFC 7946 winds exteriors (lon/lat, closed). */
const ccwSquare = (lon: number, lat: number, size: number): number[][] => [
  [lon, lat],
  [lon + size, lat],
  [lon + size, lat + size],
  [lon, lat + size],
  [lon, lat],
];

/** A hand-written file of two regions (one with a hole, one MultiPolygon) and one unknown code. */
function tinyRegions(dir: string): string {
  const file = join(dir, 'regions.geojson');
  const hole = ccwSquare(-6, 13, 0.5).reverse(); // RFC 7946: holes clockwise
  writeFileSync(
    file,
    JSON.stringify({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { region_code: 'ML04', region_name: 'Ségou' },
          geometry: { type: 'Polygon', coordinates: [ccwSquare(-7, 12, 2), hole] },
        },
        {
          type: 'Feature',
          properties: { region_code: 'ML05', region_name: 'Mopti' },
          geometry: { type: 'MultiPolygon', coordinates: [[ccwSquare(-4, 14, 1)], [ccwSquare(-2, 14, 0.5)]] },
        },
        {
          type: 'Feature',
          properties: { region_code: 'ML99', region_name: 'Inconnue' },
          geometry: { type: 'Polygon', coordinates: [ccwSquare(0, 16, 1)] },
        },
      ],
    }),
  );
  return file;
}

const TINY_TERRITORY: TerritoryUnit[] = [
  { code: 'ML', name: 'Mali', level: 'pays', parentCode: null, line: 1 },
  { code: 'ML04', name: 'Ségou', level: 'region', parentCode: 'ML', line: 2 },
  { code: 'ML05', name: 'Mopti', level: 'region', parentCode: 'ML', line: 3 },
];

/** The feature as GeoJSON for d3-geo. */
const asGeo = (f: BoundaryFeature) => ({
  type: 'Feature' as const,
  properties: {},
  geometry: { type: 'MultiPolygon' as const, coordinates: f.polygons },
});

/** Features whose rings d3-geo reads as more than a hemisphere: drawn as the globe minus the unit. */
const inverted = (features: BoundaryFeature[]) => features.filter((f) => geoArea(asGeo(f)) > 2 * Math.PI);

/** A circle of `n` points (clockwise, closed) of `radius` degrees around (lon, lat). */
const circle = (lon: number, lat: number, radius: number, n: number): Ring => {
  const ring: Ring = [];
  for (let i = 0; i < n; i++) {
    const a = (-2 * Math.PI * i) / n;
    ring.push([lon + radius * Math.cos(a), lat + radius * Math.sin(a)]);
  }
  ring.push([...ring[0]!] as [number, number]);
  return ring;
};

/** The distance (degrees) from a point to the nearest segment of a ring. */
const distanceToRing = ([px, py]: [number, number], ring: Ring): number => {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 1; i < ring.length; i++) {
    const [ax, ay] = ring[i - 1]!;
    const [bx, by] = ring[i]!;
    const dx = bx - ax;
    const dy = by - ay;
    const length = dx * dx + dy * dy;
    const t = length === 0 ? 0 : Math.min(1, Math.max(0, ((px - ax) * dx + (py - ay) * dy) / length));
    best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
  }
  return best;
};

describe('outline simplification', () => {
  test('a dense ring keeps few points, closed, wound as before, within the tolerance', () => {
    // 2 000 points on a 1° circle: neighbours 0.003° apart, a sagitta far under the tolerance.
    const ring = circle(-6, 13, 1, 2000);
    const simple = simplifyRing(ring, 0.001);
    expect(simple.length).toBeGreaterThanOrEqual(4);
    expect(simple.length).toBeLessThan(ring.length / 5);
    expect(simple[0]).toEqual(simple[simple.length - 1]);
    expect(Math.sign(ringSignedArea(simple))).toBe(Math.sign(ringSignedArea(ring)));
    // Every point of the original is within the tolerance (plus the 1e-5° rounding) of the outline.
    const worst = Math.max(...ring.map((p) => distanceToRing(p, simple)));
    expect(worst).toBeLessThanOrEqual(0.001 + 2e-5);
    expect(Math.abs(ringSignedArea(simple) / ringSignedArea(ring) - 1)).toBeLessThan(0.002);
  });

  test('an islet smaller than the tolerance and a plain square are kept as they are', () => {
    const islet = circle(-6, 13, 0.0004, 12);
    expect(simplifyRing(islet, 0.001)).toBe(islet);
    const square = ccwSquare(-7, 12, 2) as Ring;
    expect(simplifyRing(square, 0.001)).toEqual(square);
  });
});

describe('boundary files', () => {
  test('rewinds RFC 7946 rings for d3-geo: exteriors clockwise, holes counter-clockwise', ({ tmp }) => {
    const file = readBoundaryFile(tinyRegions(tmp));
    expect(file.level).toBe('region');
    expect(file.file).toBe('regions.geojson');
    const [segou, mopti] = file.features;
    expect(ringSignedArea(segou!.polygons[0]![0]!)).toBeLessThan(0);
    expect(ringSignedArea(segou!.polygons[0]![1]!)).toBeGreaterThan(0);
    expect(mopti!.polygons).toHaveLength(2);
    for (const polygon of mopti!.polygons) expect(ringSignedArea(polygon[0]!)).toBeLessThan(0);
    // d3-geo now sees a 2° square minus its hole, not the globe minus it.
    const area = geoArea(asGeo(segou!));
    expect(area).toBeGreaterThan(0);
    expect(area).toBeLessThan(0.01);
    const [[west, south], [east, north]] = geoBounds(asGeo(segou!));
    expect([west, south, east, north].map((v) => Math.round(v))).toEqual([-7, 12, -5, 14]);
  });

  test('a ring already clockwise is kept as it is', ({ tmp }) => {
    const path = join(tmp, 'cw.geojson');
    const ring = ccwSquare(-7, 12, 2).reverse();
    writeFileSync(
      path,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { region_code: 'ML04' },
            geometry: { type: 'Polygon', coordinates: [ring] },
          },
        ],
      }),
    );
    const feature = readBoundaryFile(path).features[0]!;
    expect(feature.polygons[0]![0]).toEqual(ring);
    expect(feature.name).toBe('ML04');
  });

  const broken: [string, unknown, RegExp][] = [
    ['a point', { type: 'Point', coordinates: [0, 0] }, /géométrie Point ; seules Polygon et MultiPolygon/],
    [
      'a ring of three points',
      { type: 'Polygon', coordinates: [ccwSquare(-7, 12, 2).slice(0, 3)] },
      /anneau de moins de 4 points/,
    ],
    [
      'a ring not closed',
      { type: 'Polygon', coordinates: [[...ccwSquare(-7, 12, 2).slice(0, 4), [-6.5, 12.2]]] },
      /anneau non fermé/,
    ],
    [
      'a latitude out of range',
      { type: 'Polygon', coordinates: [ccwSquare(-7, 95, 2)] },
      /coordonnée hors limites \(longitude -7, latitude 95\)/,
    ],
    [
      'a text coordinate',
      {
        type: 'Polygon',
        coordinates: [
          [
            ['-7', 12],
            [-6, 12],
            [-6, 13],
            ['-7', 12],
          ],
        ],
      },
      /coordonnée non numérique/,
    ],
  ];
  for (const [what, geometry, message] of broken) {
    test(`refuses ${what}, naming the feature and the file`, ({ tmp }) => {
      const path = join(tmp, 'bad.geojson');
      writeFileSync(
        path,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            { type: 'Feature', properties: { region_code: 'ML04', region_name: 'Ségou' }, geometry },
          ],
        }),
      );
      expect(() => readBoundaryFile(path)).toThrowError(message);
      expect(() => readBoundaryFile(path)).toThrowError(/Entité n° 1 \(ML04\) de « bad\.geojson »/);
    });
  }

  test('refuses a file over the cap, giving the cap in French', ({ tmp }) => {
    const path = tinyRegions(tmp);
    expect(() => readBoundaryFile(path, 'regions.geojson', 1024 * 1024 * 0.0005)).toThrowError(
      expect.objectContaining({
        code: 'BOUNDARIES_TOO_LARGE',
        message: expect.stringMatching(/au plus 0 Mo/),
      }),
    );
    expect(() => readBoundaryFile(path, 'regions.geojson', 512)).toThrowError(/Simplifiez les contours/);
  });

  test('refuses what is not GeoJSON, or features without a P-code', ({ tmp }) => {
    const notJson = join(tmp, 'x.geojson');
    writeFileSync(notJson, '{ pas du json');
    expect(() => readBoundaryFile(notJson)).toThrowError(
      expect.objectContaining({ code: 'BOUNDARIES_UNREADABLE' }),
    );
    const noCode = join(tmp, 'y.geojson');
    writeFileSync(
      noCode,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { nom: 'Ségou' },
            geometry: { type: 'Polygon', coordinates: [ccwSquare(0, 0, 1)] },
          },
        ],
      }),
    );
    expect(() => readBoundaryFile(noCode)).toThrowError(
      expect.objectContaining({ code: 'BOUNDARIES_NO_CODE' }),
    );
  });
});

describe('stored boundaries', () => {
  test('keeps the features of the territory, lists the others, and stores a change as a new revision', async ({
    tmp,
  }) => {
    const { db, close } = await openTestDatabase(tmp);
    await importTerritory(db, TINY_TERRITORY, { owner: 'ML', now: NOW });
    const file = readBoundaryFile(tinyRegions(tmp));
    const [first] = await importBoundaries(db, [file], { owner: 'ML', now: NOW });
    expect(first).toMatchObject({ level: 'region', kept: 2, inserted: 2, updated: 0, unchanged: 0 });
    expect(first!.outside).toEqual([{ code: 'ML99', name: 'Inconnue' }]);
    expect(boundaryImportLines(first!)).toEqual([
      'regions.geojson : limites de 2 régions du territoire (2 ajoutées, 0 modifiée, 0 inchangée).',
      "1 entité hors du territoire, non enregistrée (leur code n'est pas une région du territoire) :",
      '- ML99 Inconnue',
    ]);
    const stored = await storedBoundaries(db, 'region');
    expect(stored.map((f) => f.code)).toEqual(['ML04', 'ML05']);
    expect(stored[0]!.polygons).toEqual(file.features[0]!.polygons);
    expect((await boundaryStamp(db)).counts).toEqual({ region: 2, cercle: 0, commune: 0 });
    // The browser's GeoJSON: the same outlines, as MultiPolygons with code and name.
    const geo = JSON.parse(await boundariesGeoJson(db, 'region', 'ML04'));
    expect(geo).toEqual({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'ML04',
          properties: { code: 'ML04', name: 'Ségou' },
          geometry: { type: 'MultiPolygon', coordinates: stored[0]!.polygons },
        },
      ],
    });

    const [again] = await importBoundaries(db, [file], { owner: 'ML', now: NOW });
    expect(again).toMatchObject({ kept: 2, inserted: 0, updated: 0, unchanged: 2 });
    const moved = {
      ...file,
      features: [
        { ...file.features[0]!, polygons: [[ccwSquare(-7, 12, 1).reverse() as [number, number][]]] },
      ],
    };
    const [changed] = await importBoundaries(db, [moved], { owner: 'ML', now: '2025-02-01T00:00:00Z' });
    expect(changed).toMatchObject({ kept: 1, updated: 1 });
    const row = await db
      .selectFrom('org_unit_boundary')
      .selectAll()
      .where('code', '=', 'ML04')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      revision: 2,
      owner: 'ML',
      updated_at: '2025-02-01T00:00:00Z',
      source: 'regions.geojson',
    });
    await close();
  });

  test.skipIf(!SHARED_DATA.available)(
    "Mali's three files: every unit kept, none drawn inside out by d3-geo (needs ../shared/data)",
    async ({ tmp }) => {
      const { db, close } = await openTestDatabase(tmp);
      await importTerritory(db, readTerritoryFile(SHARED_DATA.communes), { owner: 'ML', now: NOW });
      const files = [SHARED_DATA.regionsGeojson, SHARED_DATA.cerclesGeojson, SHARED_DATA.communesGeojson].map(
        (path) => readBoundaryFile(path),
      );
      // As OCHA publishes them (RFC 7946), d3-geo would draw every unit as the globe minus it.
      const asPublished = JSON.parse(
        (await import('node:fs')).readFileSync(SHARED_DATA.regionsGeojson, 'utf8'),
      ) as { features: { geometry: unknown }[] };
      expect(asPublished.features.filter((f) => geoArea(f as never) > 2 * Math.PI)).toHaveLength(9);
      for (const file of files) expect(inverted(file.features)).toEqual([]);
      // Simplified as read: fewer points, every ring closed with at least 4, and each commune's
      // area moved by at most the band the tolerance allows along its outline (tolerance ×
      // perimeter, in the lon/lat plane).
      const published = JSON.parse(
        (await import('node:fs')).readFileSync(SHARED_DATA.communesGeojson, 'utf8'),
      ) as { features: { geometry: { type: string; coordinates: Ring[][] | Ring[][][] } }[] };
      const original = published.features.map((f) =>
        rewindPolygons(
          (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as Ring[][],
        ),
      );
      const communes = files[2]!.features;
      const points = (all: Ring[][][]) => all.flat(2).reduce((n, r) => n + r.length, 0);
      expect(points(communes.map((f) => f.polygons))).toBeLessThan(0.8 * points(original));
      for (const ring of communes.flatMap((f) => f.polygons.flat())) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
      }
      const area = (polygons: Ring[][]) => polygons.flat().reduce((a, r) => a - ringSignedArea(r) / 2, 0);
      const perimeter = (polygons: Ring[][]) =>
        polygons
          .flat()
          .reduce(
            (n, r) => n + r.slice(1).reduce((m, p, i) => m + Math.hypot(p[0] - r[i]![0], p[1] - r[i]![1]), 0),
            0,
          );
      communes.forEach((f, i) => {
        expect(Math.abs(area(f.polygons) - area(original[i]!))).toBeLessThanOrEqual(
          BOUNDARY_TOLERANCE_DEGREES * perimeter(original[i]!),
        );
      });
      const results = await importBoundaries(db, files, { owner: 'ML', now: NOW });
      expect(results.map((r) => [r.level, r.kept, r.outside.length])).toEqual([
        ['region', 9, 0],
        ['cercle', 50, 0],
        ['commune', 701, 0],
      ]);
      const barouéli = await storedBoundaries(db, 'commune', 'ML0401');
      expect(barouéli).toHaveLength(13);
      expect(barouéli.every((f) => f.code.startsWith('ML0401'))).toBe(true);
      await close();
    },
  );

  test.skipIf(!SHARED_DATA.available)(
    "with the demo's smaller territory, Mali's other regions are listed, not stored (needs ../shared/data)",
    async ({ tmp }) => {
      const { db, close } = await openTestDatabase(tmp);
      const { FIXTURES } = await import('@oise/testkit');
      await importTerritory(db, readTerritoryFile(FIXTURES.demoTerritory), { owner: 'ML', now: NOW });
      const [regions] = await importBoundaries(db, [readBoundaryFile(SHARED_DATA.regionsGeojson)], {
        owner: 'ML',
        now: NOW,
      });
      expect(regions!.kept).toBe(3);
      expect(regions!.outside.map((o) => o.code)).toEqual(['ML01', 'ML05', 'ML06', 'ML07', 'ML08', 'ML09']);
      expect(boundaryImportLines(regions!)[1]).toBe(
        "6 entités hors du territoire, non enregistrées (leur code n'est pas une région du territoire) :",
      );
      expect((await storedBoundaries(db, 'region')).map((f) => f.code)).toEqual(['ML02', 'ML03', 'ML04']);
      await close();
    },
  );
});
