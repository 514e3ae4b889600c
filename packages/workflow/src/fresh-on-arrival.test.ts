import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { consolidationLag } from '@oise/consolidate';
import type { Node } from '@oise/node';
import { exportBundles, ingestBundles } from '@oise/sync';
import { TEST_NOW, linkTestNodes, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { consolidateOnArrival, ingestFresh } from './fresh-on-arrival.js';
import { submitQuarter } from './quarter-submit.js';

/** A region and its cercle, enrolled with each other; closed after `body`. */
async function regionAndCercle(
  tmp: string,
  body: (region: Node, cercle: Node) => Promise<void>,
): Promise<void> {
  const region = await makeTestNode(tmp, 'region', 'ML04');
  const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
  try {
    await linkTestNodes(tmp, region, cercle);
    await body(region, cercle);
  } finally {
    for (const n of [region, cercle]) await n.close();
  }
}

/** `from` writes its bundles for `to`; they are copied into `to`'s inbox; returns their paths there. */
async function courier(from: Node, to: Node): Promise<string[]> {
  await exportBundles(from, { now: TEST_NOW, to: to.identity.code });
  const outbox = join(from.paths.outbox, to.identity.code);
  mkdirSync(to.paths.inbox, { recursive: true });
  return readdirSync(outbox).map((name) => {
    copyFileSync(join(outbox, name), join(to.paths.inbox, name));
    return join(to.paths.inbox, name);
  });
}

describe('fresh on arrival', () => {
  test('ingestFresh consolidates what it applied at once, and nothing when nothing was applied', async ({
    tmp,
  }) => {
    await regionAndCercle(tmp, async (region, cercle) => {
      // A first consolidation: what follows is incremental, the submitted quarter recomputed.
      await consolidateOnArrival(region)(TEST_NOW);
      await submitQuarter(cercle, '2025Q1', { now: TEST_NOW });
      const files = await courier(cercle, region);
      const stages: string[] = [];
      const fresh = await ingestFresh(region, {
        now: TEST_NOW,
        files,
        onConsolidation: (p) => {
          stages.push(`${p.done}/${p.total}`);
        },
      });
      expect(fresh.results.map((r) => r.status)).toContain('applied');
      expect(fresh.consolidation).toMatchObject({
        mode: 'incremental',
        periods: expect.arrayContaining(['2025Q1']),
      });
      expect(fresh.consolidationError).toBeNull();
      expect(stages.at(-1)).toBe('3/3');
      expect((await consolidationLag(region.db, 'ML04')).upToDate).toBe(true);

      // The same files again: duplicates, nothing to consolidate.
      const again = await ingestFresh(region, { now: TEST_NOW, files: await courier(cercle, region) });
      expect(again.results.every((r) => r.status !== 'applied')).toBe(true);
      expect(again.consolidation).toBeNull();
    });
  });

  test('consolidateOnArrival, the HTTP inbox’s afterApplied, leaves nothing waiting after a plain ingest', async ({
    tmp,
  }) => {
    await regionAndCercle(tmp, async (region, cercle) => {
      await submitQuarter(cercle, '2025Q1', { now: TEST_NOW });
      const [r] = await ingestBundles(region, { now: TEST_NOW, files: await courier(cercle, region) });
      expect(r?.status).toBe('applied');
      expect((await consolidationLag(region.db, 'ML04')).upToDate).toBe(false);
      const result = await consolidateOnArrival(region)(TEST_NOW);
      expect(result.mode).not.toBe('none');
      expect((await consolidationLag(region.db, 'ML04')).upToDate).toBe(true);
    });
  });
});
