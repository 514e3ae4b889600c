import { insertSubmission, insertValues } from '@oise/consolidate/test-support';
import { DEFAULT_CALENDAR } from '@oise/core';
import { makeTestNode, test } from '@oise/testkit';
import { noteAndHandOver } from '@oise/workflow';
import { describe, expect } from 'vitest';
import { OUTLIER_FACTOR } from './outlier.js';
import { REVIEW_HISTORY_QUARTERS, reviewQuarter } from './quarter-review.js';

const NOW = '2025-04-12T09:00:00.000Z';
const history = (unit: string, indicator: string, values: number[], category = '') =>
  values.map((value, i) => ({
    unit,
    indicator,
    category,
    value,
    // 2024Q4, 2024Q3, … nearest first
    period: ['2024Q4', '2024Q3', '2024Q2', '2024Q1', '2023Q4', '2023Q3'][i]!,
  }));

describe('a child’s quarter in review', () => {
  test('values beside the quarters before, unusual ones by the outlier rule, entries per commune', async ({
    tmp,
  }) => {
    const region = await makeTestNode(tmp, 'region', 'ML04');
    try {
      await insertValues(region.db, [
        ...history('ML040101', 'SAN_CONSULT_CURATIVES', [1200, 1180, 1250, 1300, 1150, 1220]),
        // Ten times the usual: an extra zero.
        { unit: 'ML040101', indicator: 'SAN_CONSULT_CURATIVES', period: '2025Q1', value: 12500 },
        ...history('ML040106', 'SAN_CONSULT_CURATIVES', [800, 820]),
        { unit: 'ML040106', indicator: 'SAN_CONSULT_CURATIVES', period: '2025Q1', value: 790 },
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', value: 4 },
        { unit: 'ML040101', indicator: 'EDU_ELEVES_INSCRITS', period: '2025Q1', category: 'F', value: 415 },
        // Too long ago to be shown, but read by the outlier rule.
        { unit: 'ML040109', indicator: 'SAN_CSCOM', period: '2023Q2', value: 3 },
      ]);
      await insertSubmission(region.db, 'ML0401', '2025Q1', '2025-04-10T09:00:00.000Z');
      await noteAndHandOver(region, 'ML0401', '2025Q1', 'Vérifiez les consultations.', { now: NOW });

      const review = await reviewQuarter(region.db, {
        node: region.identity,
        unit: 'ML0401',
        quarter: '2025T1',
        now: NOW,
        calendar: DEFAULT_CALENDAR,
      });
      expect(review).toBeDefined();
      const r = review!;
      expect(r.unit).toEqual({ code: 'ML0401', name: 'Barouéli', level: 'cercle' });
      expect(r.quarters).toEqual(['2025Q1', '2024Q4', '2024Q3', '2024Q2', '2024Q1']);
      expect(r.quarters).toHaveLength(REVIEW_HISTORY_QUARTERS + 1);
      expect(r.state).toMatchObject({
        reception: 'on-time',
        receivedAt: '2025-04-10T09:00:00.000Z',
        status: { status: 'submitted', submissionNumber: 1 },
      });
      expect(r.note?.text).toBe('Vérifiez les consultations.');
      expect(r.cercleNotes).toEqual([]);

      expect(r.domains.map((d) => d.label)).toEqual(['Santé', 'Éducation']);
      const sante = r.domains[0]!.lines;
      expect(sante.map((l) => `${l.indicator} ${l.commune.name}`)).toEqual([
        'SAN_CSCOM Baraoueli',
        'SAN_CONSULT_CURATIVES Baraoueli',
        'SAN_CONSULT_CURATIVES Konobougou',
      ]);
      const [, baraoueli, konobougou] = sante;
      expect(baraoueli!.figures.map((f) => f?.value ?? null)).toEqual([12500, 1200, 1180, 1250, 1300]);
      expect(baraoueli!.outlier?.range.median).toBe(1210);
      expect(baraoueli!.outlier?.range.high).toBe(1210 * OUTLIER_FACTOR);
      expect(baraoueli!.outlier?.message).toMatch(
        /^12 500 est inhabituel pour Baraoueli : la médiane des 6 trimestres/,
      );
      expect(konobougou!.outlier).toBeUndefined();
      expect(konobougou!.figures.map((f) => f?.value ?? null)).toEqual([790, 800, 820, null, null]);
      expect(r.outlierCount).toBe(1);
      const pupils = r.domains[1]!.lines[0]!;
      expect(pupils).toMatchObject({
        category: 'F',
        categoryLabel: 'filles',
        label: "Nombre d'élèves inscrits au premier cycle du fondamental",
      });
      // Old figures outside the shown window make no line.
      expect(sante.some((l) => l.commune.code === 'ML040109')).toBe(false);

      // Entries per commune, against one per entered indicator.
      expect(r.communes.map((c) => [c.name, c.entered])).toEqual([
        ['Baraoueli', 3],
        ['Konobougou', 1],
        ['Saminé', 0],
        ['Sanando', 0],
        ['Tamani', 0],
      ]);
      expect(new Set(r.communes.map((c) => c.expected)).size).toBe(1);
      expect(r.communes[0]!.expected).toBeGreaterThan(50);

      // Not a cercle of this region, or this region itself: nothing to review.
      for (const unit of ['ML0201', 'ML04', 'ML040101'])
        expect(
          await reviewQuarter(region.db, {
            node: region.identity,
            unit,
            quarter: '2025Q1',
            now: NOW,
            calendar: DEFAULT_CALENDAR,
          }),
          unit,
        ).toBeUndefined();
    } finally {
      await region.close();
    }
  });

  test('at national, a region’s quarter with its cercles named beside each commune', async ({ tmp }) => {
    const national = await makeTestNode(tmp, 'national', 'ML');
    try {
      await insertValues(national.db, [
        { unit: 'ML040101', indicator: 'SAN_CSCOM', period: '2025Q1', value: 4 },
        { unit: 'ML040302', indicator: 'SAN_CSCOM', period: '2025Q1', value: 1 },
      ]);
      await insertSubmission(national.db, 'ML04', '2025Q1', '2025-04-25T09:00:00.000Z');
      const r = (await reviewQuarter(national.db, {
        node: national.identity,
        unit: 'ML04',
        quarter: '2025Q1',
        now: NOW,
        calendar: DEFAULT_CALENDAR,
      }))!;
      expect(r.unit).toEqual({ code: 'ML04', name: 'Ségou', level: 'region' });
      expect(r.state.status.status).toBe('submitted');
      expect(r.note).toBeUndefined();
      expect(r.cercleNotes).toEqual([]);
      expect(r.communes).toHaveLength(15);
      expect(r.domains[0]!.lines.map((l) => `${l.cercle?.name} / ${l.commune.name}`)).toEqual([
        'Barouéli / Baraoueli',
        'Bla / Bla',
      ]);
    } finally {
      await national.close();
    }
  });
});
