import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { NO_DATA_COLOR, SEQUENTIAL_PALETTE } from './class-breaks.js';
import { readBoundaries } from './geo-boundaries.js';
import { pngSize } from './png-info.js';
import { renderMap } from './render-map.js';
import { colourCounts, darkPixels } from './test-support/png-pixels.js';

describe('choropleth maps', () => {
  test.skipIf(!SHARED_DATA.available)(
    'draws Mali by region with classes, grey for no data, legend and title (needs ../shared/data)',
    async () => {
      const boundaries = readBoundaries(SHARED_DATA.regionsGeojson);
      expect(boundaries.level).toBe('region');
      expect(boundaries.features.map((f) => f.name)).toContain('Ségou');
      const values = new Map<string, number | null>(
        boundaries.features.map((f, i) => [f.code, f.code === 'ML08' ? null : 10 + i * 7]),
      );
      const { png, classes } = renderMap({
        id: 'essai',
        title: 'Taux brut de scolarisation par région',
        subtitle: 'Mali — 1er trimestre 2025',
        legendTitle: 'Taux brut de scolarisation (%)',
        features: boundaries.features,
        values,
        width: 900,
        height: 700,
      });
      expect(pngSize(png)).toEqual({ width: 900, height: 700 });
      expect(classes).toHaveLength(5);
      const colours = await colourCounts(png);
      for (const c of [...SEQUENTIAL_PALETTE, NO_DATA_COLOR])
        expect(colours.get(c) ?? 0).toBeGreaterThan(100);
      // Title band and legend column hold text.
      expect(await darkPixels(png, { x: 0, y: 0, width: 900, height: 60 })).toBeGreaterThan(300);
      expect(await darkPixels(png, { x: 600, y: 80, width: 300, height: 250 })).toBeGreaterThan(300);
    },
  );

  test.skipIf(!SHARED_DATA.available)(
    'recognises a cercles file by its cercle_code property (needs ../shared/data)',
    () => {
      const boundaries = readBoundaries(SHARED_DATA.cerclesGeojson);
      expect(boundaries.level).toBe('cercle');
      expect(boundaries.features).toHaveLength(50);
      expect(boundaries.features.find((f) => f.code === 'ML0401')?.name).toBe('Barouéli');
    },
  );

  test('refuses a file that is not GeoJSON, or features without a code, in French', ({ tmp }) => {
    const bad = join(tmp, 'limites.geojson');
    writeFileSync(bad, '{ pas du json');
    expect(() => readBoundaries(bad)).toThrowError(/limites\.geojson.*illisible/);
    writeFileSync(
      bad,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [{ type: 'Feature', properties: { nom: 'X' }, geometry: null }],
      }),
    );
    expect(() => readBoundaries(bad)).toThrowError(/region_code, cercle_code ou commune_code/);
  });
});
