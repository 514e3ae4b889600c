import { consolidateAll } from '@oise/consolidate';
import { getSetting, setSetting } from '@oise/node';
import { MIGRATIONS } from '@oise/schema';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { aggregatesMark, publicationDue, readPublication, recordPublication } from './report-publication.js';
import { seedReportData } from './test-support/report-seed.js';

describe('publishing state', () => {
  test('a quarter is due until published from its current figures, and again when they change', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    try {
      expect(await aggregatesMark(node.db, '2025Q1')).toBe(0);
      // No figures yet: nothing to publish.
      expect(await publicationDue(node.db, '2025Q1')).toBe(false);
      await seedReportData(node.db, {
        root: 'ML',
        quarter: '2025Q1',
        quarters: 1,
        owner: 'ML',
        now: TEST_NOW,
      });
      await consolidateAll(node.db, { nodeCode: 'ML', now: TEST_NOW });
      const mark = await aggregatesMark(node.db, '2025Q1');
      expect(mark).toBeGreaterThan(0);
      expect(await readPublication(node.db, '2025Q1')).toBeUndefined();
      expect(await publicationDue(node.db, '2025Q1')).toBe(true);

      await recordPublication(node.db, { period: '2025Q1', aggregatesMark: mark });
      expect(await readPublication(node.db, '2025Q1')).toEqual({ period: '2025Q1', aggregatesMark: mark });
      expect(await publicationDue(node.db, '2025Q1')).toBe(false);
      // Published from older figures than the current ones: due again.
      await recordPublication(node.db, { period: '2025Q1', aggregatesMark: mark - 1 });
      expect(await readPublication(node.db, '2025Q1')).toEqual({
        period: '2025Q1',
        aggregatesMark: mark - 1,
      });
      expect(await publicationDue(node.db, '2025Q1')).toBe(true);
    } finally {
      await node.close();
    }
  });

  test('migration 0008 moves the published.* settings into report_publication and deletes them', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    const migration = MIGRATIONS['0008-report-publication'];
    if (!migration) throw new Error('migration 0008 is not registered');
    try {
      // Back to the schema before 0008, with the keys the pipeline used to write there.
      await migration.down?.(node.db);
      await setSetting(node.db, 'published.2024Q4', '17');
      await setSetting(node.db, 'published.2025Q1', '42');
      await setSetting(node.db, 'report.boundaries', '/limites.geojson');
      await migration.up(node.db);
      expect(await readPublication(node.db, '2024Q4')).toEqual({ period: '2024Q4', aggregatesMark: 17 });
      expect(await readPublication(node.db, '2025Q1')).toEqual({ period: '2025Q1', aggregatesMark: 42 });
      expect(await getSetting(node.db, 'published.2024Q4')).toBeUndefined();
      expect(await getSetting(node.db, 'published.2025Q1')).toBeUndefined();
      expect(await getSetting(node.db, 'report.boundaries')).toBe('/limites.geojson');
      // And back: the keys return as they were.
      await migration.down?.(node.db);
      expect(await getSetting(node.db, 'published.2025Q1')).toBe('42');
      await migration.up(node.db);
      expect(await readPublication(node.db, '2025Q1')).toEqual({ period: '2025Q1', aggregatesMark: 42 });
    } finally {
      await node.close();
    }
  });
});
