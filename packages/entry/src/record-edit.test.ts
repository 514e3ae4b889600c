import { OiseError } from '@oise/core';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { submitQuarter } from '@oise/workflow';
import { describe, expect } from 'vitest';
import { deleteRecord, saveRecord } from './record-edit.js';
import { OFFICIALS, PARTNERSHIPS, TRAININGS, recordKindOfWord } from './record-kinds.js';
import { countRecords, listRecords, readRecord, recordFormValues } from './record-list.js';

const CERCLE = { code: 'ML0401', level: 'cercle' as const };
const AWA = {
  org_unit_code: 'ML040101',
  full_name: 'Awa Traoré',
  role: 'maire',
  sex: 'F',
  birth_year: '1975',
  schooling: 'secondaire',
  literate: 'oui',
  mandate_start: '2016',
  mandate_end: '2021',
};
const later = '2025-04-11T08:00:00.000Z';

describe('the record lists, entered one record at a time', () => {
  test('adds, refuses, changes and deletes an official: the checks of an import, journaled, tombstoned', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const base = { node: CERCLE, kind: OFFICIALS, now: TEST_NOW, author: 'awa' };
    const added = await saveRecord(node.db, { ...base, quarter: '2025T1', values: AWA });
    expect(added).toMatchObject({ state: 'saved', written: 'inserted', findings: [] });
    expect(added.id).toMatch(/^elu-[0-9a-f]{16}$/);

    // Refused: the name missing, the mandate ending before it starts; nothing stored.
    const bad = await saveRecord(node.db, {
      ...base,
      quarter: '2025Q1',
      values: { ...AWA, full_name: ' ', mandate_start: '2021', mandate_end: '2016', birth_year: '1850' },
    });
    expect(bad.state).toBe('refused');
    expect(bad.findings.map((f) => [f.column, f.code])).toEqual([
      ['full_name', 'REQUIRED_MISSING'],
      ['birth_year', 'VALUE_OUT_OF_BOUNDS'],
    ]);
    expect(bad.findings[0]!.message).toBe('« Nom et prénom » est obligatoire : remplissez cette case.');
    const inverted = await saveRecord(node.db, {
      ...base,
      quarter: '2025Q1',
      values: { ...AWA, full_name: 'Moussa Diarra', mandate_start: '2021', mandate_end: '2016' },
    });
    expect(inverted.findings.map((f) => [f.column, f.code])).toEqual([['mandate_end', 'DATES_INVERTED']]);
    // The same official again (accents and case aside) is the same entry: refused.
    const again = await saveRecord(node.db, {
      ...base,
      quarter: '2025Q1',
      values: { ...AWA, full_name: 'AWA TRAORE', role: 'adjoint' },
    });
    expect(again.findings.map((f) => [f.column, f.code])).toEqual([['full_name', 'DUPLICATE_ROW']]);
    expect(again.findings[0]!.message).toContain('« Awa Traoré »');

    let list = await listRecords(node.db, {
      cercle: 'ML0401',
      kind: OFFICIALS,
      quarter: '2025Q1',
      now: TEST_NOW,
    });
    expect(list.records).toHaveLength(1);
    expect(list.readOnly).toBeUndefined();
    expect(list.units.map((u) => u.label)).toEqual([
      'Baraoueli',
      'Konobougou',
      'Saminé',
      'Sanando',
      'Tamani',
      'Cercle de Barouéli',
    ]);
    const stored = list.records[0]!;
    expect(stored).toMatchObject({ full_name: 'Awa Traoré', sex: 'F', literate: 1, birth_year: 1975 });
    expect(recordFormValues(OFFICIALS, stored)).toMatchObject({ ...AWA, period: '2025Q1' });

    // Sent back unchanged: nothing written; changed: revision 2, journaled old → new.
    const same = await saveRecord(node.db, {
      ...base,
      id: added.id!,
      values: recordFormValues(OFFICIALS, stored),
    });
    expect(same).toMatchObject({ state: 'saved', written: 'unchanged' });
    const changed = await saveRecord(node.db, {
      ...base,
      now: later,
      id: added.id!,
      values: { ...AWA, role: 'adjoint', mandate_end: '2026' },
    });
    expect(changed).toMatchObject({ state: 'saved', written: 'updated', id: added.id });
    const row = await readRecord(node.db, { cercle: 'ML0401', kind: OFFICIALS, id: added.id! });
    expect(row).toMatchObject({
      role: 'adjoint',
      mandate_end: 2026,
      revision: 2,
      author: 'awa',
      owner: 'ML0401',
    });

    const moussa = await saveRecord(node.db, {
      ...base,
      quarter: '2025Q1',
      values: { ...AWA, full_name: 'Moussa Diarra', sex: 'M' },
    });
    // Renaming Moussa as Awa would repeat her: refused.
    const clash = await saveRecord(node.db, { ...base, id: moussa.id!, values: { ...AWA, sex: 'M' } });
    expect(clash.findings.map((f) => f.code)).toEqual(['DUPLICATE_ROW']);
    expect(await deleteRecord(node.db, { ...base, now: later, id: moussa.id! })).toEqual({
      state: 'deleted',
      message: undefined,
    });
    const tomb = await node.db
      .selectFrom('elected_official')
      .selectAll()
      .where('id', '=', moussa.id!)
      .executeTakeFirstOrThrow();
    expect(tomb).toMatchObject({ deleted: 1, revision: 2, author: 'awa' });
    list = await listRecords(node.db, {
      cercle: 'ML0401',
      kind: OFFICIALS,
      quarter: '2025Q1',
      now: TEST_NOW,
    });
    expect(list.records.map((r) => r.full_name)).toEqual(['Awa Traoré']);
    await expect(readRecord(node.db, { cercle: 'ML0401', kind: OFFICIALS, id: moussa.id! })).rejects.toThrow(
      OiseError,
    );
    await expect(deleteRecord(node.db, { ...base, id: moussa.id! })).rejects.toMatchObject({
      code: 'RECORD_NOT_FOUND',
    });

    const journal = await node.db
      .selectFrom('journal')
      .select(['table_name', 'row_key', 'old_value', 'new_value', 'new_revision', 'author', 'channel'])
      .orderBy('id')
      .execute();
    expect(
      journal.map((j) => [j.row_key === added.id ? 'awa' : 'moussa', j.new_revision, j.channel]),
    ).toEqual([
      ['awa', 1, 'web'],
      ['awa', 2, 'web'],
      ['moussa', 1, 'web'],
      ['moussa', 2, 'web'],
    ]);
    expect(journal.every((j) => j.author === 'awa' && j.table_name === 'elected_official')).toBe(true);
    expect(JSON.parse(journal[1]!.old_value!)).toMatchObject({ role: 'maire' });
    expect(JSON.parse(journal[1]!.new_value!)).toMatchObject({ role: 'adjoint' });
    expect(journal[3]!.new_value).toBeNull();
    expect(await countRecords(node.db, { cercle: 'ML0401', quarter: '2025Q1', now: TEST_NOW })).toEqual([
      { kind: OFFICIALS, count: 1 },
      { kind: recordKindOfWord('formations'), count: 0 },
      { kind: recordKindOfWord('activites'), count: 0 },
      { kind: PARTNERSHIPS, count: 0 },
    ]);
    await node.close();
  });

  test('a submitted quarter refuses every change with the lock’s message; its list says why', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const base = { node: CERCLE, kind: OFFICIALS, now: TEST_NOW };
    const added = await saveRecord(node.db, { ...base, quarter: '2025Q1', values: AWA });
    await submitQuarter(node, '2025Q1', { now: TEST_NOW });
    const change = await saveRecord(node.db, { ...base, id: added.id!, values: { ...AWA, role: 'adjoint' } });
    expect(change.state).toBe('locked');
    expect(change.findings.map((f) => [f.column, f.code])).toEqual([['', 'QUARTER_READ_ONLY']]);
    expect(change.findings[0]!.message).toMatch(/^le 1er trimestre 2025 de .+ a été transmis à la région/);
    const more = await saveRecord(node.db, {
      ...base,
      quarter: '2025Q1',
      values: { ...AWA, full_name: 'Oumar Sow' },
    });
    expect(more.state).toBe('locked');
    const gone = await deleteRecord(node.db, { ...base, id: added.id! });
    expect(gone.state).toBe('locked');
    expect(gone.message).toContain('lecture seule');
    const list = await listRecords(node.db, {
      cercle: 'ML0401',
      kind: OFFICIALS,
      quarter: '2025Q1',
      now: TEST_NOW,
    });
    expect(list.readOnly?.code).toBe('QUARTER_READ_ONLY');
    expect(list.records).toHaveLength(1);
    // The next quarter is not begun yet: read-only too.
    const next = await listRecords(node.db, {
      cercle: 'ML0401',
      kind: OFFICIALS,
      quarter: '2025Q3',
      now: TEST_NOW,
    });
    expect(next.readOnly?.code).toBe('PERIOD_FUTURE');
    expect(await node.db.selectFrom('journal').select('id').execute()).toHaveLength(1);
    await node.close();
  });

  test('trainings: French dates and decimals, a bad date refused; partnerships without a quarter', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const training = {
      org_unit_code: 'ML0401',
      theme: 'Gestion budgétaire',
      start_date: '2025-02-14',
      end_date: '16/02/2025',
      days: '2,5',
      participants_f: '4',
      participants_m: '11',
      target_group: 'elus',
      funder: '',
      cost: '',
    };
    const base = { node: CERCLE, now: TEST_NOW };
    const bad = await saveRecord(node.db, {
      ...base,
      kind: TRAININGS,
      quarter: '2025Q1',
      values: { ...training, start_date: '31/02/2025' },
    });
    expect(bad.findings.map((f) => [f.column, f.code])).toEqual([['start_date', 'DATE_INVALID']]);
    const ok = await saveRecord(node.db, { ...base, kind: TRAININGS, quarter: '2025Q1', values: training });
    expect(ok.state).toBe('saved');
    const row = await readRecord(node.db, { cercle: 'ML0401', kind: TRAININGS, id: ok.id! });
    expect(row).toMatchObject({ end_date: '2025-02-16', days: 2.5, funder: null });
    expect(recordFormValues(TRAININGS, row)).toMatchObject({ days: '2,5', end_date: '2025-02-16' });

    const partnership = {
      org_unit_code: 'ML040106',
      malian_name: 'Konobougou',
      partner_name: 'Villefranche',
      partner_country: 'France',
      partner_level: 'commune',
      since_year: '1992',
      status: 'actif',
      sectors: 'Éducation, santé',
      contact: '',
      url: '',
    };
    const outside = await saveRecord(node.db, {
      ...base,
      kind: PARTNERSHIPS,
      values: { ...partnership, org_unit_code: 'ML040204', status: 'dormant' },
    });
    expect(outside.findings.map((f) => [f.column, f.code])).toEqual([
      ['org_unit_code', 'ORG_UNIT_OUTSIDE_SCOPE'],
      ['status', 'ENUM_INVALID'],
    ]);
    const p = await saveRecord(node.db, { ...base, kind: PARTNERSHIPS, values: partnership });
    expect(p).toMatchObject({ state: 'saved', written: 'inserted' });
    const plist = await listRecords(node.db, {
      cercle: 'ML0401',
      kind: PARTNERSHIPS,
      quarter: '2020Q1',
      now: TEST_NOW,
    });
    expect(plist.quarter).toBeUndefined();
    expect(plist.records).toMatchObject([
      { partner_name: 'Villefranche', since_year: 1992, owner: 'ML0401' },
    ]);
    // A submitted quarter does not close partnerships: they hold no quarter.
    await submitQuarter(node, '2025Q1', { now: TEST_NOW });
    expect(await deleteRecord(node.db, { ...base, kind: PARTNERSHIPS, id: p.id! })).toMatchObject({
      state: 'deleted',
    });
    await node.close();
  });

  test('only a cercle keeps these lists', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'region', 'ML04');
    await expect(
      saveRecord(node.db, {
        node: { code: 'ML04', level: 'region' },
        kind: OFFICIALS,
        quarter: '2025Q1',
        now: TEST_NOW,
        values: AWA,
      }),
    ).rejects.toMatchObject({ code: 'TEMPLATE_NOT_CERCLE' });
    await node.close();
  });
});
