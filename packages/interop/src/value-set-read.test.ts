import { describe, expect, it } from 'vitest';
import { parseValueSet } from './value-set-read.js';

describe('set-level fields of a data value set', () => {
  it("fills orgUnit, period and attributeOptionCombo where an entry lacks them; the entry's own wins (as in DHIS2); reports dataSet and completedDate", () => {
    const text = JSON.stringify({
      dataSet: 'pBOMPrpg1QX',
      completedDate: '2025-04-02',
      period: '202501',
      orgUnit: { id: 'DiszpKrYNg8' },
      attributeOptionCombo: 'HllvX50cXC0',
      dataValues: [
        { dataElement: { id: 'f7n9E0hX8qk' }, categoryOptionCombo: { id: 'HllvX50cXC0' }, value: '12' },
        { dataElement: 'f7n9E0hX8qk', orgUnit: 'ImspTQPwCqd', period: '202502', value: '3' },
      ],
    });
    const set = parseValueSet(text, '/tmp/ensemble.json');
    const [first, second] = set.entries;
    expect(set.setFields.names).toMatchObject({ completeDate: 'completedDate', dataSet: 'dataSet' });
    expect(first?.value).toMatchObject({
      dataElement: 'f7n9E0hX8qk',
      categoryOptionCombo: 'HllvX50cXC0',
      orgUnit: 'DiszpKrYNg8',
      period: '202501',
      attributeOptionCombo: 'HllvX50cXC0',
    });
    expect(first?.fields.period).toBe('period (jeu de valeurs)');
    expect(second?.value).toMatchObject({ orgUnit: 'ImspTQPwCqd', period: '202502' });
    const codes = set.findings.map((f) => `${f.code}:${f.column}`);
    expect(codes).toEqual(['DHIS2_SET_FIELD_IGNORED:dataSet', 'DHIS2_SET_FIELD_IGNORED:completedDate']);
    expect(set.findings.every((f) => f.severity === 'warning' && !f.message.includes('[object'))).toBe(true);
    expect(set.findings[0]?.message).toContain('« pBOMPrpg1QX »');
  });

  it('a CSV has no set-level fields', () => {
    const set = parseValueSet('f7n9E0hX8qk,2025Q1,DiszpKrYNg8,HllvX50cXC0,,5\n', '/tmp/v.csv');
    expect(set.setFields).toEqual({ values: {}, names: {} });
    expect(set.findings).toEqual([]);
  });
});
