import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { onTimeCercles, quarterReceipts } from '@oise/consolidate';
import { DEFAULT_CALENDAR } from '@oise/core';
import type { Node } from '@oise/node';
import { exportBundles, ingestBundles } from '@oise/sync';
import { linkTestNodes, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { childrenCompleteness } from './children-completeness.js';
import { validateQuarter } from './quarter-decision.js';
import { submitQuarter } from './quarter-submit.js';

/** The courier: `from` writes its bundles for `to`, they travel, `to` applies them at `now`. */
async function carry(from: Node, to: Node, now: string, full = false): Promise<void> {
  await exportBundles(from, { now, to: to.identity.code, full });
  const outbox = join(from.paths.outbox, to.identity.code);
  if (!existsSync(outbox)) return;
  mkdirSync(to.paths.inbox, { recursive: true });
  for (const name of readdirSync(outbox)) {
    copyFileSync(join(outbox, name), join(to.paths.inbox, name));
    rmSync(join(outbox, name));
  }
  await ingestBundles(to, { now });
}

const receptions = (node: Node) =>
  node.db
    .selectFrom('quarter_reception')
    .select(['org_unit_code', 'submission_number', 'received_at', 'owner'])
    .orderBy('org_unit_code')
    .execute();

describe('lateness is the receiver’s', () => {
  test('a quarter submitted before its due date but received after it is late, at the region and at national', async ({
    tmp,
  }) => {
    const national = await makeTestNode(tmp, 'national', 'ML');
    const region = await makeTestNode(tmp, 'region', 'ML04');
    const baroueli = await makeTestNode(tmp, 'cercle', 'ML0401');
    const bla = await makeTestNode(tmp, 'cercle', 'ML0402');
    await linkTestNodes(tmp, national, region);
    await linkTestNodes(tmp, region, baroueli);
    await linkTestNodes(tmp, region, bla);
    try {
      // Both cercles submit before the due date (15 April) on their own clocks…
      await submitQuarter(baroueli, '2025Q1', { now: '2025-04-14T10:00:00.000Z' });
      await submitQuarter(bla, '2025Q1', { now: '2025-04-10T10:00:00.000Z' });
      // … Bla's bundle is applied at the region in time, Barouéli's only after the due date.
      await carry(bla, region, '2025-04-12T08:00:00.000Z');
      await carry(baroueli, region, '2025-04-17T08:00:00.000Z');
      expect(await receptions(region)).toEqual([
        {
          org_unit_code: 'ML0401',
          submission_number: 1,
          received_at: '2025-04-17T08:00:00.000Z',
          owner: 'ML04',
        },
        {
          org_unit_code: 'ML0402',
          submission_number: 1,
          received_at: '2025-04-12T08:00:00.000Z',
          owner: 'ML04',
        },
      ]);
      const receipts = await quarterReceipts(region.db, ['2025Q1'], DEFAULT_CALENDAR);
      expect(receipts.get('ML0401|2025Q1')).toMatchObject({ due: '2025-04-15', onTime: false });
      expect(receipts.get('ML0402|2025Q1')).toMatchObject({ due: '2025-04-15', onTime: true });

      const summary = await childrenCompleteness(
        region.db,
        region.identity,
        '2025-04-17T09:00:00.000Z',
        DEFAULT_CALENDAR,
      );
      expect(summary).toMatchObject({ awaiting: 2, overdue: 1, late: 1 });
      expect(summary.quarters).toEqual([
        {
          period: '2025Q1',
          due: '2025-04-15',
          awaiting: [
            { code: 'ML0401', name: expect.any(String) },
            { code: 'ML0402', name: expect.any(String) },
          ],
          overdue: [{ code: 'ML0403', name: expect.any(String) }],
          late: [{ code: 'ML0401', name: expect.any(String) }],
        },
      ]);

      // The same submission sent again keeps its first reception.
      await carry(baroueli, region, '2025-04-20T08:00:00.000Z', true);
      expect((await receptions(region))[0]!.received_at).toBe('2025-04-17T08:00:00.000Z');

      // The reception goes up with the cercle's quarter, once validated, and down to the cercle.
      await carry(region, national, '2025-04-18T08:00:00.000Z');
      expect(await receptions(national)).toEqual([]);
      await validateQuarter(region, 'ML0401', '2025Q1', { now: '2025-04-18T09:00:00.000Z' });
      await validateQuarter(region, 'ML0402', '2025Q1', { now: '2025-04-18T09:00:00.000Z' });
      await carry(region, national, '2025-04-18T10:00:00.000Z');
      expect(await receptions(national)).toEqual(await receptions(region));
      expect([...(await onTimeCercles(national.db, ['2025Q1'], DEFAULT_CALENDAR))]).toEqual([
        'ML0402|2025Q1',
      ]);
      await carry(region, baroueli, '2025-04-18T10:00:00.000Z');
      expect((await receptions(baroueli)).map((r) => r.org_unit_code)).toEqual(['ML0401']);
    } finally {
      for (const n of [national, region, baroueli, bla]) await n.close();
    }
  });
});
