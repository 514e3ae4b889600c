import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importEntryFiles } from '@oise/entry';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { markConsolidated, returnQuarter, validateQuarter } from './quarter-decision.js';
import { writeNote } from './quarter-note.js';
import { listQuarterStatuses, quarterStatus } from './quarter-status.js';
import { submitQuarter } from './quarter-submit.js';

const CERCLE = { code: 'ML0401', level: 'cercle' as const };

describe('quarter workflow', () => {
  test('submit refuses while blocking findings remain, then a submitted quarter is read-only until returned', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const csv = join(tmp, 'q1.csv');
    writeFileSync(
      csv,
      'code_collectivite;code_indicateur;periode;valeur\nML040101;SAN_CSCOM;2025Q1;5\nML040101;SAN_CSCOM_FONCT;2025Q1;4\n',
    );
    expect((await importEntryFiles(node.db, { node: CERCLE, files: [csv], now: TEST_NOW })).written).toBe(
      true,
    );

    // National tightens a bound after the import (a new catalog arrives): the stored 5 is now refused.
    await node.db.updateTable('indicator').set({ max_value: 3 }).where('code', '=', 'SAN_CSCOM').execute();
    const refused = await submitQuarter(node, '2025Q1', { now: TEST_NOW });
    expect(refused.submitted).toBe(false);
    expect(refused.blocking.map((b) => [b.orgUnit, b.indicator, b.code])).toEqual([
      ['ML040101', 'SAN_CSCOM', 'VALUE_OUT_OF_BOUNDS'],
    ]);
    expect(await node.db.selectFrom('quarter_submission').selectAll().execute()).toEqual([]);
    await node.db.updateTable('indicator').set({ max_value: 30 }).where('code', '=', 'SAN_CSCOM').execute();

    const submitted = await submitQuarter(node, '2025Q1', { now: TEST_NOW });
    expect(submitted).toMatchObject({ submitted: true, number: 1 });
    expect(submitted.missingCount).toBe(submitted.expected - 2);
    expect(submitted.missing).toContainEqual({ orgUnit: 'ML040106', indicator: 'SAN_CSCOM' });
    expect((await quarterStatus(node.db, 'ML0401', '2025T1')).status).toBe('submitted');
    await expect(submitQuarter(node, '2025Q1', { now: TEST_NOW })).rejects.toMatchObject({
      code: 'QUARTER_ALREADY_SUBMITTED',
    });

    writeFileSync(csv, 'code_collectivite;code_indicateur;periode;valeur\nML040101;SAN_CSCOM;2025Q1;6\n');
    const locked = await importEntryFiles(node.db, { node: CERCLE, files: [csv], now: TEST_NOW });
    expect(locked.findings.map((f) => f.code)).toEqual(['QUARTER_READ_ONLY']);
    expect(locked.written).toBe(false);

    // The region's decision, as its DOWN bundle brings it into the cercle's database.
    const region = { db: node.db, identity: { code: 'ML04', level: 'region' as const, parentCode: 'ML' } };
    await expect(returnQuarter(region, 'ML0401', '2025Q1', '  ', { now: TEST_NOW })).rejects.toMatchObject({
      code: 'RETURN_REASON_REQUIRED',
    });
    await returnQuarter(region, 'ML0401', '2025Q1', 'Konobougou manque', { now: '2025-04-12T10:00:00.000Z' });
    const returned = await quarterStatus(node.db, 'ML0401', '2025Q1');
    expect(returned).toMatchObject({
      status: 'returned',
      returnedReason: 'Konobougou manque',
      submissionNumber: 1,
    });
    expect((await importEntryFiles(node.db, { node: CERCLE, files: [csv], now: TEST_NOW })).written).toBe(
      true,
    );
    const second = await submitQuarter(node, '2025Q1', { now: '2025-04-13T10:00:00.000Z' });
    expect(second.number).toBe(2);
    // A submission newer than the last decision reopens the question.
    expect((await quarterStatus(node.db, 'ML0401', '2025Q1')).status).toBe('submitted');
    await node.close();
  });

  test('validation at the region marks the cercle’s rows of the quarter due again; national consolidates the region', async ({
    tmp,
  }) => {
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
    const csv = join(tmp, 'q1.csv');
    writeFileSync(
      csv,
      'code_collectivite;code_indicateur;periode;valeur\nML040101;SAN_CSCOM;2025Q1;2\nML040106;SAN_CSCOM;2024Q4;1\n',
    );
    await importEntryFiles(cercle.db, { node: CERCLE, files: [csv], now: TEST_NOW });
    await submitQuarter(cercle, '2025Q1', { now: TEST_NOW });
    const seq = async () =>
      Object.fromEntries(
        (await cercle.db.selectFrom('data_value').select(['period', 'local_seq']).execute()).map((r) => [
          r.period,
          r.local_seq,
        ]),
      );
    const before = await seq();
    const region = { db: cercle.db, identity: { code: 'ML04', level: 'region' as const, parentCode: 'ML' } };
    await expect(validateQuarter(region, 'ML0301', '2025Q1', { now: TEST_NOW })).rejects.toMatchObject({
      code: 'DECISION_UNIT_INVALID',
    });
    const decided = await validateQuarter(region, 'ML0401', '2025Q1', { now: TEST_NOW });
    expect(decided).toMatchObject({ decision: 'validated', submissionNumber: 1, rowsMarkedDue: 2 });
    const after = await seq();
    expect(after['2025Q1']!).toBeGreaterThan(before['2025Q1']!);
    expect(after['2024Q4']).toBe(before['2024Q4']);
    expect((await quarterStatus(cercle.db, 'ML0401', '2025Q1')).status).toBe('validated');
    await expect(
      returnQuarter(region, 'ML0401', '2025Q1', 'trop tard', { now: TEST_NOW }),
    ).rejects.toMatchObject({ code: 'QUARTER_NOT_SUBMITTED' });

    const note = await writeNote(region, 'ML0401', '2025Q1', 'Bonne complétude.', { now: TEST_NOW });
    expect(note).toMatchObject({ revision: 1, changed: true });
    expect(await writeNote(region, 'ML0401', '2025Q1', 'Bonne complétude.', { now: TEST_NOW })).toMatchObject(
      { changed: false },
    );
    expect(
      (await writeNote(region, 'ML0401', '2025Q1', 'Complétude 80 %.', { now: TEST_NOW })).revision,
    ).toBe(2);

    // The region forwards its quarter; national records the consolidation.
    const regionNode = await makeTestNode(tmp, 'region', 'ML04');
    const forwarded = await submitQuarter(regionNode, '2025Q1', { now: TEST_NOW });
    expect(forwarded).toMatchObject({ submitted: true, number: 1, expected: 3, missingCount: 3 });
    const national = {
      db: regionNode.db,
      identity: { code: 'ML', level: 'national' as const, parentCode: null },
    };
    await markConsolidated(national, 'ML04', '2025Q1', { now: TEST_NOW });
    expect((await listQuarterStatuses(regionNode.db)).map((s) => [s.unit, s.period, s.status])).toEqual([
      ['ML04', '2025Q1', 'consolidated'],
    ]);
    await regionNode.close();
    await cercle.close();
  });
});
