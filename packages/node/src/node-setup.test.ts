import { join } from 'node:path';
import { importTerritory, readTerritoryFile } from '@oise/catalog';
import { FIXTURES, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { enrollIdentity, publicIdentityOf } from './enrolment.js';
import { initNode } from './node-folder.js';
import { setupState } from './node-setup.js';

const NOW = '2025-01-02T08:00:00.000Z';

describe('how far a new node is set up', () => {
  test('a cercle is ready once its parent is enrolled; national once the territory is in', async ({
    tmp,
  }) => {
    const region = await initNode({ dir: join(tmp, 'ML04'), level: 'region', code: 'ML04', now: NOW });
    const cercle = await initNode({ dir: join(tmp, 'ML0401'), level: 'cercle', code: 'ML0401', now: NOW });
    const national = await initNode({ dir: join(tmp, 'ML'), level: 'national', code: 'ML', now: NOW });
    try {
      expect(await setupState(cercle)).toEqual({
        parent: { code: 'ML04', fingerprint: null },
        communes: 0,
        children: 0,
        ready: false,
      });
      await enrollIdentity(cercle, publicIdentityOf(region), NOW, 'cle-ML04.json');
      await enrollIdentity(region, publicIdentityOf(cercle), NOW, 'cle-ML0401.json');
      expect(await setupState(cercle)).toMatchObject({
        parent: { code: 'ML04', fingerprint: publicIdentityOf(region).fingerprint },
        ready: true,
      });
      expect(await setupState(region)).toMatchObject({ children: 1, ready: false });

      expect(await setupState(national)).toMatchObject({ parent: null, communes: 0, ready: false });
      const territory = readTerritoryFile(FIXTURES.demoTerritory);
      await importTerritory(national.db, territory, { owner: 'ML', now: NOW });
      const state = await setupState(national);
      expect(state.communes).toBeGreaterThan(0);
      expect(state.ready).toBe(true);
    } finally {
      await Promise.all([region.close(), cercle.close(), national.close()]);
    }
  });
});
