import type { Node } from '@oise/node';
import { selectRowsFor } from '@oise/sync';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { validateQuarter } from './quarter-decision.js';

/**
 * Rows of cercle ML0401 as its UP bundles brought them into the region's database, with the
 * region's reception of its submission.
 */
async function receiveFromCercle(region: Node) {
  const sync = { owner: 'ML0401', revision: 1, updated_at: TEST_NOW };
  const value = (unit: string, period: string, owner = 'ML0401') => ({
    ...sync,
    owner,
    org_unit_code: unit,
    indicator_code: 'SAN_CSCOM',
    period,
    category: '',
    value: 2,
    value_text: null,
    comment: null,
    author: 'awa',
    channel: 'csv',
  });
  await region.db
    .insertInto('data_value')
    .values([value('ML040101', '2025Q1'), value('ML040106', '2024Q4'), value('ML040201', '2025Q1', 'ML0402')])
    .execute();
  await region.db
    .insertInto('elected_official')
    .values({
      ...sync,
      id: 'elu-1',
      org_unit_code: 'ML040101',
      period: '2025Q1',
      full_name: 'Aminata Traoré',
      role: 'maire',
      sex: 'F',
      birth_year: null,
      schooling: 'secondaire',
      literate: 1,
      mandate_start: null,
      mandate_end: null,
      author: 'awa',
    })
    .execute();
  await region.db
    .insertInto('training_action')
    .values({
      ...sync,
      id: 'formation-1',
      org_unit_code: 'ML0401',
      period: '2025Q1',
      theme: 'budget',
      start_date: '2025-02-03',
      end_date: null,
      days: 2,
      participants_f: 4,
      participants_m: 6,
      target_group: 'élus',
      funder: null,
      cost: null,
      author: 'awa',
    })
    .execute();
  await region.db
    .insertInto('ccc_activity')
    .values({
      ...sync,
      id: 'activite-1',
      org_unit_code: 'ML040106',
      period: '2025Q1',
      kind: 'appui-conseil',
      activity_date: '2025-03-04',
      days: 1,
      description: 'appui au budget',
      participants: null,
      author: 'awa',
    })
    .execute();
  await region.db
    .insertInto('partnership')
    .values({
      ...sync,
      id: 'partenariat-1',
      org_unit_code: 'ML040101',
      malian_name: 'Barouéli',
      partner_name: 'Ville partenaire',
      partner_country: 'France',
      partner_level: 'commune',
      since_year: 1990,
      status: 'actif',
      sectors: 'Éducation',
      contact: null,
      url: null,
      author: 'awa',
    })
    .execute();
  await region.db
    .insertInto('document')
    .values({
      ...sync,
      id: 'piece-1',
      period: '2025Q1',
      org_unit_code: 'ML0401',
      kind: 'piece-jointe',
      title: 'Procès-verbal',
      file_name: 'pv.pdf',
      media_type: 'application/pdf',
      sha256: '00',
      size: 1,
      content: Buffer.from('x'),
      created_at: TEST_NOW,
    })
    .execute();
  await region.db
    .insertInto('quarter_submission')
    .values({
      ...sync,
      org_unit_code: 'ML0401',
      period: '2025Q1',
      number: 1,
      submitted_at: TEST_NOW,
      submitted_by: 'awa',
      missing_count: 0,
    })
    .execute();
  // The region's own record of when it received that submission.
  await region.db
    .insertInto('quarter_reception')
    .values({
      ...sync,
      owner: 'ML04',
      org_unit_code: 'ML0401',
      period: '2025Q1',
      submission_number: 1,
      received_at: TEST_NOW,
    })
    .execute();
}

const counter = async (region: Node) =>
  (await region.db.selectFrom('change_counter').select('value').executeTakeFirstOrThrow()).value;

const upRows = async (region: Node, from: number) =>
  (
    await selectRowsFor(
      region.db,
      region.identity,
      { code: 'ML', direction: 'up' },
      { from, to: await counter(region) },
    )
  ).rows
    .map((r) => `${r.table} ${String(r.row.org_unit_code)} ${String(r.row.period ?? '')}`)
    .sort();

describe('validation releases what the region held back', () => {
  test('every period-bound row the cercle owns for the quarter goes up, documents and the reception included; nothing else', async ({
    tmp,
  }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    await receiveFromCercle(region);
    // Before the CSR decides, only the cercle's rows without a period may go up.
    expect(await upRows(region, 0)).toEqual(['partnership ML040101 ']);

    const before = await counter(region);
    const decided = await validateQuarter(region, 'ML0401', '2025Q1', { now: TEST_NOW });
    expect(decided.rowsMarkedDue).toBe(7);
    expect(await upRows(region, before)).toEqual([
      'ccc_activity ML040106 2025Q1',
      'data_value ML040101 2025Q1',
      'document ML0401 2025Q1',
      'elected_official ML040101 2025Q1',
      'quarter_decision ML0401 2025Q1',
      'quarter_reception ML0401 2025Q1',
      'quarter_submission ML0401 2025Q1',
      'training_action ML0401 2025Q1',
    ]);
    await region.close();
  });
});
