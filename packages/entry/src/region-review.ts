import {
  DOMAINS,
  DOMAIN_LABELS,
  type Domain,
  isComputed,
  listIndicators,
  loadHierarchy,
} from '@oise/catalog';
import { completenessOfUnits, consolidationLag, readAggregates } from '@oise/consolidate';
import { type QuarterCalendar, addQuarters, formatQuarter, parseQuarter } from '@oise/core';
import type { Database } from '@oise/schema';
import { type ChildQuarter, type QuarterNoteView, childQuarter, readNote } from '@oise/workflow';
import type { Kysely } from 'kysely';
import type { EntryNode } from './entry-scope.js';
import { type IndicatorCategory, indicatorCategories } from './indicator-categories.js';
import { type ExpectedRange, OUTLIER_HISTORY_QUARTERS, unusualFigure } from './outlier.js';
import { REVIEW_HISTORY_QUARTERS } from './quarter-review.js';

/** A cercle's aggregated figure of one quarter, with the communes it comes from. */
export interface CercleFigure {
  value: number | null;
  /** Communes with a value of this indicator and category, out of those expected. */
  reporting: number;
  expected: number;
}

/** One cercle's aggregate of one indicator and category, this quarter and the quarters before. */
export interface RegionReviewLine extends IndicatorCategory {
  cercle: { code: string; name: string };
  /** By quarter, as `RegionQuarterReview.quarters`; null when the cercle has no aggregate then. */
  figures: (CercleFigure | null)[];
  /** Entry's outlier rule on this quarter's aggregate against the cercle's own past aggregates. */
  outlier: { range: ExpectedRange; message: string } | undefined;
}

/** A cercle of the region in review: completeness, entries missing, its unusual figures, the CSR's note. */
export interface CercleSummary {
  code: string;
  name: string;
  /** Communes with at least one value this quarter, out of the cercle's communes. */
  reporting: number;
  expected: number;
  /** Expected entries (communes × entered indicators) and those without a figure, from the aggregates. */
  entries: number;
  missing: number;
  /** Lines of this cercle the outlier rule finds unusual. */
  outliers: number;
  note: QuarterNoteView | undefined;
  /** Values of the cercle's communes that arrived since the last consolidation (not in its figures yet). */
  arrivedSince: number;
}

/** A region's quarter as national reviews it: the cercles first, their communes on demand. */
export interface RegionQuarterReview {
  unit: { code: string; name: string; level: 'region' };
  period: string;
  /** This quarter, then the `REVIEW_HISTORY_QUARTERS` before it, nearest first. */
  quarters: string[];
  state: ChildQuarter;
  cercles: CercleSummary[];
  /** The domains with figures in the window, in the workbook's order; lines by indicator, then cercle. */
  domains: { domain: Domain; label: string; lines: RegionReviewLine[] }[];
  outlierCount: number;
  /** Whether the node's aggregates take in everything it holds (consolidate's `consolidationLag`). */
  upToDate: boolean;
}

/**
 * Entries expected and missing for a cercle's quarter, from its aggregates: each entered
 * indicator expects every commune of the cercle, and its `reporting` (the most of its
 * categories) says how many gave one. The count `checkStoredQuarter` makes from the raw rows,
 * without reading them.
 */
export function missingFromAggregates(
  communes: number,
  entered: readonly string[],
  reportingOf: (indicator: string) => number,
): { entries: number; missing: number } {
  let missing = 0;
  for (const indicator of entered)
    missing += Math.max(0, communes - Math.min(communes, reportingOf(indicator)));
  return { entries: communes * entered.length, missing };
}

/**
 * A region's quarter in review at national, at the cercles' level: each cercle's aggregates
 * (consolidate's `readAggregates`, what the last consolidation kept) beside the
 * `REVIEW_HISTORY_QUARTERS` before, the unusual ones by entry's outlier rule against the
 * cercle's own past aggregates, each cercle's completeness (`completenessOfUnits`), the entries
 * missing (`missingFromAggregates`) and the CSR's note. A cercle's communes are `reviewQuarter`
 * with `within`. Undefined when `unit` is not a region child of the node that quarter.
 */
export async function reviewRegionQuarter(
  db: Kysely<Database>,
  options: { node: EntryNode; unit: string; quarter: string; now: string; calendar: QuarterCalendar },
): Promise<RegionQuarterReview | undefined> {
  const { node, unit, calendar } = options;
  const q = parseQuarter(options.quarter);
  const period = formatQuarter(q);
  const state = await childQuarter(db, node, unit, period, options.now, calendar);
  if (!state) return undefined;
  const hierarchy = await loadHierarchy(db, q);
  const target = hierarchy.get(unit);
  if (target?.level !== 'region') return undefined;
  const cercles = hierarchy.childrenOf(unit);
  const entered = (await listIndicators(db)).filter((d) => !isComputed(d));
  const shown = Array.from({ length: REVIEW_HISTORY_QUARTERS + 1 }, (_, i) =>
    formatQuarter(addQuarters(q, -i)),
  );
  const read = Array.from({ length: OUTLIER_HISTORY_QUARTERS + 1 }, (_, i) =>
    formatQuarter(addQuarters(q, -i)),
  );
  const figures = cercles.length
    ? await readAggregates(db, {
        periods: read,
        units: cercles.map((c) => c.code),
        indicators: entered.map((d) => d.code),
        calendar,
      })
    : [];
  // cercle|indicator|category → period → figure
  const series = new Map<string, Map<string, CercleFigure>>();
  for (const f of figures) {
    const key = `${f.unit}|${f.indicator}|${f.category}`;
    const byPeriod = series.get(key) ?? new Map<string, CercleFigure>();
    byPeriod.set(f.period, { value: f.value, reporting: f.reporting, expected: f.expected });
    series.set(key, byPeriod);
  }

  const outliersBy = new Map<string, number>();
  const domains: RegionQuarterReview['domains'] = [];
  for (const domain of DOMAINS) {
    const lines: RegionReviewLine[] = [];
    for (const { def, head } of indicatorCategories(entered.filter((d) => d.domain === domain)))
      for (const cercle of cercles) {
        const byPeriod = series.get(`${cercle.code}|${def.code}|${head.category}`);
        const row = shown.map((p) => byPeriod?.get(p) ?? null);
        if (row.every((f) => f === null || (f.value === null && f.reporting === 0))) continue;
        const outlier = unusualFigure(def.valueType, byPeriod, period, cercle.name);
        if (outlier) outliersBy.set(cercle.code, (outliersBy.get(cercle.code) ?? 0) + 1);
        lines.push({ ...head, cercle: { code: cercle.code, name: cercle.name }, figures: row, outlier });
      }
    if (lines.length > 0) domains.push({ domain, label: DOMAIN_LABELS[domain], lines });
  }

  const completeness = await completenessOfUnits(
    db,
    cercles.map((c) => c.code),
    [period],
    { calendar, scopeRoot: unit },
  );
  const lag = await consolidationLag(db, node.code);
  const summaries: CercleSummary[] = [];
  for (const cercle of cercles) {
    const c = completeness.get(`${cercle.code}|${period}`) ?? { reporting: 0, expected: 0, onTime: 0 };
    const reportingOf = (indicator: string) =>
      Math.max(
        0,
        ...['', 'F', 'M'].map(
          (k) => series.get(`${cercle.code}|${indicator}|${k}`)?.get(period)?.reporting ?? 0,
        ),
      );
    summaries.push({
      code: cercle.code,
      name: cercle.name,
      reporting: c.reporting,
      expected: c.expected,
      ...missingFromAggregates(
        c.expected,
        entered.map((d) => d.code),
        reportingOf,
      ),
      outliers: outliersBy.get(cercle.code) ?? 0,
      note: await readNote(db, cercle.code, period),
      arrivedSince: lag.units
        .filter((u) => u.period === period && u.unit === cercle.code)
        .reduce((n, u) => n + u.values, 0),
    });
  }
  return {
    unit: { code: target.code, name: target.name, level: 'region' },
    period,
    quarters: shown,
    state,
    cercles: summaries,
    domains,
    outlierCount: [...outliersBy.values()].reduce((a, b) => a + b, 0),
    upToDate: lag.upToDate,
  };
}
