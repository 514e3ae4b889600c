import { describe, expect, it } from 'vitest';
import { NO_DATA_COLOR, SEQUENTIAL_PALETTE, classBreaks, colorOf } from './class-breaks.js';

describe('choropleth classes', () => {
  it('makes five quantile classes from ten values, darkest for the highest', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const classes = classBreaks(values, 'quantile');
    expect(classes).toHaveLength(5);
    expect(classes.map((c) => c.color)).toEqual([...SEQUENTIAL_PALETTE]);
    expect(classes[0]!.from).toBe(1);
    expect(classes[4]!.to).toBe(10);
    expect(colorOf(10, classes)).toBe(SEQUENTIAL_PALETTE[4]);
    expect(colorOf(1, classes)).toBe(SEQUENTIAL_PALETTE[0]);
    for (const v of values) expect(colorOf(v, classes)).not.toBe(NO_DATA_COLOR);
  });

  it('uses equal intervals when asked and labels classes with French numbers', () => {
    const classes = classBreaks([0, 1000, 2500, 5000], 'equal', 5, 0);
    expect(classes.map((c) => [c.from, c.to])).toEqual([
      [0, 1000],
      [1000, 2000],
      [2000, 3000],
      [3000, 4000],
      [4000, 5000],
    ]);
    expect(classes[0]!.label).toBe('0 à moins de 1 000');
    expect(classes[4]!.label).toBe('4 000 à 5 000');
  });

  it('names the classes with the labeller it is given (a page in English)', () => {
    const english = (from: number, to: number | undefined, last: boolean) =>
      to === undefined ? `${from}` : `${from} to ${last ? '' : 'under '}${to}`;
    const classes = classBreaks([0, 1000, 2500, 5000], 'equal', 5, 0, english);
    expect(classes[0]!.label).toBe('0 to under 1000');
    expect(classes[4]!.label).toBe('4000 to 5000');
    expect(classBreaks([7, 7, 7], 'quantile', 5, 0, english).map((c) => c.label)).toEqual(['7']);
  });

  it('merges classes when there are few distinct values, and greys missing data', () => {
    expect(classBreaks([7, 7, 7]).map((c) => c.label)).toEqual(['7']);
    expect(classBreaks([1, 2]).length).toBeLessThanOrEqual(2);
    expect(classBreaks([])).toEqual([]);
    expect(colorOf(null, classBreaks([1, 2, 3]))).toBe(NO_DATA_COLOR);
    expect(colorOf(undefined, [])).toBe(NO_DATA_COLOR);
  });
});

describe('choropleth classes of repeated values', () => {
  it('never puts 0 and a reported value in one class when most units are at 0', () => {
    const values = [0, 0, 0, 29, 0, 0, 0, 0, 0];
    const classes = classBreaks(values, 'quantile', 5, 0);
    expect(classes.map((c) => c.label)).toEqual(['0', '29']);
    expect(colorOf(0, classes)).not.toBe(colorOf(29, classes));
    expect(colorOf(29, classes)).toBe(SEQUENTIAL_PALETTE[4]);
  });

  it('cuts over the distinct values when the quantiles of the repeated ones fall together', () => {
    const values = [...Array(20).fill(0), 5, 10, 15, 20, 25, 30, 35, 40];
    const classes = classBreaks(values, 'quantile', 5, 0);
    expect(classes).toHaveLength(5);
    expect(classes[0]!.label).toBe('0 à moins de 5');
    expect(new Set(values.map((v) => colorOf(v, classes))).size).toBe(5);
  });
});
