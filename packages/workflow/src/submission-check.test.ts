import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEntryFiles } from '@oise/entry';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { checkSubmission, submitQuarter } from './quarter-submit.js';

const CERCLE = { code: 'ML0401', level: 'cercle' as const };

describe('checkSubmission', () => {
  test('what submitting would meet, written nowhere: a quarter not begun, the blocking figures, the missing entries, an already submitted quarter', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const future = await checkSubmission(node, '2025Q3', { now: TEST_NOW });
    expect(future.refusal?.code).toBe('QUARTER_FUTURE');
    expect(future.refusal?.message).toBe(
      "le 3e trimestre 2025 n'est pas encore commencé : il ne peut pas être transmis.",
    );

    const csv = join(tmp, 'q1.csv');
    writeFileSync(csv, 'code_collectivite;code_indicateur;periode;valeur\nML040101;SAN_CSCOM;2025Q1;5\n');
    await importEntryFiles(node.db, { node: CERCLE, files: [csv], now: TEST_NOW });
    await node.db.updateTable('indicator').set({ max_value: 3 }).where('code', '=', 'SAN_CSCOM').execute();
    const blocked = await checkSubmission(node, '2025T1', { now: TEST_NOW });
    expect(blocked.refusal).toBeUndefined();
    expect(blocked.period).toBe('2025Q1');
    expect(blocked.blocking.map((b) => [b.orgUnit, b.indicator, b.code])).toEqual([
      ['ML040101', 'SAN_CSCOM', 'VALUE_OUT_OF_BOUNDS'],
    ]);
    expect(blocked.missing.length).toBe(blocked.expected - 1);
    expect(blocked.submissionNumber).toBeNull();
    // The same as the submission itself finds, and nothing written.
    const refused = await submitQuarter(node, '2025Q1', { now: TEST_NOW });
    expect(refused.blocking).toEqual(blocked.blocking);
    expect(await node.db.selectFrom('quarter_submission').selectAll().execute()).toEqual([]);

    await node.db.updateTable('indicator').set({ max_value: 30 }).where('code', '=', 'SAN_CSCOM').execute();
    expect((await checkSubmission(node, '2025Q1', { now: TEST_NOW })).blocking).toEqual([]);
    await submitQuarter(node, '2025Q1', { now: TEST_NOW });
    const again = await checkSubmission(node, '2025Q1', { now: TEST_NOW });
    expect(again.refusal?.code).toBe('QUARTER_ALREADY_SUBMITTED');
    expect(again.submissionNumber).toBe(1);

    const national = await makeTestNode(tmp, 'national', 'ML');
    expect((await checkSubmission(national, '2025Q1', { now: TEST_NOW })).refusal?.code).toBe(
      'SUBMIT_NOT_ALLOWED',
    );
  });
});
