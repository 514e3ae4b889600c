import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { storedBoundaries } from '@oise/catalog';
import { openNode } from '@oise/node';
import { SHARED_DATA, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { runCliCaptured } from '../run-cli.js';

const NOW = '2025-04-10T09:00:00.000Z';
const run = (...args: string[]) => runCliCaptured(args, { OISE_NOW: NOW });

describe('oise territory boundaries import', () => {
  test.skipIf(!SHARED_DATA.available)(
    "keeps the demo territory's units from Mali's files and lists the others (needs ../shared/data)",
    async ({ tmp }) => {
      (await makeTestNode(tmp, 'national', 'ML')).close();
      const dir = join(tmp, 'ML');
      const r = await run(
        'territory',
        'boundaries',
        'import',
        '--dir',
        dir,
        SHARED_DATA.regionsGeojson,
        SHARED_DATA.cerclesGeojson,
      );
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const lines = r.stdout.trim().split('\n');
      expect(lines[0]).toBe(
        'mali-regions.geojson : limites de 3 régions du territoire (3 ajoutées, 0 modifiée, 0 inchangée).',
      );
      expect(lines[1]).toBe(
        "6 entités hors du territoire, non enregistrées (leur code n'est pas une région du territoire) :",
      );
      expect(lines.slice(2, 8)).toEqual([
        '- ML01 Kayes',
        '- ML05 Mopti',
        '- ML06 Tombouctou',
        '- ML07 Gao',
        '- ML08 Kidal',
        '- ML09 Bamako',
      ]);
      expect(r.stdout).toMatch(/mali-cercles\.geojson : limites de \d+ cercles du territoire/);
      const json = await run(
        'territory',
        'boundaries',
        'import',
        '--dir',
        dir,
        SHARED_DATA.regionsGeojson,
        '--json',
      );
      expect(JSON.parse(json.stdout)).toEqual([
        expect.objectContaining({ file: 'mali-regions.geojson', level: 'region', kept: 3, unchanged: 3 }),
      ]);
      const node = await openNode(dir);
      try {
        expect((await storedBoundaries(node.db, 'region')).map((f) => f.code)).toEqual([
          'ML02',
          'ML03',
          'ML04',
        ]);
      } finally {
        await node.close();
      }
    },
  );

  test('refuses every file when one is broken, storing nothing', async ({ tmp }) => {
    (await makeTestNode(tmp, 'national', 'ML')).close();
    const dir = join(tmp, 'ML');
    const good = join(tmp, 'bon.geojson');
    const ring = [
      [-7, 12],
      [-6, 12],
      [-6, 13],
      [-7, 13],
      [-7, 12],
    ];
    const collection = (coordinates: unknown) =>
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { region_code: 'ML04' },
            geometry: { type: 'Polygon', coordinates },
          },
        ],
      });
    writeFileSync(good, collection([ring]));
    const bad = join(tmp, 'casse.geojson');
    writeFileSync(bad, collection([ring.slice(0, 4)]));
    const r = await run('territory', 'boundaries', 'import', '--dir', dir, good, bad);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Entité n° 1 (ML04) de « casse.geojson » : anneau non fermé');
    const node = await openNode(dir);
    try {
      expect(await storedBoundaries(node.db, 'region')).toEqual([]);
    } finally {
      await node.close();
    }
  });

  test('is national only, and needs a file', async ({ tmp }) => {
    (await makeTestNode(tmp, 'region', 'ML04')).close();
    const region = await run('territory', 'boundaries', 'import', '--dir', join(tmp, 'ML04'), 'x.geojson');
    expect(region.code).not.toBe(0);
    expect(region.stderr).toMatch(/les limites sont une donnée de référence du niveau national/);
    const none = await run('territory', 'boundaries', 'import', '--dir', join(tmp, 'ML04'));
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/indiquez au moins un fichier GeoJSON/);
  });
});
