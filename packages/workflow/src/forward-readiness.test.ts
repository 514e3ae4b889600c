import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CALENDAR } from '@oise/core';
import { importEntryFiles } from '@oise/entry';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { forwardReadiness } from './forward-readiness.js';
import { consolidatePublishedQuarter } from './published-consolidation.js';
import { returnQuarter, validateQuarter } from './quarter-decision.js';
import { quarterStatus } from './quarter-status.js';
import { submitQuarter } from './quarter-submit.js';
import type { WorkflowNode } from './workflow-node.js';

const Q1 = '2025Q1';
const ENTERED = '2025-04-10T09:00:00.000Z';
const options = (now: string) => ({ now, calendar: DEFAULT_CALENDAR });

/** A child's own submission, as its bundle brings it into this database. */
function child(
  node: WorkflowNode,
  code: string,
  level: 'cercle' | 'region',
  parentCode: string,
): WorkflowNode {
  return { db: node.db, identity: { code, level, parentCode } };
}

describe('the forward rule and what national does once published', () => {
  test('a region forwards once every cercle is validated, or on its due date with at least one', async ({
    tmp,
  }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    try {
      const before = '2025-04-20T08:00:00.000Z';
      const due = '2025-04-30T08:00:00.000Z';
      expect(await forwardReadiness(region, Q1, options(due))).toMatchObject({
        ready: false,
        due: '2025-04-30',
        children: { in: 0, of: 3 },
      });
      for (const cercle of ['ML0401', 'ML0402', 'ML0403'])
        await submitQuarter(child(region, cercle, 'cercle', 'ML04'), Q1, { now: ENTERED });
      // Submitted is not enough at a region: the CSR validates first.
      expect((await forwardReadiness(region, Q1, options(due))).children).toEqual({ in: 0, of: 3 });
      await validateQuarter(region, 'ML0401', Q1, { now: ENTERED });
      expect(await forwardReadiness(region, Q1, options(before))).toMatchObject({
        ready: false,
        late: false,
        children: { in: 1, of: 3 },
      });
      expect(await forwardReadiness(region, Q1, options(due))).toMatchObject({ ready: true, late: false });
      await validateQuarter(region, 'ML0402', Q1, { now: ENTERED });
      await validateQuarter(region, 'ML0403', Q1, { now: ENTERED });
      expect(await forwardReadiness(region, Q1, options(before))).toMatchObject({
        ready: true,
        children: { in: 3, of: 3 },
      });
      // Forwarded: not again, until national would return it.
      await submitQuarter(region, Q1, { now: before });
      expect((await forwardReadiness(region, Q1, options(due))).ready).toBe(false);
    } finally {
      await region.close();
    }
  });

  test('national publishes once every region has forwarded, or on its due date', async ({ tmp }) => {
    const national = await makeTestNode(tmp, 'national', 'ML');
    try {
      await submitQuarter(child(national, 'ML04', 'region', 'ML'), Q1, { now: ENTERED });
      expect(await forwardReadiness(national, Q1, options('2025-05-14T08:00:00.000Z'))).toMatchObject({
        ready: false,
        due: '2025-05-15',
        children: { in: 1, of: 3 },
      });
      expect(await forwardReadiness(national, Q1, options('2025-05-15T08:00:00.000Z'))).toMatchObject({
        ready: true,
        late: false,
      });
      expect(await forwardReadiness(national, Q1, options('2025-05-16T08:00:00.000Z'))).toMatchObject({
        ready: true,
        late: true,
      });
      // Once published, the forwarded regions are marked consolidated, once.
      const now = { now: '2025-05-16T08:00:00.000Z' };
      expect(await consolidatePublishedQuarter(national, Q1, now)).toEqual(['ML04']);
      expect((await quarterStatus(national.db, 'ML04', Q1)).status).toBe('consolidated');
      expect(await consolidatePublishedQuarter(national, Q1, now)).toEqual([]);
    } finally {
      await national.close();
    }
  });

  test('a cercle sends what it entered on its due date, and a returned quarter once changed', async ({
    tmp,
  }) => {
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
    const node = { code: 'ML0401', level: 'cercle' as const };
    const csv = join(tmp, 'q1.csv');
    try {
      // Nothing entered: nothing goes, even after the due date.
      expect(await forwardReadiness(cercle, Q1, options('2025-04-20T08:00:00.000Z'))).toMatchObject({
        ready: false,
        due: '2025-04-15',
        children: null,
      });
      writeFileSync(csv, 'code_collectivite;code_indicateur;periode;valeur\nML040101;SAN_CSCOM;2025Q1;5\n');
      await importEntryFiles(cercle.db, { node, files: [csv], now: ENTERED });
      // Incomplete before the due date: it waits; on the due date it goes with what is there.
      expect((await forwardReadiness(cercle, Q1, options('2025-04-14T08:00:00.000Z'))).ready).toBe(false);
      expect(await forwardReadiness(cercle, Q1, options('2025-04-15T08:00:00.000Z'))).toMatchObject({
        ready: true,
        late: false,
      });
      await submitQuarter(cercle, Q1, { now: '2025-04-15T08:00:00.000Z' });
      expect((await forwardReadiness(cercle, Q1, options('2025-04-16T08:00:00.000Z'))).ready).toBe(false);

      // The region's return, as its DOWN bundle brings it: unchanged, the quarter does not go again.
      const region = child(cercle, 'ML04', 'region', 'ML');
      await returnQuarter(region, 'ML0401', Q1, 'Konobougou manque', { now: '2025-04-17T08:00:00.000Z' });
      expect((await forwardReadiness(cercle, Q1, options('2025-04-18T08:00:00.000Z'))).ready).toBe(false);
      writeFileSync(csv, 'code_collectivite;code_indicateur;periode;valeur\nML040106;SAN_CSCOM;2025Q1;3\n');
      await importEntryFiles(cercle.db, { node, files: [csv], now: '2025-04-18T08:00:00.000Z' });
      expect(await forwardReadiness(cercle, Q1, options('2025-04-18T09:00:00.000Z'))).toMatchObject({
        ready: true,
        late: true,
      });
    } finally {
      await cercle.close();
    }
  });
});
