import type { IndicatorDefinition } from '@oise/catalog';
import { hashText, unit } from './seeded.js';

/** One entered cell of a commune's quarter: an indicator and a category ('' total, 'F', 'M'). */
export interface Cell {
  indicator: string;
  category: string;
  valueType: IndicatorDefinition['valueType'];
  min: number;
  max: number;
  /** Index of the cell this one is a part of (same category), or -1. */
  whole: number;
}

/** First quarter of the generated history: quarter index 0. */
export const FIRST_YEAR = 2015;

/** The quarter code of a quarter index (0 = 2015Q1). */
export function quarterOf(index: number): string {
  return `${FIRST_YEAR + Math.floor(index / 4)}Q${(index % 4) + 1}`;
}

/**
 * What a commune enters each quarter, and the value of every cell, computed from the seed and
 * the indices alone. Every indicator of the catalog that is entered (not ratios, not text) is
 * filled; sex-disaggregated ones as F and M (the total is derived, as the consolidation does).
 * Values keep each indicator's bounds, a part stays under its whole (F under F), a commune stays
 * near its own level from quarter to quarter (±10 %, so the outlier check rarely fires), and
 * about 2 % of commune-quarters are missing (completeness below 100 %).
 */
export class ValueModel {
  readonly cells: Cell[];

  constructor(
    catalog: readonly IndicatorDefinition[],
    readonly seed: number,
  ) {
    const entered = catalog.filter((i) => i.aggregation !== 'ratio' && i.valueType !== 'text');
    const cells: Cell[] = [];
    for (const i of entered) {
      for (const category of i.disaggregation === 'sex' ? ['F', 'M'] : ['']) {
        cells.push({
          indicator: i.code,
          category,
          valueType: i.valueType,
          min: i.min ?? 0,
          max: i.max ?? 1_000_000,
          whole: -1,
        });
      }
    }
    const index = new Map(cells.map((c, n) => [`${c.indicator}|${c.category}`, n]));
    for (const [n, c] of cells.entries()) {
      const def = entered.find((i) => i.code === c.indicator);
      if (def?.partOfCode) c.whole = index.get(`${def.partOfCode}|${c.category}`) ?? -1;
      if (c.whole === n) c.whole = -1;
    }
    this.cells = cells;
  }

  /** A stable number for a commune code (twins of a commune differ). */
  communeKey(code: string): number {
    return hashText(code);
  }

  /** Whether the commune reported that quarter (about 98 % do). */
  reports(commune: number, quarter: number): boolean {
    return unit(this.seed, commune, quarter, 7) >= 0.02;
  }

  /** The value of a cell for a commune and a quarter index. */
  value(commune: number, cellIndex: number, quarter: number): number {
    const cell = this.cells[cellIndex] as Cell;
    if (cell.whole >= 0) {
      const whole = this.value(commune, cell.whole, quarter);
      const share = 0.3 + 0.6 * unit(this.seed, commune, cellIndex, 11);
      const part = Math.min(cell.max, whole * share);
      return cell.valueType === 'number' ? Math.floor(part * 100) / 100 : Math.floor(part);
    }
    if (cell.valueType === 'boolean') return unit(this.seed, commune, cellIndex, 13) < 0.7 ? 1 : 0;
    const span = cell.max - cell.min;
    const small = span <= 100;
    const level =
      cell.min +
      span *
        (small
          ? 0.05 + 0.4 * unit(this.seed, commune, cellIndex, 17)
          : 0.01 + 0.09 * unit(this.seed, commune, cellIndex, 17));
    const v = Math.min(
      cell.max,
      Math.max(cell.min, level * (0.9 + 0.2 * unit(this.seed, commune, cellIndex, quarter, 19))),
    );
    return cell.valueType === 'number' ? Math.round(v * 100) / 100 : Math.round(v);
  }
}
