import { insertSubmission, insertValues } from '@oise/consolidate/test-support';
import { DEFAULT_CALENDAR } from '@oise/core';
import { makeTestNode, test } from '@oise/testkit';
import { describe, expect } from 'vitest';
import { readNote, readNotes } from './quarter-note-read.js';
import { writeNote } from './quarter-note.js';
import { unitsNotReporting } from './units-reporting.js';

const AFTER_DUE = '2025-04-20T09:00:00.000Z';

describe('who did not report, for the committees', () => {
  test('at a region: the cercles whose quarter never arrived, and the communes with no value', async ({
    tmp,
  }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    try {
      // Barouéli sent its quarter (two of its five communes have values); Ségou's values came
      // without a submission; Bla sent nothing.
      await insertValues(region.db, [
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', value: 4 },
        { unit: 'ML040106', indicator: 'SAN_CSCOM', period: '2025Q1', value: 2 },
        { unit: 'ML040204', indicator: 'SAN_CSCOM', period: '2025Q1', value: 1 },
      ]);
      await insertSubmission(region.db, 'ML0401', '2025Q1', '2025-04-10T09:00:00.000Z');
      const missing = await unitsNotReporting(region.db, 'ML04', '2025T1', AFTER_DUE, DEFAULT_CALENDAR);
      expect(missing).toMatchObject({ period: '2025Q1', level: 'cercle', of: 3 });
      expect(missing!.missing.map((u) => [u.code, u.name, u.quarter?.reception])).toEqual([
        ['ML0402', 'Ségou', 'overdue'],
        ['ML0403', 'Bla', 'overdue'],
      ]);
      expect(missing!.missing[0]!.completeness).toMatchObject({ reporting: 1, expected: 5 });
      // 15 communes in Ségou's three demo cercles, three with a value.
      expect(missing!.below).toEqual([{ level: 'commune', missing: 12, of: 15 }]);
    } finally {
      await region.close();
    }
  });

  test('at a cercle: its communes with no value; at national: regions, then cercles and communes counted', async ({
    tmp,
  }) => {
    const cercle = await makeTestNode(tmp, 'cercle', 'ML0401');
    const national = await makeTestNode(tmp, 'national', 'ML');
    try {
      await insertValues(cercle.db, [
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', value: 4 },
        { unit: 'ML040109', indicator: 'SAN_CSCOM', period: '2025Q1', value: 1 },
      ]);
      const atCercle = await unitsNotReporting(cercle.db, 'ML0401', '2025Q1', AFTER_DUE, DEFAULT_CALENDAR);
      expect(atCercle!.level).toBe('commune');
      expect(atCercle!.missing.map((u) => u.name)).toEqual(['Konobougou', 'Sanando', 'Tamani']);
      expect(atCercle).toMatchObject({ of: 5, below: [] });

      await insertValues(national.db, [
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', value: 4 },
        { unit: 'ML020101', indicator: 'SAN_CSCOM', period: '2025Q1', value: 3 },
      ]);
      await insertSubmission(national.db, 'ML04', '2025Q1', '2025-04-14T09:00:00.000Z');
      const atNational = await unitsNotReporting(national.db, 'ML', '2025Q1', AFTER_DUE, DEFAULT_CALENDAR);
      expect(atNational!.level).toBe('region');
      expect(atNational!.missing.map((u) => u.name)).toEqual(['Koulikoro', 'Sikasso']);
      expect(atNational!.below).toEqual([
        { level: 'cercle', missing: 7, of: 9 },
        { level: 'commune', missing: 43, of: 45 },
      ]);
      expect(await unitsNotReporting(national.db, 'ML99', '2025Q1', AFTER_DUE, DEFAULT_CALENDAR)).toBe(
        undefined,
      );
    } finally {
      await cercle.close();
      await national.close();
    }
  });

  test('readNotes gives the notes of the units that have one, in the order asked', async ({ tmp }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    try {
      await writeNote(region, 'ML0403', '2025Q1', 'Bla : saisie en retard.', { now: AFTER_DUE });
      await writeNote(region, 'ML0401', '2025Q1', 'Barouéli <b>complet</b>.', { now: AFTER_DUE });
      const notes = await readNotes(region.db, ['ML0401', 'ML0402', 'ML0403'], '2025T1');
      expect(notes.map((n) => [n.unit, n.text])).toEqual([
        ['ML0401', 'Barouéli <b>complet</b>.'],
        ['ML0403', 'Bla : saisie en retard.'],
      ]);
      expect(await readNotes(region.db, [], '2025Q1')).toEqual([]);
      expect((await readNote(region.db, 'ML0403', '2025Q1'))?.author).toBe('ML04');
    } finally {
      await region.close();
    }
  });
});
