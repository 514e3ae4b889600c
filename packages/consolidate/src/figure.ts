import { OiseError, tryParseQuarter } from '@oise/core';
import type { AggregateValue } from '@oise/schema';

/** One figure as a node sees it: a commune's own value, or a unit's aggregate. */
export interface Figure {
  indicator: string;
  unit: string;
  /** `2025Q1` or `2025`. */
  period: string;
  /** `''` for the total, `F`, `M`. */
  category: string;
  /** The figure, or null when nothing was reported. */
  value: number | null;
  /** For ratio indicators: the aggregated numerator and denominator the value comes from. */
  numerator: number | null;
  denominator: number | null;
  /** Communes that reported, out of those expected, and how many of them on time. */
  reporting: number;
  expected: number;
  onTime: number;
  /** `raw`: a commune's stored rows; `local`: computed by this node; `published`: national's. */
  source: 'raw' | 'local' | 'published';
  /** The node that computed the figure (null when nothing is known of it). */
  computedBy: string | null;
}

/** Which figure: indicator × unit × period × category. */
export type FigureKey = Pick<Figure, 'indicator' | 'unit' | 'period' | 'category'>;

/** Where a figure comes from and who computed it. */
export type FigureOrigin = Pick<Figure, 'source' | 'computedBy'>;

/** A figure in the columns of `aggregate_value`, which the figure engine's result uses too. */
export type FigureRow = Pick<
  AggregateValue,
  | 'indicator_code'
  | 'org_unit_code'
  | 'period'
  | 'category'
  | 'value'
  | 'numerator'
  | 'denominator'
  | 'reporting'
  | 'expected'
  | 'on_time'
>;

/** The one mapping from a stored aggregate or a computed row to a `Figure`. */
export function figureFromRow(row: FigureRow, origin: FigureOrigin): Figure {
  return {
    indicator: row.indicator_code,
    unit: row.org_unit_code,
    period: row.period,
    category: row.category,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    reporting: row.reporting,
    expected: row.expected,
    onTime: row.on_time,
    ...origin,
  };
}

/** A period of a figure: a quarter (`2025Q1`, `2025T1` accepted) or a year (`2025`). */
export interface FigurePeriod {
  code: string;
  kind: 'quarter' | 'year';
  year: number;
  /** The quarters it covers. */
  quarters: string[];
}

/** Reads a period as a person writes it; a French error otherwise. */
export function parseFigurePeriod(text: string): FigurePeriod {
  const trimmed = text.trim();
  if (/^\d{4}$/.test(trimmed)) {
    const year = Number(trimmed);
    if (year >= 1990 && year <= 2100)
      return { code: trimmed, kind: 'year', year, quarters: [1, 2, 3, 4].map((q) => `${year}Q${q}`) };
  }
  const q = tryParseQuarter(trimmed);
  if (!q) {
    throw new OiseError(
      'PERIOD_INVALID',
      `« ${text} » n'est pas une période valide : écrivez un trimestre (par exemple 2025T1) ou une année (2025).`,
    );
  }
  const code = `${q.year}Q${q.quarter}`;
  return { code, kind: 'quarter', year: q.year, quarters: [code] };
}
