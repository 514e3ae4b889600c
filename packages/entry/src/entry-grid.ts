import {
  DOMAINS,
  DOMAIN_LABELS,
  type Domain,
  type IndicatorDefinition,
  isComputed,
  listIndicators,
} from '@oise/catalog';
import {
  compareQuarters,
  formatQuarter,
  formatQuarterFr,
  parseQuarter,
  quarterLabel,
  quarterOf,
} from '@oise/core';
import type { Database } from '@oise/schema';
import { LOCK_WHAT_TO_DO, lockState, quarterLock } from '@oise/workflow';
import type { Kysely } from 'kysely';
import { cercleQuarter } from './cercle-quarter.js';
import type { EntryNode } from './entry-scope.js';
import { type IndicatorCategory, indicatorCategories } from './indicator-categories.js';

/** One entry column of a domain: an indicator, and one of its categories (F, M, or '' for the total). */
export interface GridColumn extends IndicatorCategory {
  min: number | null;
  max: number | null;
  /** The indicator this one is a part of (never above it), when there is one. */
  partOf: string | null;
}

/** A figure of the grid: this quarter's stored text and last quarter's, as an adviser types them. */
export interface GridCell {
  text: string | null;
  previous: string | null;
}

/** The communes × indicators grid of one domain and quarter, like a sheet of the entry workbook. */
export interface EntryGrid {
  cercle: { code: string; name: string };
  quarter: string;
  previousQuarter: string;
  domain: Domain;
  /** The domains that have indicators to enter, in the workbook's order, with their labels. */
  domains: { domain: Domain; label: string }[];
  /** The cercle's communes in the quarter's territory, with their names as it spells them. */
  communes: { code: string; name: string }[];
  /** The domain's entered indicators in catalog order (ratios are computed, never entered). */
  columns: GridColumn[];
  /** By `gridCellKey`; a cell with neither figure is absent. */
  cells: Map<string, GridCell>;
  /** Why nothing can be typed this quarter (submitted, validated, not begun), in French. */
  readOnly: EntryReadOnly | undefined;
}

/** Why a cercle's quarter takes no entry: closed by the workflow, or not begun. */
export interface EntryReadOnly {
  code: 'QUARTER_READ_ONLY' | 'PERIOD_FUTURE';
  message: string;
}

/**
 * Whether a cercle's quarter is closed to entry, and why in French: not begun yet, or
 * submitted, validated or consolidated (the workflow's `quarterLock`). The grid and the record
 * lists show it the same way.
 */
export async function entryReadOnly(
  db: Kysely<Database>,
  cercle: string,
  quarter: string,
  now: string,
): Promise<EntryReadOnly | undefined> {
  const q = parseQuarter(quarter);
  if (compareQuarters(q, quarterOf(now)) > 0)
    return {
      code: 'PERIOD_FUTURE',
      message: `le ${quarterLabel(q)} n'est pas encore commencé : choisissez un trimestre passé ou en cours.`,
    };
  const lock = await quarterLock(db, cercle, formatQuarter(q));
  if (!lock) return undefined;
  return {
    code: 'QUARTER_READ_ONLY',
    message: `le trimestre ${formatQuarterFr(q)} de ${cercle} ${lockState(lock)} : il est en lecture seule. ${LOCK_WHAT_TO_DO}`,
  };
}

export function gridCellKey(commune: string, indicator: string, category: string): string {
  return `${commune}|${indicator}|${category}`;
}

/**
 * A stored figure as an adviser would type it again: whole numbers as digits, decimals with a
 * comma, yes/no as « oui »/« non ». Typing it back gives the same figure (nothing changes).
 */
export function storedValueText(
  valueType: IndicatorDefinition['valueType'],
  value: number | null,
  valueText: string | null,
): string | null {
  if (valueType === 'text') return valueText;
  if (value === null) return null;
  if (valueType === 'boolean') return value === 1 ? 'oui' : 'non';
  return String(value).replace('.', ',');
}

/**
 * Reads the grid of one domain for a cercle's quarter: its communes (the territory of that
 * quarter), the domain's entered indicators with F, M and total columns where counted by sex,
 * this quarter's stored figures and last quarter's beside them, and whether the quarter is
 * closed to entry. Without `domain`, the first domain that has indicators to enter.
 */
export async function readEntryGrid(
  db: Kysely<Database>,
  options: { node: EntryNode; quarter: string; domain?: Domain; now: string },
): Promise<EntryGrid> {
  const { node } = options;
  const {
    quarter,
    previous: previousQuarter,
    hierarchy,
    cercle,
  } = await cercleQuarter(db, node, options.quarter, 'la saisie se fait');
  const entered = (await listIndicators(db)).filter((d) => !isComputed(d));
  const domains = DOMAINS.filter((d) => entered.some((def) => def.domain === d)).map((d) => ({
    domain: d,
    label: DOMAIN_LABELS[d],
  }));
  const domain = options.domain ?? domains[0]?.domain ?? DOMAINS[0];
  const defs = entered.filter((d) => d.domain === domain);
  // « filles », « hommes » in a cell's name (`categoryLabel`); the total needs none.
  const columns: GridColumn[] = indicatorCategories(defs).map(({ def, head }) => ({
    ...head,
    min: def.min,
    max: def.max,
    partOf: def.partOfCode,
  }));
  const communes = hierarchy.descendantsAt(node.code, 'commune').map((c) => ({ code: c.code, name: c.name }));

  const cells = new Map<string, GridCell>();
  if (communes.length > 0 && defs.length > 0) {
    const types = new Map(defs.map((d) => [d.code, d.valueType]));
    const rows = await db
      .selectFrom('data_value')
      .select(['org_unit_code', 'indicator_code', 'period', 'category', 'value', 'value_text'])
      .where('period', 'in', [quarter, previousQuarter])
      .where(
        'org_unit_code',
        'in',
        communes.map((c) => c.code),
      )
      .where('indicator_code', 'in', [...types.keys()])
      .where('deleted', '=', 0)
      .execute();
    for (const r of rows) {
      const key = gridCellKey(r.org_unit_code, r.indicator_code, r.category);
      const cell = cells.get(key) ?? { text: null, previous: null };
      const text = storedValueText(types.get(r.indicator_code)!, r.value, r.value_text);
      if (r.period === quarter) cell.text = text;
      else cell.previous = text;
      cells.set(key, cell);
    }
  }

  const readOnly = await entryReadOnly(db, node.code, quarter, options.now);
  return {
    cercle: { code: cercle.code, name: cercle.name },
    quarter,
    previousQuarter,
    domain,
    domains,
    communes,
    columns,
    cells,
    readOnly,
  };
}
