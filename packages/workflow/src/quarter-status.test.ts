import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { quarterLock } from './quarter-lock.js';
import { latestDecision, quarterStatus } from './quarter-status.js';

const decision = (
  submission_number: number,
  decision: 'validated' | 'returned' | 'consolidated',
  decided_at: string,
  revision = 1,
) => ({
  org_unit_code: 'ML0401',
  period: '2025Q1',
  submission_number,
  decision,
  reason: decision === 'returned' ? 'à corriger' : null,
  decided_at,
  decided_by: 'csr',
  revision,
});

describe('the decision that counts', () => {
  test('on one submission: the latest decided_at, then the higher revision, then a return, in any order', () => {
    const early = decision(2, 'validated', '2025-04-10T09:00:00Z');
    const late = decision(2, 'returned', '2025-04-11T09:00:00Z');
    const older = decision(1, 'validated', '2025-04-12T09:00:00Z');
    expect(latestDecision([early, late, older], 2)).toBe(late);
    expect(latestDecision([late, early, older], 2)).toBe(late);
    expect(latestDecision([older], 2)).toBeUndefined();

    // Same instant: the higher revision; same revision too: a return before a validation.
    const revised = decision(2, 'validated', '2025-04-11T09:00:00Z', 2);
    expect(latestDecision([late, revised], 2)).toBe(revised);
    expect(latestDecision([revised, late], 2)).toBe(revised);
    const tie = decision(2, 'validated', '2025-04-11T09:00:00Z');
    expect(latestDecision([tie, late], 2)).toBe(late);
    expect(latestDecision([late, tie], 2)).toBe(late);
  });

  test('the status and the entry lock read the same decision', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const sync = { owner: 'ML0401', revision: 1, updated_at: TEST_NOW };
    for (const number of [1, 2])
      await node.db
        .insertInto('quarter_submission')
        .values({
          ...sync,
          org_unit_code: 'ML0401',
          period: '2025Q1',
          number,
          submitted_at: TEST_NOW,
          submitted_by: 'awa',
          missing_count: 0,
        })
        .execute();
    await node.db
      .insertInto('quarter_decision')
      .values([
        { ...decision(1, 'returned', '2025-04-09T09:00:00Z'), owner: 'ML04', updated_at: TEST_NOW },
        { ...decision(2, 'validated', '2025-04-10T09:00:00Z'), owner: 'ML04', updated_at: TEST_NOW },
      ])
      .execute();
    const status = await quarterStatus(node.db, 'ML0401', '2025Q1');
    expect(status).toMatchObject({ status: 'validated', submissionNumber: 2, returnedReason: 'à corriger' });
    expect(await quarterLock(node.db, 'ML0401', '2025Q1')).toEqual({
      status: 'validated',
      submissionNumber: 2,
    });
    await node.close();
  });
});
