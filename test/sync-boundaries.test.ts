import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boundaryStamp, storedBoundaries } from '@oise/catalog';
import { openNode } from '@oise/node';
import { SHARED_DATA, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { carry, makeScene, oise } from './web/web-scene.js';

/** Every stored boundary of a node folder: its counts per level and the outlines of a region's cercles. */
async function boundariesOf(dir: string) {
  const node = await openNode(dir);
  try {
    return {
      counts: (await boundaryStamp(node.db)).counts,
      segou: await storedBoundaries(node.db, 'cercle', 'ML04'),
      owners: await node.db.selectFrom('org_unit_boundary').select('owner').distinct().execute(),
    };
  } finally {
    await node.close();
  }
}

describe('boundaries travel down with the territory', () => {
  test.skipIf(!SHARED_DATA.available)(
    "national's imported boundaries reach the region and the cercle in the DOWN bundles, and a new outline follows (needs ../shared/data)",
    async ({ tmp }) => {
      const scene = await makeScene(tmp, {
        boundaries: [SHARED_DATA.regionsGeojson, SHARED_DATA.cerclesGeojson, SHARED_DATA.communesGeojson],
      });
      const national = await boundariesOf(scene.national);
      // The demo territory: 3 regions, their cercles and communes.
      expect(national.counts.region).toBe(3);
      expect(national.counts.commune).toBe(45);
      for (const dir of [scene.region, scene.cercle]) {
        const here = await boundariesOf(dir);
        expect(here.counts).toEqual(national.counts);
        expect(here.segou).toEqual(national.segou);
        expect(here.owners).toEqual([{ owner: 'ML' }]);
      }

      // A new outline of Ségou at national goes down as its next revision.
      const square = [
        [-7, 12],
        [-7, 14],
        [-5, 14],
        [-5, 12],
        [-7, 12],
      ];
      const file = join(tmp, 'segou.geojson');
      writeFileSync(
        file,
        JSON.stringify({
          type: 'FeatureCollection',
          features: [
            {
              type: 'Feature',
              properties: { region_code: 'ML04', region_name: 'Ségou' },
              geometry: { type: 'Polygon', coordinates: [square] },
            },
          ],
        }),
      );
      await oise(['territory', 'boundaries', 'import', '--dir', scene.national, file]);
      await oise(['export', '--dir', scene.national]);
      await carry(scene.outbox(scene.national, 'ML04'), scene.region);
      const region = await openNode(scene.region);
      try {
        const row = await region.db
          .selectFrom('org_unit_boundary')
          .selectAll()
          .where('code', '=', 'ML04')
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({ revision: 2, source: 'segou.geojson', owner: 'ML' });
        expect(JSON.parse(row.geometry)).toEqual([[square]]);
        expect((await boundaryStamp(region.db)).counts).toEqual(national.counts);
      } finally {
        await region.close();
      }
    },
  );
});
