/**
 * A chart as a report section describes it, before rendering: French labels, one or more
 * series, the unit of the values (shown as the axis title), and the size of the PNG.
 */
export interface ChartSpec {
  /** Short id, part of the PNG file name (`ccc-ML0401-2025Q1-activites.png`). */
  id: string;
  kind: 'bar' | 'horizontal-bar' | 'stacked-bar' | 'line' | 'doughnut';
  title: string;
  subtitle?: string;
  labels: string[];
  datasets: ChartSeries[];
  /** Unit of the values (axis title), e.g. « nombre », « % », « FCFA ». */
  unit?: string;
  /**
   * Whole ticks on the value axis (counts: no « 0,3 élu »). Default: when every value is a whole
   * number.
   */
  integer?: boolean;
  width: number;
  height: number;
}

export interface ChartSeries {
  label: string;
  data: (number | null)[];
  color?: string;
}

/** A colour-blind-safe qualitative palette (Okabe–Ito, darkened for white backgrounds). */
export const SERIES_COLORS = [
  '#0072B2',
  '#D55E00',
  '#009E73',
  '#CC79A7',
  '#E69F00',
  '#56B4E9',
  '#8C6D31',
  '#555555',
] as const;

/** Colours used for women and men in every chart by sex. */
export const SEX_COLORS = { F: '#CC3D7A', M: '#2F6DB5' } as const;

export const DEFAULT_CHART_SIZE = { width: 900, height: 480 } as const;
