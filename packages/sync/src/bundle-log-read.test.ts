import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Node, enroll, writePublicIdentity } from '@oise/node';
import { setSetting } from '@oise/node';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { bundleLogCounts, readBundleLog } from './bundle-log-read.js';
import { exportBundles } from './export-bundles.js';
import { startHttpInbox } from './http-inbox.js';
import { neighbourAddresses, sendOutbox } from './http-send.js';
import { ingestBundles } from './ingest-bundles.js';

/** Region ML04 and cercle ML0401, each enrolled at the other; the cercle has one value to send. */
async function pair(tmp: string): Promise<{ region: Node; cercle: Node }> {
  const region = await makeTestNode(tmp, 'region', 'ML04');
  const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
  writePublicIdentity(region, join(tmp, 'ML04.json'));
  writePublicIdentity(cercle, join(tmp, 'ML0401.json'));
  await enroll(region, join(tmp, 'ML0401.json'), TEST_NOW);
  await enroll(cercle, join(tmp, 'ML04.json'), TEST_NOW);
  await cercle.db
    .insertInto('data_value')
    .values({
      org_unit_code: 'ML040101',
      indicator_code: 'SAN_CSCOM',
      period: '2025Q1',
      category: '',
      value: 7,
      value_text: null,
      comment: null,
      author: 'awa',
      channel: 'csv',
      deleted: 0,
      revision: 1,
      updated_at: TEST_NOW,
      owner: 'ML0401',
    })
    .execute();
  return { region, cercle };
}

describe('the bundle log, page by page', () => {
  test('newest first, refused ones with their code and French reason apart, counts per neighbour', async ({
    tmp,
  }) => {
    const { region, cercle } = await pair(tmp);
    try {
      const exported: unknown[] = [];
      const { written } = await exportBundles(cercle, { now: TEST_NOW, onProgress: (p) => exported.push(p) });
      expect(exported).toEqual([{ done: 1, total: 1, recipient: 'ML04' }]);
      const garbage = join(tmp, 'courriel.oise.gz');
      writeFileSync(garbage, 'pas un paquet');
      const progress: unknown[] = [];
      await ingestBundles(region, {
        now: TEST_NOW,
        files: [written[0]?.file ?? '', garbage],
        onProgress: (p) => progress.push(p),
      });
      expect(progress).toEqual([
        { done: 1, total: 2, file: 'ML0401-ML04-000001.oise.gz' },
        { done: 2, total: 2, file: 'courriel.oise.gz' },
      ]);

      const all = await readBundleLog(region.db, { pageSize: 1 });
      expect(all).toMatchObject({ total: 2, page: 1, pageCount: 2, pageSize: 1 });
      expect(all.items).toHaveLength(1);
      const refused = all.items[0];
      expect(refused).toMatchObject({
        direction: 'in',
        file: 'courriel.oise.gz',
        sender: '',
        status: 'rejected',
        code: 'BUNDLE_UNREADABLE',
      });
      expect(refused?.reason).toMatch(/^[^[]/);
      expect(refused?.reason).toMatch(/gzip/);
      const second = await readBundleLog(region.db, { pageSize: 1, page: 2 });
      expect(second.items[0]).toMatchObject({
        file: 'ML0401-ML04-000001.oise.gz',
        sender: 'ML0401',
        recipient: 'ML04',
        sequence: 1,
        status: 'applied',
        code: null,
        reason: null,
        quarters: ['2025Q1'],
        rows: 1,
        at: TEST_NOW,
      });
      expect(second.items[0]?.bytes).toBeGreaterThan(100);
      // Past the end: the last page.
      expect((await readBundleLog(region.db, { pageSize: 1, page: 9 })).page).toBe(2);
      const onlyRefused = await readBundleLog(region.db, { filter: 'rejected' });
      expect(onlyRefused.items.map((i) => i.file)).toEqual(['courriel.oise.gz']);
      expect(onlyRefused.total).toBe(1);

      expect(await bundleLogCounts(region.db)).toEqual([
        { neighbour: '', applied: 0, duplicate: 0, rejected: 1, written: 0 },
        { neighbour: 'ML0401', applied: 1, duplicate: 0, rejected: 0, written: 0 },
      ]);
      expect(await bundleLogCounts(cercle.db)).toEqual([
        { neighbour: 'ML04', applied: 0, duplicate: 0, rejected: 0, written: 1 },
      ]);
      expect((await readBundleLog(cercle.db)).items.map((i) => [i.direction, i.status, i.recipient])).toEqual(
        [['out', 'written', 'ML04']],
      );
    } finally {
      await region.close();
      await cercle.close();
    }
  });

  test('each neighbour with its address, and sending reports each bundle tried', async ({ tmp }) => {
    const { region, cercle } = await pair(tmp);
    const inbox = await startHttpInbox(region, { port: 0, clock: () => TEST_NOW });
    try {
      expect(await neighbourAddresses(region)).toEqual([
        {
          code: 'ML0401',
          relation: 'child',
          setting: 'transport.child-url.ML0401',
          url: null,
          problem: null,
        },
      ]);
      await setSetting(region.db, 'transport.child-url.ML0401', 'http://cercle:6000');
      const [blocked] = await neighbourAddresses(region);
      expect(blocked).toMatchObject({ url: 'http://cercle:6000' });
      expect(blocked?.problem).toMatch(/le port 6000 est de ceux que les envois HTTP refusent/);
      await setSetting(cercle.db, 'transport.parent-url', inbox.url);
      expect(await neighbourAddresses(cercle)).toEqual([
        { code: 'ML04', relation: 'parent', setting: 'transport.parent-url', url: inbox.url, problem: null },
      ]);
      await exportBundles(cercle, { now: TEST_NOW });
      const progress: { done: number; total: number; outcome: string }[] = [];
      await sendOutbox(cercle, {
        now: TEST_NOW,
        onProgress: ({ done, total, result }) => progress.push({ done, total, outcome: result.outcome }),
      });
      expect(progress).toEqual([{ done: 1, total: 1, outcome: 'applied' }]);
    } finally {
      await inbox.close();
      await region.close();
      await cercle.close();
    }
  });
});
