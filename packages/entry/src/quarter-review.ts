import {
  DOMAINS,
  DOMAIN_LABELS,
  type Domain,
  isComputed,
  listIndicators,
  loadHierarchy,
} from '@oise/catalog';
import { type QuarterCalendar, addQuarters, formatQuarter, parseQuarter } from '@oise/core';
import type { DataValue, Database } from '@oise/schema';
import {
  type ChildQuarter,
  type QuarterNoteView,
  childQuarter,
  missingEntries,
  readNote,
} from '@oise/workflow';
import { type Kysely, sql } from 'kysely';
import type { EntryNode } from './entry-scope.js';
import { type IndicatorCategory, indicatorCategories } from './indicator-categories.js';
import { type ExpectedRange, OUTLIER_HISTORY_QUARTERS, unusualFigure } from './outlier.js';

/** How many quarters before the one in review its values are shown beside. */
export const REVIEW_HISTORY_QUARTERS = 4;

/** One stored figure of a quarter: a number (yes/no as 1/0), or a text. */
export interface ReviewFigure {
  value: number | null;
  text: string | null;
}

/** One commune's figure of one indicator and category, this quarter and the quarters before. */
export interface ReviewLine extends IndicatorCategory {
  commune: { code: string; name: string };
  /** The commune's cercle, when the unit in review is a region. */
  cercle: { code: string; name: string } | undefined;
  /** By quarter, as `QuarterReview.quarters`: this quarter first, then the ones before; null when absent. */
  figures: (ReviewFigure | null)[];
  /** Entry's outlier rule on this quarter's figure (the commune's own history), when it is unusual. */
  outlier: { range: ExpectedRange; message: string } | undefined;
}

/** How many of the expected entries a commune has this quarter (one per entered indicator). */
export interface CommuneCompleteness {
  code: string;
  name: string;
  cercle: { code: string; name: string } | undefined;
  entered: number;
  expected: number;
}

/** A child's quarter as its parent reviews it. */
export interface QuarterReview {
  unit: { code: string; name: string; level: 'cercle' | 'region' };
  period: string;
  /** This quarter, then the `REVIEW_HISTORY_QUARTERS` before it, nearest first. */
  quarters: string[];
  /** Its state, reception and lateness, as the board shows it (`childQuarter` of @oise/workflow). */
  state: ChildQuarter;
  /** The CSR's note on a cercle's quarter (`readNote`), if any. */
  note: QuarterNoteView | undefined;
  /** A region's quarter: the CSR's notes on its cercles' quarters, those that have one. */
  cercleNotes: { cercle: { code: string; name: string }; note: QuarterNoteView }[];
  /** The domains with figures in the window, in the workbook's order; lines in catalog order. */
  domains: { domain: Domain; label: string; lines: ReviewLine[] }[];
  outlierCount: number;
  /** Every commune of the unit (or of `within`), in the quarter's territory. */
  communes: CommuneCompleteness[];
  /** A region's quarter restricted to one of its cercles (its communes on demand), if asked. */
  within: { code: string; name: string } | undefined;
}

/**
 * A child's quarter in review at its parent (a cercle's at the region, a region's at national):
 * its state (`childQuarter`), the CSR's note (a region's: those on its cercles), each commune's figures of the quarter beside the
 * quarters before (`REVIEW_HISTORY_QUARTERS`), the unusual ones by entry's outlier rule against
 * the commune's history (as an import warns), and how many of the expected entries each commune
 * has (workflow's `missingEntries` over the rows read, the count `checkStoredQuarter` and so a
 * submission records). A region's quarter may be
 * restricted to one of its cercles (`within`): only that cercle's communes, checks and note.
 * Undefined when `unit` is not a child of the node in that quarter's territory, or `within`
 * not a cercle of it.
 */
export async function reviewQuarter(
  db: Kysely<Database>,
  options: {
    node: EntryNode;
    unit: string;
    quarter: string;
    now: string;
    calendar: QuarterCalendar;
    within?: string;
  },
): Promise<QuarterReview | undefined> {
  const { node, unit } = options;
  const q = parseQuarter(options.quarter);
  const period = formatQuarter(q);
  const state = await childQuarter(db, node, unit, period, options.now, options.calendar);
  if (!state) return undefined;
  const hierarchy = await loadHierarchy(db, q);
  const target = hierarchy.get(unit)!;
  const level = target.level === 'region' ? 'region' : 'cercle';
  const within = options.within === undefined ? undefined : hierarchy.get(options.within);
  if (options.within !== undefined && (level !== 'region' || within?.parentCode !== unit)) return undefined;
  const scope = within?.code ?? unit;
  const cercleOf = (commune: string) => {
    if (level === 'cercle') return undefined;
    const parent = hierarchy.get(hierarchy.get(commune)?.parentCode ?? '');
    return parent ? { code: parent.code, name: parent.name } : undefined;
  };
  const communes = hierarchy.descendantsAt(scope, 'commune');
  const catalog = await listIndicators(db);
  const entered = catalog.filter((d) => !isComputed(d));
  const defs = new Map(entered.map((d) => [d.code, d]));

  const shown = Array.from({ length: REVIEW_HISTORY_QUARTERS + 1 }, (_, i) =>
    formatQuarter(addQuarters(q, -i)),
  );
  const read = Array.from({ length: OUTLIER_HISTORY_QUARTERS + 1 }, (_, i) =>
    formatQuarter(addQuarters(q, -i)),
  );
  // Seeks on the primary key (commune, indicator, quarter), one range of quarters per commune and
  // indicator: the quarter's index would read every commune of the country for each quarter.
  // Quarter codes sort as text; another period in the range (a year) is never looked up below.
  const rows = communes.length
    ? (
        await sql<
          Pick<DataValue, 'org_unit_code' | 'indicator_code' | 'category' | 'period' | 'value' | 'value_text'>
        >`
          select org_unit_code, indicator_code, category, period, value, value_text
          from data_value indexed by sqlite_autoindex_data_value_1
          where org_unit_code in (select value from json_each(${JSON.stringify(communes.map((c) => c.code))}))
            and indicator_code in (select value from json_each(${JSON.stringify(entered.map((d) => d.code))}))
            and period between ${read[read.length - 1]!} and ${read[0]!}
            and deleted = 0`.execute(db)
      ).rows
    : [];
  // commune|indicator|category → period → figure
  const series = new Map<string, Map<string, ReviewFigure>>();
  // The quarter's stored entries, whatever their figure: what `checkStoredQuarter` counts.
  const stored = new Set<string>();
  for (const r of rows) {
    if (r.period === period) stored.add(`${r.org_unit_code}|${r.indicator_code}`);
    if (!defs.has(r.indicator_code) || (r.value === null && r.value_text === null)) continue;
    const key = `${r.org_unit_code}|${r.indicator_code}|${r.category}`;
    const byPeriod = series.get(key) ?? new Map<string, ReviewFigure>();
    byPeriod.set(r.period, { value: r.value, text: r.value_text });
    series.set(key, byPeriod);
  }

  const domains: QuarterReview['domains'] = [];
  let outlierCount = 0;
  for (const domain of DOMAINS) {
    const lines: ReviewLine[] = [];
    for (const { def, head } of indicatorCategories(entered.filter((d) => d.domain === domain)))
      for (const commune of communes) {
        const byPeriod = series.get(`${commune.code}|${def.code}|${head.category}`);
        const figures = shown.map((p) => byPeriod?.get(p) ?? null);
        if (figures.every((f) => f === null)) continue;
        const outlier = unusualFigure(def.valueType, byPeriod, period, commune.name);
        if (outlier) outlierCount++;
        lines.push({
          ...head,
          commune: { code: commune.code, name: commune.name },
          cercle: cercleOf(commune.code),
          figures,
          outlier,
        });
      }
    if (lines.length > 0) domains.push({ domain, label: DOMAIN_LABELS[domain], lines });
  }

  const cercleNotes: QuarterReview['cercleNotes'] = [];
  if (level === 'region')
    for (const cercle of within ? [within] : hierarchy.childrenOf(unit)) {
      const note = await readNote(db, cercle.code, period);
      if (note) cercleNotes.push({ cercle: { code: cercle.code, name: cercle.name }, note });
    }
  const missing = missingEntries(
    communes.map((c) => c.code),
    entered,
    (c, i) => stored.has(`${c}|${i}`),
  );
  const missingBy = new Map<string, number>();
  for (const m of missing) missingBy.set(m.orgUnit, (missingBy.get(m.orgUnit) ?? 0) + 1);
  return {
    unit: { code: target.code, name: target.name, level },
    period,
    quarters: shown,
    state,
    note: level === 'cercle' ? await readNote(db, unit, period) : undefined,
    cercleNotes,
    domains,
    outlierCount,
    communes: communes.map((c) => ({
      code: c.code,
      name: c.name,
      cercle: cercleOf(c.code),
      entered: entered.length - (missingBy.get(c.code) ?? 0),
      expected: entered.length,
    })),
    within: within ? { code: within.code, name: within.name } : undefined,
  };
}
