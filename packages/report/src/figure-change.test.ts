import { describe, expect, it } from 'vitest';
import { describeChange } from './figure-change.js';

describe('a figure beside the quarter before, in words', () => {
  it('counts by their relative change, in whole percent', () => {
    expect(describeChange(1120, 1000, { points: false })).toEqual({
      difference: 120,
      words: 'en hausse de 12 %',
    });
    expect(describeChange(970, 1000, { points: false })).toEqual({
      difference: -30,
      words: 'en baisse de 3 %',
    });
    expect(describeChange(1004, 1000, { points: false }).words).toBe('stable');
    expect(describeChange(25_000, 10_000, { points: false }).words).toBe('en hausse de 150 %');
    expect(describeChange(5, 0, { points: false }).words).toBe('en hausse (0 au trimestre précédent)');
    expect(describeChange(0, 0, { points: false }).words).toBe('stable');
  });

  it('rates by their difference in points', () => {
    expect(describeChange(47.5, 45, { points: true })).toEqual({
      difference: 2.5,
      words: 'en hausse de 2,5 points',
    });
    expect(describeChange(44, 45, { points: true }).words).toBe('en baisse de 1 point');
    expect(describeChange(45.04, 45, { points: true }).words).toBe('stable');
  });

  it('says when a quarter has no figure', () => {
    expect(describeChange(null, 10, { points: false })).toEqual({
      difference: null,
      words: 'pas de chiffre ce trimestre',
    });
    expect(describeChange(10, null, { points: true }).words).toBe('pas de chiffre au trimestre précédent');
  });
});
