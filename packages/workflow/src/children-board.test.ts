import { insertSubmission, insertValues } from '@oise/consolidate/test-support';
import { DEFAULT_CALENDAR } from '@oise/core';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { CHILD_STATUS_LABELS, childQuarter, childrenBoard } from './children-board.js';
import { childrenCompleteness } from './children-completeness.js';
import { parentActions } from './parent-actions.js';
import { returnQuarter, validateQuarter } from './quarter-decision.js';

const AFTER_DUE = '2025-04-20T09:00:00.000Z';

describe('the children × quarters board', () => {
  test('a region’s cercles: status words, reception and lateness, communes reporting', async ({ tmp }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    try {
      // Barouéli: two of its five communes reported, received on time; validated.
      await insertValues(region.db, [
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', value: 4 },
        { unit: 'ML040106', indicator: 'SAN_CSCOM', period: '2025Q1', value: 2 },
      ]);
      await insertSubmission(region.db, 'ML0401', '2025Q1', '2025-04-10T09:00:00.000Z');
      await validateQuarter(region, 'ML0401', '2025Q1', { now: '2025-04-11T09:00:00.000Z' });
      // Ségou: submitted on time by its own clock, received after the due date; returned.
      await insertSubmission(
        region.db,
        'ML0402',
        '2025Q1',
        '2025-04-14T09:00:00.000Z',
        1,
        '2025-04-17T08:00:00.000Z',
      );
      await returnQuarter(region, 'ML0402', '2025Q1', 'Complétez la santé.', { now: AFTER_DUE });
      // Bla: nothing.

      const board = await childrenBoard(
        region.db,
        region.identity,
        ['2025T1', '2024Q4'],
        AFTER_DUE,
        DEFAULT_CALENDAR,
      );
      expect(board.quarters).toEqual(['2025Q1', '2024Q4']);
      expect(board.rows.map((r) => [r.code, r.name])).toEqual([
        ['ML0401', 'Barouéli'],
        ['ML0402', 'Ségou'],
        ['ML0403', 'Bla'],
      ]);
      const [baroueli, segou, bla] = board.rows.map((r) => r.cells[0]!);
      expect(baroueli).toMatchObject({
        unit: 'ML0401',
        period: '2025Q1',
        due: '2025-04-15',
        receivedAt: '2025-04-10T09:00:00.000Z',
        reception: 'on-time',
        completeness: { reporting: 2, expected: 5 },
      });
      expect(baroueli!.status).toMatchObject({ status: 'validated', submissionNumber: 1 });
      expect(segou).toMatchObject({ receivedAt: '2025-04-17T08:00:00.000Z', reception: 'late' });
      expect(segou!.status).toMatchObject({ status: 'returned', returnedReason: 'Complétez la santé.' });
      expect(bla).toMatchObject({
        receivedAt: null,
        reception: 'overdue',
        completeness: { reporting: 0, expected: 5 },
      });
      expect(CHILD_STATUS_LABELS[bla!.status.status]).toBe('non transmis');
      expect(board.rows.map((r) => CHILD_STATUS_LABELS[r.cells[1]!.status.status])).toEqual([
        'non transmis',
        'non transmis',
        'non transmis',
      ]);

      // Overdue is the completeness lists' own rule: the same children, quarter by quarter.
      const lists = await childrenCompleteness(region.db, region.identity, AFTER_DUE, DEFAULT_CALENDAR);
      expect(lists.quarters.map((q) => q.period)).toEqual(['2025Q1']);
      expect(board.rows.filter((r) => r.cells[0]!.reception === 'overdue').map((r) => r.code)).toEqual(
        lists.quarters[0]!.overdue.map((u) => u.code),
      );

      // Before the due date, a quarter not yet sent is only expected.
      const early = await childQuarter(
        region.db,
        region.identity,
        'ML0403',
        '2025Q1',
        '2025-04-12T09:00:00.000Z',
        DEFAULT_CALENDAR,
      );
      expect(early).toMatchObject({ unit: 'ML0403', reception: 'expected', status: { status: 'open' } });
      // Not a cercle of this region: nothing.
      expect(
        await childQuarter(region.db, region.identity, 'ML0201', '2025Q1', AFTER_DUE, DEFAULT_CALENDAR),
      ).toBeUndefined();
    } finally {
      await region.close();
    }
  });

  test('national sees its regions; a cercle has no children', async ({ tmp }) => {
    const national = await makeTestNode(tmp, 'national', 'ML');
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
    try {
      await insertSubmission(national.db, 'ML04', '2025Q1', '2025-04-25T09:00:00.000Z');
      const board = await childrenBoard(
        national.db,
        national.identity,
        ['2025Q1'],
        AFTER_DUE,
        DEFAULT_CALENDAR,
      );
      const segou = board.rows.find((r) => r.code === 'ML04')!.cells[0]!;
      expect(segou).toMatchObject({
        due: '2025-04-30',
        reception: 'on-time',
        status: { status: 'submitted' },
      });
      expect(board.rows.every((r) => /^ML\d{2}$/.test(r.code))).toBe(true);
      expect(
        (await childrenBoard(cercle.db, cercle.identity, ['2025Q1'], AFTER_DUE, DEFAULT_CALENDAR)).rows,
      ).toEqual([]);
    } finally {
      await national.close();
      await cercle.close();
    }
  });
});

describe('what a parent may do on a child’s quarter', () => {
  test('accept a submission awaiting a decision; return it at the region only; the note at the region', () => {
    expect(parentActions('region', 'submitted')).toEqual({ accept: true, return: true, note: true });
    expect(parentActions('national', 'submitted')).toEqual({ accept: true, return: false, note: false });
    for (const state of ['open', 'validated', 'returned', 'consolidated'] as const) {
      expect(parentActions('region', state), state).toEqual({ accept: false, return: false, note: true });
      expect(parentActions('national', state), state).toEqual({ accept: false, return: false, note: false });
    }
    expect(parentActions('cercle', 'submitted')).toEqual({ accept: false, return: false, note: false });
  });
});
