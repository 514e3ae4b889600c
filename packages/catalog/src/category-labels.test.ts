import { describe, expect, it } from 'vitest';
import { categoryLabel } from './category-labels.js';
import { readIndicatorCatalog } from './indicator-catalog.js';

describe('category labels', () => {
  const catalog = new Map(readIndicatorCatalog().map((d) => [d.code, d]));
  const label = (code: string, category: string) => categoryLabel(catalog.get(code)!, category);

  it('names pupils girls and boys, and everyone else women and men', () => {
    expect(label('EDU_ELEVES_INSCRITS', 'F')).toBe('filles');
    expect(label('EDU_ELEVES_INSCRITS', 'M')).toBe('garçons');
    expect(label('EDU_DEF_ADMIS', 'F')).toBe('filles');
    expect(label('EDU_ENSEIGNANTS', 'F')).toBe('femmes');
    expect(label('ELU_CONSEILLERS', 'M')).toBe('hommes');
  });

  it('gives no name to a total, nor to an indicator not counted by sex', () => {
    expect(label('EDU_ELEVES_INSCRITS', '')).toBeUndefined();
    expect(label('SAN_CSCOM', 'F')).toBeUndefined();
  });
});
