import { DEFAULT_CALENDAR } from '@oise/core';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { consolidateQuarter, queryFigure } from './index.js';
import { insertSubmission, insertValues } from './test-support.js';
import { quarterReceipts } from './timeliness.js';

const BAROUELI = ['ML040101', 'ML040106', 'ML040109', 'ML040110', 'ML040112'];

describe('timeliness', () => {
  test('on time means received by the due date: the receiver’s first reception, not the sender’s date', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    const { db } = node;
    await insertValues(
      db,
      BAROUELI.map((unit) => ({ unit, indicator: 'SAN_CPN', period: '2025Q1', value: 3 })),
    );
    // Dated 14 April by the cercle (due 15 April), applied at the region on the 16th: late.
    await insertSubmission(db, 'ML0401', '2025Q1', '2025-04-14T17:00:00Z', 1, '2025-04-16T08:00:00Z');
    // Ségou arrived on the due date; returned, its second submission arrives later: the first
    // arrival counts, still on time.
    await insertSubmission(db, 'ML0402', '2025Q1', '2025-04-15T07:00:00Z', 1, '2025-04-15T18:00:00Z');
    await insertSubmission(db, 'ML0402', '2025Q1', '2025-04-24T09:00:00Z', 2, '2025-04-25T10:00:00Z');
    expect(await quarterReceipts(db, ['2025Q1'], DEFAULT_CALENDAR)).toEqual(
      new Map([
        [
          'ML0401|2025Q1',
          {
            unit: 'ML0401',
            period: '2025Q1',
            receivedAt: '2025-04-16T08:00:00Z',
            due: '2025-04-15',
            onTime: false,
          },
        ],
        [
          'ML0402|2025Q1',
          {
            unit: 'ML0402',
            period: '2025Q1',
            receivedAt: '2025-04-15T18:00:00Z',
            due: '2025-04-15',
            onTime: true,
          },
        ],
      ]),
    );
    await consolidateQuarter(db, { quarter: '2025Q1', nodeCode: 'ML', now: '2025-05-01T00:00:00Z' });
    expect(
      await queryFigure(db, { indicator: 'SAN_CPN', unit: 'ML0401', period: '2025Q1', nodeCode: 'ML' }),
    ).toMatchObject({ reporting: 5, onTime: 0 });

    // A region answers by the region due date (30 days after the quarter).
    await db
      .insertInto('quarter_reception')
      .values({
        org_unit_code: 'ML04',
        period: '2025Q1',
        submission_number: 1,
        received_at: '2025-04-28T08:00:00Z',
        owner: 'ML',
        revision: 1,
        updated_at: '2025-04-28T08:00:00Z',
      })
      .execute();
    expect(
      (await quarterReceipts(db, ['2025Q1'], DEFAULT_CALENDAR, ['ML04'])).get('ML04|2025Q1'),
    ).toMatchObject({ due: '2025-04-30', onTime: true });
    await node.close();
  });
});
