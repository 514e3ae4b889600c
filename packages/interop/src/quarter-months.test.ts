import { parseDhis2Period } from '@oise/core';
import { describe, expect, it } from 'vitest';
import { dhis2Boolean, dhis2Flag, splitFollowup, withFollowup } from './dhis2-values.js';
import type { MappedEntry } from './entry-mapping.js';
import { type TimeRule, foldQuarterParts, monthsHeldFr } from './quarter-months.js';
import { CSV_FIELDS, type Dhis2Field } from './value-set.js';

const fields = Object.fromEntries(CSV_FIELDS.map((f) => [f, f])) as Record<Dhis2Field, string>;

function part(
  line: number,
  indicator: string,
  period: string,
  value: string,
  extra: { comment?: string; followup?: boolean; deleted?: boolean } = {},
): MappedEntry {
  const p = parseDhis2Period(period)!;
  return {
    entry: {
      ref: { line },
      value: { dataElement: indicator, period, orgUnit: 'ou', categoryOptionCombo: '', value, ...extra },
      fields,
    },
    indicator,
    unit: 'ML040101',
    period: '2025Q1',
    category: '',
    part: p,
  };
}

const RULES = new Map<string, TimeRule>([
  ['FLOW', { timeAggregation: 'sum', valueType: 'integer' }],
  ['STOCK', { timeAggregation: 'last', valueType: 'integer' }],
  ['MEAN', { timeAggregation: 'average', valueType: 'number' }],
  ['PEAK', { timeAggregation: 'max', valueType: 'integer' }],
  ['LOW', { timeAggregation: 'min', valueType: 'integer' }],
  ['YES', { timeAggregation: 'last', valueType: 'boolean' }],
]);

describe('foldQuarterParts', () => {
  it('applies each time rule over the parts, in period order whatever the file order', () => {
    const months = (ind: string, values: [string, string, string]) => [
      part(4, ind, '202503', values[2]),
      part(2, ind, '202501', values[0]),
      part(3, ind, '202502', values[1]),
    ];
    const { quarters, findings } = foldQuarterParts(
      [
        ...months('FLOW', ['1', '2', '3']),
        ...months('STOCK', ['7', '9', '8']),
        ...months('MEAN', ['1', '2', '4']),
        ...months('PEAK', ['3', '9', '4']),
        ...months('LOW', ['3', '9', '4']),
        ...months('YES', ['T', '0', 'f']),
      ],
      RULES,
      'f.csv',
    );
    expect(findings).toEqual([]);
    expect(
      quarters.map((q) => `${q.indicator} ${q.rule} ${q.value} ${q.months.length}/${q.missing.length}`),
    ).toEqual([
      'FLOW sum 6 3/0',
      'STOCK last 8 3/0',
      'MEAN average 2.33333333333333 3/0',
      'PEAK max 9 3/0',
      'LOW min 3 3/0',
      'YES last false 3/0',
    ]);
  });

  it('joins comments after their month, marks follow-up from any month, leaves deleted months out', () => {
    const { quarters } = foldQuarterParts(
      [
        part(2, 'FLOW', '202501', '5', { comment: 'rupture' }),
        part(3, 'FLOW', '202502', '6', { followup: true }),
        part(4, 'FLOW', '202503', '7', { comment: 'campagne', deleted: true }),
      ],
      RULES,
      'f.csv',
    );
    expect(quarters[0]).toMatchObject({
      value: '11',
      comment: 'janvier 2025 : rupture',
      followup: true,
      missing: ['2025-03'],
    });
    expect(monthsHeldFr(quarters[0]!)).toBe('2 mois sur 3 (janvier 2025, février 2025 ; mars 2025 manque)');
  });

  it('refuses a month given twice, mixed period types, a value that is no DHIS2 number or boolean', () => {
    const { quarters, findings } = foldQuarterParts(
      [
        part(2, 'FLOW', '202501', '5'),
        part(3, 'FLOW', '202501', '6'),
        part(4, 'STOCK', '202501', '5'),
        part(5, 'STOCK', '2025W6', '5'),
        part(6, 'MEAN', '202501', '4,5'),
        part(7, 'YES', '202501', 'oui'),
      ],
      RULES,
      'f.csv',
    );
    expect(quarters).toEqual([]);
    expect(findings.map((f) => [f.line, f.code])).toEqual([
      [3, 'DHIS2_DUPLICATE'],
      [5, 'DHIS2_PERIOD_MIXED'],
      [6, 'DHIS2_VALUE_INVALID'],
      [7, 'DHIS2_VALUE_INVALID'],
    ]);
    expect(findings[0]!.message).toContain('déjà donnée par la ligne 2');
  });
});

describe('DHIS2 value spellings', () => {
  it('booleans exactly as DHIS2 ValidationUtils has them; flags as its CSV reader reads them', () => {
    for (const t of ['true', 'True', 'TRUE', 't', 'T', '1']) expect(dhis2Boolean(t), t).toBe(true);
    for (const f of ['false', 'False', 'FALSE', 'f', 'F', '0']) expect(dhis2Boolean(f), f).toBe(false);
    for (const x of ['tRue', 'oui', 'yes', '2', '']) expect(dhis2Boolean(x), x).toBeUndefined();
    expect([true, 'true', 'tRUE', 'T', '1'].map(dhis2Flag)).toEqual([true, true, true, true, true]);
    expect([false, 'false', 'f', '', undefined, 1].map(dhis2Flag)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('the follow-up tag goes on and comes off the comment', () => {
    expect(withFollowup('à vérifier', true)).toBe('[suivi DHIS2] à vérifier');
    expect(withFollowup(undefined, true)).toBe('[suivi DHIS2]');
    expect(withFollowup('x', false)).toBe('x');
    expect(splitFollowup('[suivi DHIS2] à vérifier')).toEqual({ comment: 'à vérifier', followup: true });
    expect(splitFollowup('[suivi DHIS2]')).toEqual({ comment: '', followup: true });
    expect(splitFollowup(null)).toEqual({ comment: '', followup: false });
  });
});
