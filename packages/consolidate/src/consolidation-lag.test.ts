import { changeCounter } from '@oise/node';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { type ConsolidationProgress, consolidateChanges, consolidationLag } from './index.js';
import { insertSubmission, insertValues } from './test-support.js';

const NOW = '2025-05-01T00:00:00.000Z';

describe('consolidationLag', () => {
  test('says what arrived since the last consolidation, per cercle and quarter, then « à jour »', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    const { db } = node;
    // Nothing but the territory: nothing to recompute, and no consolidation yet.
    const empty = await consolidationLag(db, 'ML');
    expect(empty).toMatchObject({ upToDate: true, consolidatedUpTo: undefined, changedRows: 0, units: [] });

    await insertValues(db, [{ unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q1', value: 4 }]);
    await consolidateChanges(db, { nodeCode: 'ML', now: NOW });
    const reached = await changeCounter(db);
    expect(await consolidationLag(db, 'ML')).toEqual({
      upToDate: true,
      consolidatedUpTo: reached,
      changeCounter: reached,
      changedRows: 0,
      referenceRows: 0,
      units: [],
    });

    // Two communes of Barouéli, one of Ségou's other cercle, a submission of Barouéli.
    await insertValues(db, [
      { unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q1', value: 5 },
      { unit: 'ML040106', indicator: 'SAN_CPN', period: '2025Q1', value: 2 },
      { unit: 'ML040101', indicator: 'SAN_CPN', period: '2025Q2', value: 1 },
      { unit: 'ML040204', indicator: 'SAN_CPN', period: '2025Q1', value: 7 },
    ]);
    await insertSubmission(db, 'ML0401', '2025Q1', '2025-04-12T08:00:00.000Z');
    const lag = await consolidationLag(db, 'ML');
    expect(lag.upToDate).toBe(false);
    expect(lag.consolidatedUpTo).toBe(reached);
    expect(lag.changeCounter).toBe(await changeCounter(db));
    expect(lag.units).toEqual([
      { period: '2025Q1', unit: 'ML0401', name: 'Barouéli', values: 2, submissions: 1, receptions: 1 },
      { period: '2025Q1', unit: 'ML0402', name: 'Ségou', values: 1, submissions: 0, receptions: 0 },
      { period: '2025Q2', unit: 'ML0401', name: 'Barouéli', values: 1, submissions: 0, receptions: 0 },
    ]);
    expect(lag.changedRows).toBe(6);

    // A region sees only its own subtree: Ségou's rows, not those of another region.
    await insertValues(db, [{ unit: 'ML020101', indicator: 'SAN_CPN', period: '2025Q1', value: 3 }]);
    expect((await consolidationLag(db, 'ML04')).units.map((u) => u.unit)).toEqual([
      'ML0401',
      'ML0402',
      'ML0401',
    ]);

    // Consolidating, with its stages told, leaves nothing behind.
    const steps: ConsolidationProgress[] = [];
    const result = await consolidateChanges(db, {
      nodeCode: 'ML',
      now: NOW,
      onProgress: (p) => {
        steps.push(p);
      },
    });
    expect(result.mode).toBe('incremental');
    expect(steps.map((s) => s.done)).toEqual([0, 1, 2, 3]);
    expect(steps.every((s) => s.total === 3)).toBe(true);
    expect(steps[1]!.step).toMatch(/^calcul des chiffres : \d+ collectivités, \d+ périodes$/);
    expect((await consolidationLag(db, 'ML')).upToDate).toBe(true);
  });

  test('a territory change counts as arrived: the next consolidation rebuilds everything', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    const { db } = node;
    await consolidateChanges(db, { nodeCode: 'ML', now: NOW });
    expect((await consolidationLag(db, 'ML')).upToDate).toBe(true);
    await db.updateTable('org_unit').set({ name: 'Barouéli-Ville' }).where('code', '=', 'ML0401').execute();
    const lag = await consolidationLag(db, 'ML');
    expect(lag).toMatchObject({ upToDate: false, referenceRows: 1, units: [] });
    expect((await consolidateChanges(db, { nodeCode: 'ML', now: NOW })).mode).toBe('full');
    expect((await consolidationLag(db, 'ML')).upToDate).toBe(true);
  });
});
