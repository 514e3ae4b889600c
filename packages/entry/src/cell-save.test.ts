import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { submitQuarter } from '@oise/workflow';
import { describe, expect } from 'vitest';
import { type CellEdit, saveCellValue, saveCellValues } from './cell-save.js';
import { gridCellKey, readEntryGrid } from './entry-grid.js';

const CERCLE = { code: 'ML0401', level: 'cercle' as const };
const BARAOUELI = 'ML040101';
const cell = (indicator: string, raw: string, extra: Partial<CellEdit> = {}): CellEdit => ({
  unit: BARAOUELI,
  indicator,
  period: '2025Q1',
  category: '',
  raw,
  ...extra,
});

describe('the entry grid and its cells', () => {
  test('reads a domain as the workbook lays it out: communes, F/M/total columns, last quarter beside', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    await saveCellValues(node.db, {
      node: CERCLE,
      now: TEST_NOW,
      cells: [
        cell('EDU_ELEVES_INSCRITS', '410', { period: '2024Q4', category: 'F' }),
        cell('EDU_ELEVES_INSCRITS', '415', { category: 'F' }),
      ],
    });
    const grid = await readEntryGrid(node.db, {
      node: CERCLE,
      quarter: '2025T1',
      domain: 'education',
      now: TEST_NOW,
    });
    expect(grid.cercle).toEqual({ code: 'ML0401', name: 'Barouéli' });
    expect(grid.quarter).toBe('2025Q1');
    expect(grid.previousQuarter).toBe('2024Q4');
    expect(grid.communes.map((c) => c.name)).toEqual([
      'Baraoueli',
      'Konobougou',
      'Saminé',
      'Sanando',
      'Tamani',
    ]);
    expect(grid.domains[0]).toEqual({ domain: 'sante', label: 'Santé' });
    const pupils = grid.columns.filter((c) => c.indicator === 'EDU_ELEVES_INSCRITS');
    expect(pupils.map((c) => [c.category, c.categoryLabel])).toEqual([
      ['F', 'filles'],
      ['M', 'garçons'],
      ['', undefined],
    ]);
    expect(pupils[0]).toMatchObject({ unit: 'nombre', min: 0, max: 60000, valueType: 'integer' });
    // Rates are computed, never entered.
    expect(grid.columns.some((c) => c.indicator === 'EDU_TBS')).toBe(false);
    expect(grid.cells.get(gridCellKey(BARAOUELI, 'EDU_ELEVES_INSCRITS', 'F'))).toEqual({
      text: '415',
      previous: '410',
    });
    expect(grid.readOnly).toBeUndefined();
    const future = await readEntryGrid(node.db, { node: CERCLE, quarter: '2025Q3', now: TEST_NOW });
    expect(future.domain).toBe('sante');
    expect(future.readOnly?.code).toBe('PERIOD_FUTURE');
    await node.close();
  });

  test('refuses « 12 personnes » and a part above its whole with entry’s messages; fixed, they are stored and journaled', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const save = (edit: CellEdit) =>
      saveCellValue(node.db, { node: CERCLE, now: TEST_NOW, author: 'awa', cell: edit });

    const words = await save(cell('SAN_CONSULT_CURATIVES', '12 personnes'));
    expect(words).toMatchObject({
      state: 'refused',
      written: null,
      codes: ['VALUE_NOT_NUMBER'],
      shown: '12 personnes',
    });
    expect(words.messages[0]).toBe(
      "« 12 personnes » n'est pas un nombre : écrivez un nombre entier sans lettres, par exemple 12.",
    );
    expect(await node.db.selectFrom('data_value').selectAll().execute()).toEqual([]);

    expect(await save(cell('SAN_CSCOM', '3'))).toMatchObject({
      state: 'saved',
      written: 'inserted',
      shown: '3',
    });
    const part = await save(cell('SAN_CSCOM_FONCT', '5'));
    expect(part).toMatchObject({ state: 'refused', codes: ['PART_ABOVE_WHOLE'] });
    expect(part.messages[0]).toContain(
      '« Nombre de CSCOM fonctionnels » vaut 5, plus que « Nombre de CSCOM » (3)',
    );

    expect(await save(cell('SAN_CSCOM_FONCT', '2'))).toMatchObject({ state: 'saved', written: 'inserted' });
    expect(await save(cell('SAN_CONSULT_CURATIVES', '1 234'))).toMatchObject({
      state: 'saved',
      shown: '1234',
    });
    expect(await save(cell('SAN_CONSULT_CURATIVES', '1234'))).toMatchObject({
      state: 'saved',
      written: 'unchanged',
    });
    const rows = await node.db
      .selectFrom('data_value')
      .select(['indicator_code', 'value', 'revision', 'author', 'channel'])
      .orderBy('indicator_code')
      .execute();
    expect(rows).toEqual([
      { indicator_code: 'SAN_CONSULT_CURATIVES', value: 1234, revision: 1, author: 'awa', channel: 'web' },
      { indicator_code: 'SAN_CSCOM', value: 3, revision: 1, author: 'awa', channel: 'web' },
      { indicator_code: 'SAN_CSCOM_FONCT', value: 2, revision: 1, author: 'awa', channel: 'web' },
    ]);
    const journal = await node.db
      .selectFrom('journal')
      .select(['row_key', 'new_value', 'author', 'channel'])
      .execute();
    expect(journal).toHaveLength(3);
    expect(journal.every((j) => j.author === 'awa' && j.channel === 'web')).toBe(true);

    // Emptying a stored cell deletes the figure (tombstone, next revision), journaled.
    expect(await save(cell('SAN_CSCOM_FONCT', ''))).toMatchObject({
      state: 'saved',
      written: 'deleted',
      shown: '',
    });
    const gone = await node.db
      .selectFrom('data_value')
      .select(['deleted', 'value', 'revision'])
      .where('indicator_code', '=', 'SAN_CSCOM_FONCT')
      .executeTakeFirstOrThrow();
    expect(gone).toEqual({ deleted: 1, value: null, revision: 2 });
    await node.close();
  });

  test('F + M = total, an outlier stored with its warning, a submitted quarter locked', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const many = (cells: CellEdit[]) => saveCellValues(node.db, { node: CERCLE, now: TEST_NOW, cells });
    const teachers = (category: string, raw: string, period = '2025Q1') =>
      cell('EDU_ENSEIGNANTS', raw, { category, period });

    const sum = await many([teachers('F', '10'), teachers('M', '5'), teachers('', '20')]);
    expect(sum.results.map((r) => r.state)).toEqual(['refused', 'refused', 'refused']);
    expect(sum.results[2]!.codes).toEqual(['SEX_SUM_MISMATCH']);
    expect(sum.journalRows).toBe(0);
    const fixed = await many([teachers('F', '10'), teachers('M', '5'), teachers('', '15')]);
    expect(fixed.results.map((r) => r.state)).toEqual(['saved', 'saved', 'saved']);
    expect(fixed.journalRows).toBe(3);

    // Four quarters near 40, then 400: stored, with entry's outlier warning.
    await many(['2024Q1', '2024Q2', '2024Q3', '2024Q4'].map((p) => cell('SAN_CPN', '40', { period: p })));
    const odd = await saveCellValue(node.db, { node: CERCLE, now: TEST_NOW, cell: cell('SAN_CPN', '400') });
    expect(odd).toMatchObject({ state: 'warning', written: 'inserted', codes: ['VALUE_OUTLIER'] });
    expect(odd.messages[0]).toMatch(
      /^400 est inhabituel pour Baraoueli : la médiane des 4 trimestres précédents est 40/,
    );

    await submitQuarter(node, '2025Q1', { now: TEST_NOW });
    const late = await saveCellValue(node.db, { node: CERCLE, now: TEST_NOW, cell: cell('SAN_CPN', '41') });
    expect(late).toMatchObject({ state: 'locked', written: null, codes: ['QUARTER_READ_ONLY'] });
    const grid = await readEntryGrid(node.db, { node: CERCLE, quarter: '2025Q1', now: TEST_NOW });
    expect(grid.readOnly?.code).toBe('QUARTER_READ_ONLY');
    expect(grid.readOnly?.message).toContain('lecture seule');
    const cpn = await node.db
      .selectFrom('data_value')
      .select('value')
      .where('indicator_code', '=', 'SAN_CPN')
      .where('period', '=', '2025Q1')
      .executeTakeFirstOrThrow();
    expect(cpn.value).toBe(400);
    await node.close();
  });
});
