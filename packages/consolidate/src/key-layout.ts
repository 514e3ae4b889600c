import type { ConsolidationPlan } from './consolidation-plan.js';
import type { IndicatorRule } from './indicator-rules.js';

/*
 * Packed integer keys for the figure engine's temporary tables. SQLite groups by sorting, and a
 * sort on one integer is several times faster than on four text columns, so every row carries
 * one integer whose bit fields are (from the low bits):
 *
 *   group key  c (2 bits: '' F M) | i (indicator) | p (quarter, or year) | top (group or unit)
 *   base key   m (commune) | group key
 *
 * A quarter is p = (year - first year) × 4 + quarter − 1, so a year is p >> 2 and a year's key
 * has the year in the p field. Codes go back to text only in the result table.
 */

/** Categories by their number in the keys. */
export const CATEGORIES = ['', 'F', 'M'] as const;

function bitsFor(count: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(2, count))));
}

function quarterParts(code: string): { year: number; quarter: number } {
  const match = /^(\d{4})Q([1-4])$/.exec(code);
  if (!match) throw new Error(`figure engine: quarter code expected, got ${code}`);
  return { year: Number(match[1]), quarter: Number(match[2]) };
}

/** The ids of one pass and the SQL expressions that read and write the bit fields. */
export class KeyLayout {
  readonly firstYear: number;
  readonly indicatorIds: Map<string, number>;
  readonly communeIds = new Map<string, number>();
  readonly leafIds = new Map<string, number>();
  readonly unitIds = new Map<string, number>();
  /** Bits of the commune field (the base key's low bits). */
  readonly mb: number;
  private readonly ib: number;
  private readonly pb: number;
  /** Shift of the p field and of the top field in a group key. */
  readonly p0: number;
  readonly t0: number;

  constructor(plan: ConsolidationPlan, rules: IndicatorRule[]) {
    this.indicatorIds = new Map(rules.map((r, i) => [r.code, i]));
    const years = plan.quarters.map((q) => quarterParts(q).year);
    this.firstYear = years.length ? Math.min(...years) : 0;
    const lastYear = years.length ? Math.max(...years) : 0;
    for (const m of plan.leaves) {
      if (!this.communeIds.has(m.commune)) this.communeIds.set(m.commune, this.communeIds.size);
      if (!this.leafIds.has(m.leaf)) this.leafIds.set(m.leaf, this.leafIds.size);
    }
    const units = [
      ...plan.leafUnits.map((m) => m.unit),
      ...plan.yearLeafUnits.map((m) => m.unit),
      ...plan.map.map((m) => m.unit),
    ];
    for (const unit of units) if (!this.unitIds.has(unit)) this.unitIds.set(unit, this.unitIds.size);
    this.mb = bitsFor(this.communeIds.size);
    this.ib = bitsFor(rules.length);
    this.pb = bitsFor((lastYear - this.firstYear + 1) * 4);
    this.p0 = 2 + this.ib;
    this.t0 = this.p0 + this.pb;
    const top = Math.max(bitsFor(this.leafIds.size), bitsFor(this.unitIds.size));
    if (this.mb + this.t0 + top > 62) throw new Error('figure engine: too many ids for 64-bit keys');
  }

  /** p of a quarter code. */
  quarter(code: string): number {
    const { year, quarter } = quarterParts(code);
    return (year - this.firstYear) * 4 + quarter - 1;
  }

  /** p field value of a year (a year key holds the year there). */
  year(year: number): number {
    return year - this.firstYear;
  }

  /** (top << pb) | p: a group's or unit's period prefix, as the units tables hold it. */
  prefix(top: number, p: number): number {
    return top * 2 ** this.pb + p;
  }

  private get imask(): number {
    return 2 ** this.ib - 1;
  }

  private get pmask(): number {
    return 2 ** this.pb - 1;
  }

  /** Indicator id of a group key. */
  i(key: string): string {
    return `((${key} >> 2) & ${this.imask})`;
  }

  /** Category number of a group key. */
  c(key: string): string {
    return `(${key} & 3)`;
  }

  /** p field of a group key (the quarter, or the year of a year key). */
  p(key: string): string {
    return `((${key} >> ${this.p0}) & ${this.pmask})`;
  }

  /** Top field of a group key (the group, or the unit). */
  top(key: string): string {
    return `(${key} >> ${this.t0})`;
  }

  /** (top, p) prefix of a group key, as `prefix` builds it. */
  topP(key: string): string {
    return `(${key} >> ${this.p0})`;
  }

  /** Low fields of a group key (category and indicator), to carry over to another key. */
  ic(key: string): string {
    return `(${key} & ${2 ** this.p0 - 1})`;
  }

  /** The key with another indicator (and optionally category). */
  withI(key: string, i: string, c?: string): string {
    const cleared =
      c === undefined ? `(${key} & ~(${this.imask} << 2))` : `(${key} & ~(${this.imask} << 2 | 3))`;
    return `(${cleared} | ((${i}) << 2)${c === undefined ? '' : ` | (${c})`})`;
  }

  /** The key with another p field. */
  withP(key: string, p: string): string {
    return `((${key} & ~(${this.pmask} << ${this.p0})) | ((${p}) << ${this.p0}))`;
  }

  /** A group key from its top field and the low fields (p, i, c) of another key. */
  withTop(top: string, key: string): string {
    return `(((${top}) << ${this.t0}) | (${key} & ${2 ** this.t0 - 1}))`;
  }

  /** SQL for the category text of a group key. */
  categoryText(key: string): string {
    return `case ${this.c(key)} when 0 then '' when 1 then 'F' else 'M' end`;
  }
}
